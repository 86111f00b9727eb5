"""Train the judge's two heads and write ``argmap/resources/judge.npz``.

    .venv/bin/python bench/train_judge.py [--out PATH] [--train-topics N] [--no-write]

Reads ``data/judge/topics`` (bench/judge_data.py), encodes every text once with the bundled
all-MiniLM-L6-v2 (vectors cached in ``bench/.cache``), then fits
- the ``pair`` head (same / supports / attacks / unrelated) on the written pairs and the pairs
  derived from each topic's claims and question phrasings;
- the ``stance`` head (pro / con / neutral) on every claim against every phrasing of its topic's
  question.
Settings (hidden size, weight decay, epochs) are chosen on validation topics carved out of the
training topics (``crc32(id) % 5 == 1``), never on the held-out ones; the chosen settings are
then refit on all training topics. Held-out figures are printed at the end: they are the gate.
Seeded: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge_data import (  # noqa: E402
    Example,
    derived_pairs,
    load_topics,
    macro_f1,
    pair_examples,
    split,
    stance_examples,
    validation,
)

from argmap.judge.base import PAIR_LABELS, STANCE_LABELS  # noqa: E402
from argmap.judge.features import LEXICAL_NAMES, pair_features  # noqa: E402
from argmap.judge.head import Head, save_heads  # noqa: E402
from argmap.judge.minilm import DEFAULT_WEIGHTS  # noqa: E402

SEED = 13
CACHE = Path(__file__).resolve().parent / ".cache"
GRID = [
    {"hidden": 0, "decay": 1e-3, "epochs": 60},
    {"hidden": 0, "decay": 1e-2, "epochs": 60},
    {"hidden": 128, "decay": 1e-3, "epochs": 40},
    {"hidden": 128, "decay": 1e-2, "epochs": 40},
    {"hidden": 256, "decay": 3e-2, "epochs": 40},
]


def encode_all(texts: list[str]) -> dict[str, np.ndarray]:
    """Vectors for every text, from the cache where it has them."""
    from argmap.embed import make_embedder

    CACHE.mkdir(exist_ok=True)
    path = CACHE / "judge_vectors.npz"
    have: dict[str, np.ndarray] = {}
    if path.is_file():
        with np.load(path) as z:
            have = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))
    key = {t: hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts}
    missing = [t for t in dict.fromkeys(texts) if key[t] not in have]
    if missing:
        print(f"encoding {len(missing)} texts...", file=sys.stderr)
        vecs = make_embedder(None).encode(missing)
        for t, v in zip(missing, vecs, strict=True):
            have[key[t]] = v
        keys = list(have)
        np.savez(path, keys=np.array(keys), vecs=np.stack([have[k] for k in keys]))
    return {t: have[key[t]] for t in texts}


def featurise(examples: list[Example], vec: dict[str, np.ndarray]) -> np.ndarray:
    a = [e.a for e in examples]
    b = [e.b for e in examples]
    u = np.stack([vec[t] for t in a])
    v = np.stack([vec[t] for t in b])
    return pair_features(a, b, u, v)


def fit(
    x: np.ndarray, y: np.ndarray, n_labels: int, hidden: int, decay: float, epochs: int
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """A softmax layer (hidden=0) or one ReLU layer, AdamW, class-balanced loss, fixed seed."""
    import torch

    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    mean = x.mean(axis=0)
    std = x.std(axis=0) + 1e-4
    xt = torch.tensor((x - mean) / std, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.long)
    counts = np.bincount(y, minlength=n_labels).astype(np.float32)
    weight = torch.tensor(counts.sum() / (n_labels * np.maximum(counts, 1)), dtype=torch.float32)
    if hidden:
        net = torch.nn.Sequential(
            torch.nn.Linear(x.shape[1], hidden),
            torch.nn.ReLU(),
            torch.nn.Dropout(0.2),
            torch.nn.Linear(hidden, n_labels),
        )
    else:
        net = torch.nn.Sequential(torch.nn.Linear(x.shape[1], n_labels))
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=decay)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    n = len(y)
    for _ in range(epochs):
        net.train()
        order = rng.permutation(n)
        for i in range(0, n, 64):
            idx = torch.tensor(order[i : i + 64])
            opt.zero_grad()
            loss = loss_fn(net(xt[idx]), yt[idx])
            # an L2 pull on the weights themselves keeps the wide vector block from memorising
            loss.backward()
            opt.step()
    net.eval()
    params = [p.detach().numpy().copy() for p in net.parameters()]
    return mean, std, params


def to_head(
    labels: tuple[str, ...], mean: np.ndarray, std: np.ndarray, params: list[np.ndarray], dim: int
) -> Head:
    names = tuple(f"vec{i}" for i in range(dim - len(LEXICAL_NAMES))) + LEXICAL_NAMES
    if len(params) == 2:
        w1, b1 = params
        return Head(labels, names, mean, std, w1.T, b1, np.zeros((0, 0)), np.zeros(0))
    w1, b1, w2, b2 = params
    return Head(labels, names, mean, std, w1.T, b1, w2.T, b2)


def evaluate(head: Head, x: np.ndarray, gold: list[str]) -> dict[str, float]:
    pred = [head.labels[i] for i in head.proba(x).argmax(axis=1)]
    return macro_f1(gold, pred, head.labels)


def select_and_fit(
    name: str,
    train: list[Example],
    labels: tuple[str, ...],
    vec: dict[str, np.ndarray],
    score_on: list[Example] | None = None,
) -> tuple[Head, dict]:
    """Choose settings on validation topics, refit on all training topics."""
    fit_part = [e for e in train if not validation(e.topic)]
    val_part = [e for e in (score_on or train) if validation(e.topic)]
    x_fit = featurise(fit_part, vec)
    y_fit = np.array([labels.index(e.label) for e in fit_part])
    x_val = featurise(val_part, vec)
    best, best_f1 = GRID[0], -1.0
    for cfg in GRID:
        mean, std, params = fit(x_fit, y_fit, len(labels), **cfg)
        head = to_head(labels, mean, std, params, x_fit.shape[1])
        f1 = evaluate(head, x_val, [e.label for e in val_part])["macro"]
        print(f"  {name} {cfg}: validation macro-F1 {f1:.3f}", file=sys.stderr)
        if f1 > best_f1:
            best, best_f1 = cfg, f1
    x = featurise(train, vec)
    y = np.array([labels.index(e.label) for e in train])
    mean, std, params = fit(x, y, len(labels), **best)
    return to_head(labels, mean, std, params, x.shape[1]), {"settings": best, "val": best_f1}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(DEFAULT_WEIGHTS))
    ap.add_argument("--train-topics", type=int, help="use only the first N training topics")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    topics = load_topics()
    written = [e for t in topics for e in pair_examples(t)]
    derived = [e for t in topics for e in derived_pairs(t)]
    stance = [e for t in topics for e in stance_examples(t)]
    w_train, w_test = split(written)
    d_train, d_test = split(derived)
    s_train, s_test = split(stance)
    if args.train_topics:
        keep = sorted({e.topic for e in w_train})[: args.train_topics]
        w_train = [e for e in w_train if e.topic in keep]
        d_train = [e for e in d_train if e.topic in keep]
        s_train = [e for e in s_train if e.topic in keep]
    n_train = len({e.topic for e in w_train})
    n_test = len({e.topic for e in w_test})
    print(
        f"{len(topics)} topics ({n_train} training, {n_test} held out); "
        f"pairs {len(w_train)}+{len(d_train)} derived / {len(w_test)} held out; "
        f"stance {len(s_train)} / {len(s_test)}",
        file=sys.stderr,
    )
    texts = [t for e in written + derived + stance for t in (e.a, e.b)]
    vec = encode_all(texts)
    pair_head, pinfo = select_and_fit("pair", w_train + d_train, PAIR_LABELS, vec, w_train)
    stance_head, sinfo = select_and_fit("stance", s_train, STANCE_LABELS, vec)
    pf = evaluate(pair_head, featurise(w_test, vec), [e.label for e in w_test])
    sf = evaluate(stance_head, featurise(s_test, vec), [e.label for e in s_test])
    print(f"pair head {pinfo['settings']}: held-out " + _fmt(pf, PAIR_LABELS))
    print(f"stance head {sinfo['settings']}: held-out " + _fmt(sf, STANCE_LABELS))
    if not args.no_write:
        save_heads(args.out, {"pair": pair_head, "stance": stance_head})
        print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB)")
    return 0


def _fmt(f: dict[str, float], labels: tuple[str, ...]) -> str:
    return f"macro-F1 {f['macro']:.3f} (" + ", ".join(f"{k} {f[k]:.2f}" for k in labels) + ")"


if __name__ == "__main__":
    sys.exit(main())
