"""Fine-tune the cross judge's top MiniLM layers and heads; write ``argmap/resources/judge_cross.npz``.

    .venv/bin/python bench/train_cross.py --validate          # choose epochs on validation topics
    .venv/bin/python bench/train_cross.py --epochs N          # fit on all training topics, write

Data: ``data/judge/topics`` through bench/judge_data.py -- the written pairs and the pairs
derived from each topic's claims and question phrasings train the ``pair`` head; every claim
against its topic's phrasings (two drawn per claim and epoch) trains the ``stance`` head. Both
heads share the fine-tuned layers. ``--validate`` holds out the validation topics
(``crc32(id) % 5 == 1``) and prints their figures after each epoch; the held-out topics
(``% 5 == 0``) are scored once, at the end of a final fit. The bottom layers are frozen, so
their token states are computed once and cached in ``bench/.cache``. Seeded.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge_data import (  # noqa: E402
    Example,
    cross_topic_examples,
    derived_pairs,
    held_out,
    load_motions,
    load_topics,
    macro_f1,
    motion_stance_examples,
    pair_examples,
    pair_stance_examples,
    split,
    stance_examples,
    valence_readings,
    validation,
)

from argmap.judge.cross import (  # noqa: E402
    AUX_LABELS,
    DEFAULT_CROSS_WEIGHTS,
    TASK_LABELS,
    Lower,
    build_net,
    copy_upper_from_hf,
    lexical_rows,
    pad,
    pooled_cosine,
    product_direction,
    save_cross,
)
from argmap.judge.features import LEXICAL_NAMES  # noqa: E402

SEED = 13
CACHE = Path(__file__).resolve().parent / ".cache"


def lower_states(texts: list[str], split_at: int) -> dict[str, object]:
    import torch

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"cross_states_{split_at}.pt"
    have: dict[str, object] = torch.load(path) if path.is_file() else {}
    key = {t: hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts}
    missing = [t for t in dict.fromkeys(texts) if key[t] not in have]
    if missing:
        print(f"lower layers on {len(missing)} texts...", file=sys.stderr)
        lower = Lower(split_at)
        for t, s in zip(missing, lower.states(missing), strict=True):
            have[key[t]] = s.half()
        torch.save(have, path)
    return {t: have[key[t]] for t in texts}


def aux_labels(topics: list[dict]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """``(topic, claim, motion) -> (valence, view)`` label indices of the sided claims."""
    return {
        (r.topic, r.claim, r.motion): (0 if r.good else 1, 0 if r.for_ else 1)
        for r in valence_readings(topics)
    }


class Data:
    def __init__(
        self,
        examples: list[Example],
        states: dict,
        task: str,
        aux: dict[tuple[str, str, str], tuple[int, int]] | None = None,
    ) -> None:
        self.ex = examples
        self.task = task
        labels = TASK_LABELS[task]
        self.y = np.array([labels.index(e.label) for e in examples])
        got = [(aux or {}).get((e.topic, e.a, e.b), (-1, -1)) for e in examples]
        self.yv = np.array([g[0] for g in got])
        self.yw = np.array([g[1] for g in got])
        cos = [pooled_cosine(states[e.a].float(), states[e.b].float()) for e in examples]
        self.lex = lexical_rows([e.a for e in examples], [e.b for e in examples], cos)


def batch(data: Data, part: list[int], states: dict):
    """Padded tensors for the examples ``part`` of ``data``: both texts, rules, labels."""
    import torch

    xa, ma = pad([states[data.ex[i].a].float() for i in part])
    xb, mb = pad([states[data.ex[i].b].float() for i in part])
    return xa, ma, xb, mb, torch.tensor(data.lex[part]), torch.tensor(data.y[part])


def probs(net, data: Data, states: dict, task: str):
    """Each example's label probabilities from ``task``'s head, in batches of similar length."""
    import torch

    net.eval()
    order = sorted(range(len(data.ex)), key=lambda i: len(data.ex[i].a) + len(data.ex[i].b))
    n_labels = len(TASK_LABELS[task]) if task in TASK_LABELS else len(AUX_LABELS[task])
    out = np.zeros((len(data.ex), n_labels), dtype=np.float32)
    with torch.inference_mode():
        for s in range(0, len(order), 128):
            part = order[s : s + 128]
            xa, ma, xb, mb, lex, _ = batch(data, part, states)
            out[part] = net(xa, ma, xb, mb, lex, task).softmax(-1).numpy()
    return out


def score(net, data: Data, states: dict) -> dict[str, float]:
    labels = TASK_LABELS[data.task]
    pred = [labels[k] for k in probs(net, data, states, data.task).argmax(1)]
    return macro_f1([e.label for e in data.ex], pred, labels)


def sign_accuracy(net, data: Data, states: dict) -> float:
    """Of the sided examples, how often P(pro) > P(con) says the right side: the direction
    alone, apart from telling sided claims from neutral ones."""
    p = probs(net, data, states, "stance")
    idx = [i for i, e in enumerate(data.ex) if e.label != "neutral"]
    if not idx:
        return float("nan")
    return float(np.mean([(p[i, 0] > p[i, 1]) == (data.ex[i].label == "pro") for i in idx]))


def aux_readings(net, data: Data, states: dict) -> str:
    """Accuracy of the valence and view heads on the sided examples that have them, and of
    their product read as a direction beside the stance head's own."""
    idx = np.flatnonzero(data.yv >= 0)
    if not len(idx):
        return ""
    pv = probs(net, data, states, "valence")[idx]
    pw = probs(net, data, states, "view")[idx]
    ps = probs(net, data, states, "stance")[idx]
    pro = np.array([data.ex[i].label == "pro" for i in idx])
    prod = product_direction(ps, pv, pw)
    return (
        f" valence {np.mean(pv.argmax(1) == data.yv[idx]):.3f}"
        f" view {np.mean(pw.argmax(1) == data.yw[idx]):.3f}"
        f" product-sign {np.mean((prod[:, 0] > prod[:, 1]) == pro):.3f}"
        f" head-sign {np.mean((ps[:, 0] > ps[:, 1]) == pro):.3f}"
    )


def compare_stance_readings(net, data: Data, states: dict) -> None:
    """Stance from the stance head, from the pair head (supports = pro, attacks = con,
    unrelated = neutral, same = pro), and from their mean, on the validation topics."""
    gold = [e.label for e in data.ex]
    ps = probs(net, data, states, "stance")
    pp = probs(net, data, states, "pair")
    # pair labels: same, supports, attacks, unrelated -> pro, con, neutral
    as_stance = np.stack([pp[:, 0] + pp[:, 1], pp[:, 2], pp[:, 3]], axis=1)
    readings = [("stance head", ps), ("pair head", as_stance), ("mean", (ps + as_stance) / 2)]
    if "view" in net.heads:
        pv, pw = probs(net, data, states, "valence"), probs(net, data, states, "view")
        readings.append(("valence x view", product_direction(ps, pv, pw)))
    for name, p in readings:
        pred = [TASK_LABELS["stance"][k] for k in p.argmax(1)]
        f = macro_f1(gold, pred, TASK_LABELS["stance"])
        print(f"  stance read by {name}: {f['macro']:.3f}", flush=True)


def stance_draw(
    stance: list[Example], per_claim: int, rng: random.Random, balance: bool = False
) -> list[int]:
    by_claim: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(stance):
        by_claim.setdefault((e.topic, e.a), []).append(i)
    out = []
    for idx in by_claim.values():
        # one phrasing per side the claim takes on them: a sided claim is seen against a
        # phrasing it is for and one it is against, so the motion's direction must be read
        by_label: dict[str, list[int]] = {}
        for i in idx:
            by_label.setdefault(stance[i].label, []).append(i)
        if balance and len(by_label) > 1:
            for group in by_label.values():
                out += rng.sample(group, min(max(1, per_claim // 2), len(group)))
        else:
            out += rng.sample(idx, min(per_claim, len(idx)))
    return out


def train(
    pairs: Data,
    stance: Data,
    states: dict,
    args: argparse.Namespace,
    watch: list[tuple[str, Data]],
):
    import torch
    from transformers import AutoModel

    from argmap.embed.st import default_model_path

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    net = build_net(args.split, 6 - args.split, args.hidden, len(LEXICAL_NAMES), args.aux > 0)
    copy_upper_from_hf(net, AutoModel.from_pretrained(default_model_path()))
    lex = np.vstack([pairs.lex, stance.lex])
    net.lex_mean.copy_(torch.tensor(lex.mean(0)))
    net.lex_std.copy_(torch.tensor(lex.std(0) + 1e-4))
    body = [p for n, p in net.named_parameters() if not n.startswith("heads")]
    opt = torch.optim.AdamW(
        [
            {"params": body, "lr": args.lr},
            {"params": net.heads.parameters(), "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    losses = {}
    for d in (pairs, stance):
        counts = np.bincount(d.y, minlength=len(TASK_LABELS[d.task])).astype(np.float32)
        w = counts.sum() / (len(counts) * np.maximum(counts, 1))
        losses[d.task] = torch.nn.CrossEntropyLoss(weight=torch.tensor(w))
    avg: dict[str, Any] | None = None  # running mean of the weights over the last epoch
    n_avg = 0
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        net.train()
        jobs = []
        for d, idx in (
            (pairs, list(range(len(pairs.ex)))),
            (stance, stance_draw(stance.ex, args.per_claim, rng, args.balance)),
        ):
            rng.shuffle(idx)
            jobs += [(d, idx[s : s + args.batch]) for s in range(0, len(idx), args.batch)]
        rng.shuffle(jobs)
        total = 0.0
        for d, part in jobs:
            xa, ma, xb, mb, lx, y = batch(d, part, states)
            opt.zero_grad()
            feats = net.encode(xa, ma, xb, mb, lx)
            loss = losses[d.task](net.heads[d.task](feats), y)
            if args.aux and d.task == "stance":
                for name, yy in (("valence", d.yv[part]), ("view", d.yw[part])):
                    keep = torch.tensor(yy >= 0)
                    if bool(keep.any()):
                        logits = net.heads[name](feats[keep])
                        loss = loss + args.aux * torch.nn.functional.cross_entropy(
                            logits, torch.tensor(yy[yy >= 0])
                        )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            total += float(loss.detach())
            if args.average and epoch == args.epochs:
                n_avg += 1
                with torch.no_grad():
                    if avg is None:
                        avg = {k: v.detach().clone() for k, v in net.state_dict().items()}
                    else:
                        for k, v in net.state_dict().items():
                            if v.dtype.is_floating_point:
                                avg[k] += (v - avg[k]) / n_avg
        line = f"epoch {epoch}: loss {total / len(jobs):.3f} ({time.perf_counter() - t0:.0f} s)"
        for name, d in watch:
            line += f"  {name} {score(net, d, states)['macro']:.3f}"
            if d.task == "stance":
                line += f" (sign {sign_accuracy(net, d, states):.3f})"
                if args.aux:
                    line += aux_readings(net, d, states)
        print(line, flush=True)
    if avg is not None:  # the averaged weights: less sensitive to where the last step landed
        net.load_state_dict(avg)
        if watch:
            line = "averaged over the last epoch:"
            for name, d in watch:
                line += f"  {name} {score(net, d, states)['macro']:.3f}"
            print(line, flush=True)
    return net


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--validate", action="store_true")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--split", type=int, default=4, help="frozen bottom layers (of 6)")
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--per-claim", type=int, default=2)
    ap.add_argument("--out", default=str(DEFAULT_CROSS_WEIGHTS))
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument(
        "--balance", action="store_true", help="draw one phrasing per side (tried: no gain)"
    )
    ap.add_argument(
        "--other-topics", type=int, default=12, help="cross-question examples per topic (0: none)"
    )
    ap.add_argument(
        "--average", action="store_true", help="average the weights over the last epoch's steps"
    )
    ap.add_argument("--pair-stance", action="store_true", help="add stance derived from pairs")
    ap.add_argument(
        "--motion-stance",
        action="store_true",
        help="add each phrasing of a question as a claim on its other phrasings",
    )
    ap.add_argument(
        "--canonical",
        action="store_true",
        help="stance only against phrasings that propose the change (polarity 1)",
    )
    ap.add_argument(
        "--aux",
        type=float,
        default=0.0,
        help="weight of auxiliary valence and view heads (data/judge/valence); 0: none",
    )
    ap.add_argument(
        "--direction",
        choices=("head", "product"),
        default="head",
        help="what the written judge reads a side's direction from (product: valence x view)",
    )
    ap.add_argument("--topics", help="folder of topic files (default data/judge/topics)")
    ap.add_argument(
        "--motions",
        action="store_true",
        help="also learn stance from data/judge/motions (many questions, a dozen claims each)",
    )
    args = ap.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    topics = load_topics(Path(args.topics)) if args.topics else load_topics()
    motions = load_motions() if args.motions else []
    written = [e for t in topics for e in pair_examples(t)]
    derived = [e for t in topics + motions for e in derived_pairs(t)]
    stance = [e for t in topics for e in stance_examples(t)]
    w_train, w_test = split(written)
    d_train, _ = split(derived)
    s_train, s_test = split(stance)
    # the motions corpus trains stance; its held-out questions are scored apart, so that the
    # topic corpus's held-out figure stays comparable with earlier runs
    m_train, m_test = split([e for t in motions for e in stance_examples(t)])
    s_train = s_train + m_train
    topics_all = topics + motions
    if args.other_topics:
        train_topics = [t for t in topics_all if not held_out(t["id"])]
        if args.validate:
            train_topics = [t for t in train_topics if not validation(t["id"])]
        extra = cross_topic_examples(train_topics, args.other_topics, SEED)
        d_train = d_train + [e for e in extra if e.label == "unrelated"]
        s_train = s_train + [e for e in extra if e.label == "neutral"]
    if args.motion_stance:
        extra, _ = split([e for t in topics_all for e in motion_stance_examples(t)])
        s_train = s_train + extra
    if args.pair_stance:
        extra, _ = split([e for t in topics for e in pair_stance_examples(t)])
        s_train = s_train + extra
    if args.canonical:  # every claim read against phrasings that propose the change only
        reversed_motions = {m["text"] for t in topics for m in t["motions"] if m["polarity"] != 1}
        s_train = [e for e in s_train if e.b not in reversed_motions]
        s_test = [e for e in s_test if e.b not in reversed_motions]
    if args.validate:
        w_fit = [e for e in w_train if not validation(e.topic)]
        d_fit = [e for e in d_train if not validation(e.topic)]
        s_fit = [e for e in s_train if not validation(e.topic)]
        w_eval = [e for e in w_train if validation(e.topic)]
        # the figure compares runs: only the claims of the validation topics, whatever extra
        # examples a run adds
        s_eval = [e for e in s_train if validation(e.topic) and e.kind.startswith("stance/")]
    else:
        w_fit, d_fit, s_fit, w_eval, s_eval = w_train, d_train, s_train, w_test, s_test
    texts = [t for e in written + derived + s_train + s_test + m_test for t in (e.a, e.b)]
    texts += [m["text"] for t in topics_all for m in t["motions"]]
    states = lower_states(texts, args.split)
    aux = aux_labels(topics) if args.aux else None
    pairs = Data(w_fit + d_fit, states, "pair")
    st = Data(s_fit, states, "stance", aux)
    watch = [
        ("pair", Data(w_eval, states, "pair")),
        ("stance", Data(s_eval, states, "stance", aux)),
    ]
    # a phrasing of the question against the others: how a thesis restating it is read
    thesis = [e for t in topics for e in motion_stance_examples(t)]
    thesis = [e for e in thesis if (validation(e.topic) if args.validate else held_out(e.topic))]
    watch.append(("thesis", Data(thesis, states, "stance")))
    if motions:
        m_eval = [e for e in m_train if validation(e.topic)] if args.validate else m_test
        watch.append(("motions", Data(m_eval, states, "stance")))
    n_fit = len({e.topic for e in w_fit})
    n_eval = len({e.topic for e in w_eval})
    which = "validation" if args.validate else "held-out"
    print(
        f"{n_fit} topics to fit, {n_eval} {which}; pairs {len(pairs.ex)}, stance {len(st.ex)}",
        flush=True,
    )
    net = train(pairs, st, states, args, watch if args.validate else [])
    if args.validate:
        compare_stance_readings(net, watch[1][1], states)
        return 0
    for name, d in watch:
        f = score(net, d, states)
        per = ", ".join(f"{k} {f[k]:.2f}" for k in TASK_LABELS[d.task])
        print(f"{name}: held-out macro-F1 {f['macro']:.3f} ({per})")
    if args.aux:
        print("held-out" + aux_readings(net, watch[1][1], states))
        compare_stance_readings(net, watch[1][1], states)
        if args.direction != "product":  # training aids only: the judge reads its stance head
            for name in AUX_LABELS:
                del net.heads[name]
    if not args.no_write:
        config = {
            "split": args.split,
            "upper": 6 - args.split,
            "hidden": args.hidden,
            "lexical": list(LEXICAL_NAMES),
            "epochs": args.epochs,
            "seed": SEED,
            "topics": n_fit,
            "averaged": bool(args.average),
            "aux": args.aux,
            "direction": args.direction if args.aux else "head",
        }
        save_cross(args.out, net, config)
        print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
