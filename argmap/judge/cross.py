"""A judge that reads both texts at once: MiniLM's lower layers per text, its top layers jointly.

A head over two frozen sentence vectors sees each text alone, so it cannot tell *which way* a
claim leans on the thing a motion proposes; the polarity has to survive pooling. A full
cross-encoder reads both texts together, but costs a full forward pass per pair and a
fine-tuned copy of the whole model. This sits between them:

- the bottom ``split`` layers of all-MiniLM-L6-v2 run on each text alone, unchanged, so a text
  shared by many pairs (the question in ``stance_to``, a claim in many candidate pairs) is
  encoded once;
- the top layers, fine-tuned, run on the two texts' token states side by side with attention
  across them (a learned segment vector tells them apart);
- a small head per task reads both texts' pooled states and the old rules as features.

Only the fine-tuned layers and the heads ship (``argmap/resources/judge_cross.npz``, float16,
trained by ``bench/train_cross.py``); the bottom layers come from the installed model package.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_bytes, file_hash, load_weights, save_weights
from argmap.judge.base import PAIR_LABELS, STANCE_LABELS, Verdict
from argmap.judge.features import LEXICAL_NAMES, lexical

DEFAULT_CROSS_WEIGHTS = Path(__file__).resolve().parent.parent / "resources" / "judge_cross.npz"
DEFAULT_CROSS_AUX = DEFAULT_CROSS_WEIGHTS.with_name("judge_cross_aux.npz")
DEFAULT_CROSS_MEMBERS: tuple[Path, ...] = (DEFAULT_CROSS_WEIGHTS, DEFAULT_CROSS_AUX)
"""The weights the default judge averages (``CrossJudge()``): the run of 2026-12-06
(``bench/train_cross.py --motion-stance``) and one with valence and view heads whose product
gives a side's direction (``--motion-stance --aux 1.0 --direction product``), both seed 13.
Their mean beat each alone on both held-out sets (README, "The debate")."""
DEFAULT_STACK = DEFAULT_CROSS_WEIGHTS.with_name("judge_stack.npz")
"""How the default judge combines its members' readings for stance (``bench/train_stack.py``):
a multinomial logistic model over every head's probabilities, trained on the training
questions of ``data/judge/motions``, which neither member read. It beat their plain mean on
both held-out sets (README, "The debate")."""
DEFAULT_PAIR_MEMBERS = 1
"""How many of the default members judge pairs: the first alone (see :class:`CrossJudge`)."""
PRECISIONS = ("auto", "float32", "bfloat16")
MAX_TOKENS = 96
TASK_LABELS = {"pair": PAIR_LABELS, "stance": STANCE_LABELS}
AUX_LABELS = {"valence": ("good", "bad"), "view": ("for", "against")}
"""Two readings a side splits into (``data/judge/valence``): does the claim praise or blame
what it talks about, and would the motion bring that thing or end it. Trained beside the stance
head; weights whose config says ``"direction": "product"`` read a sided claim's direction as
their product, because the stance head alone learns the neutral/sided split but hardly the
direction (a product of two readings, neither of which predicts the side by itself)."""


def _torch() -> Any:
    import torch

    return torch


def build_net(split: int, n_upper: int, hidden: int, n_lex: int, aux: bool = False) -> Any:
    """The trainable part as a torch module (made on demand: torch loads lazily); ``aux`` adds
    the valence and view heads."""
    torch = _torch()
    nn = torch.nn

    class Upper(nn.Module):  # type: ignore[name-defined]  # torch is imported lazily
        """One BERT encoder layer, written out so the shipped weights need no model class."""

        def __init__(self, dim: int = 384, heads: int = 12, ff: int = 1536) -> None:
            super().__init__()
            self.heads = heads
            self.q = nn.Linear(dim, dim)
            self.k = nn.Linear(dim, dim)
            self.v = nn.Linear(dim, dim)
            self.o = nn.Linear(dim, dim)
            self.ln1 = nn.LayerNorm(dim, eps=1e-12)
            self.ff1 = nn.Linear(dim, ff)
            self.ff2 = nn.Linear(ff, dim)
            self.ln2 = nn.LayerNorm(dim, eps=1e-12)
            self.drop = nn.Dropout(0.1)

        def forward(self, x: Any, add_mask: Any) -> Any:
            b, t, d = x.shape
            h = self.heads

            def split_heads(y: Any) -> Any:
                return y.view(b, t, h, d // h).transpose(1, 2)

            q, k, v = split_heads(self.q(x)), split_heads(self.k(x)), split_heads(self.v(x))
            att = (q @ k.transpose(-1, -2)) / math.sqrt(d // h) + add_mask
            ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, d)
            x = self.ln1(x + self.drop(self.o(ctx)))
            y = self.ff2(nn.functional.gelu(self.ff1(x)))
            return self.ln2(x + self.drop(y))

    class Net(nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.split = split
            self.segment = nn.Parameter(torch.zeros(2, 384))
            self.layers = nn.ModuleList(Upper() for _ in range(n_upper))
            self.register_buffer("lex_mean", torch.zeros(n_lex))
            self.register_buffer("lex_std", torch.ones(n_lex))
            width = 4 * 384 + n_lex
            self.heads = nn.ModuleDict(
                {
                    task: nn.Sequential(
                        nn.Linear(width, hidden),
                        nn.ReLU(),
                        nn.Dropout(0.1),
                        nn.Linear(hidden, len(labels)),
                    )
                    for task, labels in (
                        {**TASK_LABELS, **AUX_LABELS} if aux else TASK_LABELS
                    ).items()
                }
            )

        def forward(self, xa: Any, ma: Any, xb: Any, mb: Any, lex: Any, task: str) -> Any:
            """``xa``/``xb``: padded lower-layer states; ``ma``/``mb``: 1 for real tokens."""
            return self.heads[task](self.encode(xa, ma, xb, mb, lex))

        def encode(self, xa: Any, ma: Any, xb: Any, mb: Any, lex: Any) -> Any:
            """The features every head reads; apart from ``forward`` so that training can give
            one pass to several heads (auxiliary ones included)."""
            x = torch.cat([xa + self.segment[0], xb + self.segment[1]], dim=1)
            m = torch.cat([ma, mb], dim=1)
            add_mask = (1.0 - m[:, None, None, :]) * -1e4
            for layer in self.layers:
                x = layer(x, add_mask)
            ta = xa.shape[1]
            pa = _mean(x[:, :ta], ma)
            pb = _mean(x[:, ta:], mb)
            z = (lex - self.lex_mean) / self.lex_std
            return torch.cat([pa, pb, pa * pb, (pa - pb).abs(), z], dim=1)

    def _mean(x: Any, m: Any) -> Any:
        w = m[..., None]
        return (x * w).sum(1) / w.sum(1).clamp(min=1.0)

    return Net()


def copy_upper_from_hf(net: Any, bert: Any) -> None:
    """Start the fine-tuned layers from the pretrained layers they replace."""
    torch = _torch()
    with torch.no_grad():
        for i, mine in enumerate(net.layers):
            src = bert.encoder.layer[net.split + i]
            pairs = [
                (mine.q, src.attention.self.query),
                (mine.k, src.attention.self.key),
                (mine.v, src.attention.self.value),
                (mine.o, src.attention.output.dense),
                (mine.ln1, src.attention.output.LayerNorm),
                (mine.ff1, src.intermediate.dense),
                (mine.ff2, src.output.dense),
                (mine.ln2, src.output.LayerNorm),
            ]
            for dst, s in pairs:
                dst.weight.copy_(s.weight)
                dst.bias.copy_(s.bias)


class Lower:
    """The bottom ``split`` layers of the installed all-MiniLM-L6-v2, loaded on first use."""

    def __init__(self, split: int, model_path: str | None = None) -> None:
        self.split = split
        self.model_path = model_path
        self._model: Any = None
        self._tok: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            import os

            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from transformers import AutoModel, AutoTokenizer

            from argmap.embed.st import default_model_path

            path = self.model_path or default_model_path()
            model = AutoModel.from_pretrained(path)
            model.encoder.layer = model.encoder.layer[: self.split]
            model.eval()
            self._tok = AutoTokenizer.from_pretrained(path)
            self._model = model

    @property
    def model(self) -> Any:
        self._load()
        return self._model

    def states(self, texts: Sequence[str], batch: int = 64, bf16: bool = False) -> list[Any]:
        """Each text's token states after the bottom layers, without padding (float32; run in
        bfloat16 where ``bf16``). Batch-invariant: see :func:`canonical_batches`."""
        torch = _torch()
        self._load()
        enc = self._tok(list(texts), truncation=True, max_length=MAX_TOKENS)
        ids = enc["input_ids"]
        out: list[Any] = [None] * len(texts)
        keys = [(bucket(len(x)),) for x in ids]
        with torch.inference_mode():
            for chunk, full in canonical_batches(keys, batch):
                length = keys[chunk[0]][0]
                padded = self._tok.pad(
                    {k: [enc[k][i] for i in full] for k in enc},
                    padding="max_length",
                    max_length=length,
                    return_tensors="pt",
                )
                with autocast(bf16):
                    h = self._model(**padded).last_hidden_state.float()
                for j, i in enumerate(chunk):
                    out[i] = h[j, : len(ids[i])].clone()
        return out


BUCKET = 16


def bucket(n: int) -> int:
    """A length rounded up to a multiple of ``BUCKET``: the padded length of its batch."""
    return max(BUCKET, -(-n // BUCKET) * BUCKET)


def canonical_batches(
    keys: Sequence[tuple[int, ...]], size: int
) -> list[tuple[list[int], list[int]]]:
    """Batches in which an item's result cannot depend on the other items: items of one padded
    shape (``keys``) together, every batch filled to ``size`` by repeating its first item.
    Matrix kernels pick their blocking by shape, and a row's sums can come out a hair apart
    in a batch of another shape -- enough, in bfloat16, to move a verdict's probability in
    the third decimal. So a map grown document by document, or built on Ray, reads each
    claim exactly as a full local build does. Returns (the real items, the filled batch)."""
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(k, []).append(i)
    out = []
    for k in sorted(groups):
        members = groups[k]
        for s in range(0, len(members), size):
            chunk = members[s : s + size]
            out.append((chunk, chunk + [chunk[0]] * (size - len(chunk))))
    return out


def autocast(bf16: bool) -> Any:
    """bfloat16 matrix products where asked, else nothing."""
    if not bf16:
        return contextlib.nullcontext()
    return _torch().autocast("cpu", dtype=_torch().bfloat16)


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16, AMX): there it runs the
    judge at 1.6x the float32 speed with the same held-out figures; elsewhere it would be
    slower than float32."""
    try:
        return bool(_torch().ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def pad(states: Sequence[Any], length: int | None = None) -> tuple[Any, Any]:
    """Stack token states into ``(batch, length or the longest, 384)`` with a 0/1 mask."""
    torch = _torch()
    n = length or max(int(s.shape[0]) for s in states)
    x = torch.zeros(len(states), n, 384)
    m = torch.zeros(len(states), n)
    for i, s in enumerate(states):
        x[i, : s.shape[0]] = s
        m[i, : s.shape[0]] = 1.0
    return x, m


def pooled_cosine(sa: Any, sb: Any) -> float:
    """Cosine of the two texts' mean lower states: the ``cosine`` rule feature, from what the
    judge itself computed, so training and use see the same number."""
    a = sa.mean(0)
    b = sb.mean(0)
    return float((a @ b) / (a.norm() * b.norm() + 1e-8))


def lexical_rows(a: Sequence[str], b: Sequence[str], cos: Sequence[float]) -> np.ndarray:
    rows = [lexical(x, y, c) for x, y, c in zip(a, b, cos, strict=True)]
    return np.array(rows, dtype=np.float32).reshape(len(a), len(LEXICAL_NAMES))


def save_cross(path: str | Path, net: Any, config: dict) -> None:
    arrays: dict[str, np.ndarray] = {"config": np.array(json.dumps(config))}
    for name, tensor in net.state_dict().items():
        arr = tensor.detach().cpu().numpy()
        arrays["p/" + name] = arr.astype(np.float16) if arr.ndim == 2 else arr.astype(np.float32)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
    atomic_write_bytes(path, buf.getvalue())


def load_cross(path: str | Path) -> tuple[Any, dict]:
    torch = _torch()
    try:
        with np.load(path, allow_pickle=False) as z:
            config = json.loads(str(z["config"]))
            state = {k[2:]: torch.tensor(z[k].astype(np.float32)) for k in z.files if k != "config"}
    except (OSError, KeyError, ValueError) as e:
        raise ArgmapError(f"cannot read judge weights {path} ({e})") from e
    if tuple(config.get("lexical", ())) != LEXICAL_NAMES:
        raise ArgmapError(
            f"judge weights {path} were trained on other features; retrain with "
            "bench/train_cross.py"
        )
    aux = any(k.startswith("heads.view.") for k in state)
    net = build_net(config["split"], config["upper"], config["hidden"], len(LEXICAL_NAMES), aux)
    net.load_state_dict(state)
    net.eval()
    return net, config


def product_direction(stance: np.ndarray, valence: np.ndarray, view: np.ndarray) -> np.ndarray:
    """Stance probabilities whose neutral share is the stance head's and whose direction is
    P(good and for, or bad and against) from the valence and view heads."""
    neutral = stance[:, STANCE_LABELS.index("neutral")]
    pro = valence[:, 0] * view[:, 0] + valence[:, 1] * view[:, 1]
    out = np.zeros_like(stance)
    out[:, STANCE_LABELS.index("pro")] = (1.0 - neutral) * pro
    out[:, STANCE_LABELS.index("con")] = (1.0 - neutral) * (1.0 - pro)
    out[:, STANCE_LABELS.index("neutral")] = neutral
    return out


def stance_width(nets: Sequence[tuple[Any, bool]]) -> int:
    own = sum(3 + 4 + (4 if product else 0) for _net, product in nets)
    return 1 + len(LEXICAL_NAMES) + 2 * own + 3 * sum(1 for _n, product in nets if product)


def stance_rows(
    nets: Sequence[tuple[Any, bool]],
    xa: Any,
    ma: Any,
    xb: Any,
    mb: Any,
    lex: Any,
    cos: Any,
    bf16: bool = False,
) -> np.ndarray:
    """One row per pair for the stance combiner: the pooled cosine and the lexical features,
    every member's stance and pair probabilities (and valence and view, where it has them),
    the side their product gives, and the logs of all the probabilities (a linear model over
    logs can multiply them)."""
    heads = []
    products = []
    for net, product in nets:
        with autocast(bf16):
            feats = net.encode(xa, ma, xb, mb, lex).float()
        stance = net.heads["stance"](feats).softmax(-1).numpy()
        heads += [stance, net.heads["pair"](feats).softmax(-1).numpy()]
        if product:
            valence = net.heads["valence"](feats).softmax(-1).numpy()
            view = net.heads["view"](feats).softmax(-1).numpy()
            heads += [valence, view]
            products.append(product_direction(stance, valence, view))
    probs = np.concatenate(heads, axis=1)
    return np.concatenate(
        [
            np.asarray(cos, dtype=np.float32)[:, None],
            lex.numpy(),
            probs,
            *products,
            np.log(np.clip(probs, 1e-4, 1.0)),
        ],
        axis=1,
    ).astype(np.float32)


class StanceStack:
    """A multinomial logistic model over :func:`stance_rows`, one row of weights per label of
    ``STANCE_LABELS``, for the members it was trained with (their files' hashes in ``meta``)."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, meta: dict[str, Any]) -> None:
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.meta = dict(meta)

    def predict_proba(self, rows: np.ndarray) -> np.ndarray:
        z = rows @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)

    def save(self, path: str | Path) -> None:
        save_weights(path, {"coef": self.coef, "intercept": self.intercept}, self.meta)

    @classmethod
    def load(cls, path: str | Path, members: Sequence[Path]) -> StanceStack:
        arrays, meta = load_weights(path, "the stance combiner", ("coef", "intercept"))
        coef, intercept = arrays["coef"], arrays["intercept"]
        if meta.get("members") != [file_hash(p) for p in members]:
            raise ArgmapError(
                f"{path}: this stance combiner was trained for other judge weights than "
                f"{', '.join(str(p) for p in members)}; train one for them "
                "(bench/train_stack.py) or pass stack=None for their plain mean"
            )
        if meta.get("labels") != list(STANCE_LABELS):
            raise ArgmapError(f"{path}: the stance combiner has other labels than this code's")
        return cls(coef, intercept, meta)


class CrossJudge:
    """The default judge: pairs (four labels) and stance toward a question (three).

    ``weights`` is one weights file or several: several are averaged (their label
    probabilities), sharing one run of the bottom layers. Two fine-tuned runs disagree on many
    sided claims (a run's lean toward pro or con decides much of its stance figure); their mean
    is steadier than either. ``pair_members`` says how many of them (the first ones) judge
    pairs; by default all of them, except for the default judge, whose pairs come from its
    first run alone: the mean's stance gain was clear on held-out questions, its pair gain
    small (0.755 against 0.747) and it missed one more of the hand-written pairs in the tests."""

    name = "minilm-cross"

    def __init__(
        self,
        weights: str | Path | Sequence[str | Path] | None = None,
        batch_size: int = 64,
        pair_members: int | None = None,
        stack: str | Path | None | bool = True,
        precision: str = "auto",
    ) -> None:
        """``stack``: a stance combiner's weights file (``bench/train_stack.py --out``), None
        for the plain mean of the members, or True for the shipped one where the members are
        the default ones (the mean otherwise: a combiner is trained for its members).
        ``precision``: ``float32``, ``bfloat16``, or ``auto`` (bfloat16 where the CPU has it
        natively, :func:`native_bf16`)."""
        if precision not in PRECISIONS:
            raise ArgmapError(
                f"judge precision must be one of {', '.join(PRECISIONS)}, not {precision!r}"
            )
        self.precision = precision
        if stack is True:
            stack = DEFAULT_STACK if weights is None and DEFAULT_STACK.is_file() else None
        self.stack: Path | None = None if stack is None or stack is False else Path(stack)
        self._stack: StanceStack | None = None
        if weights is None:
            members: list[Path] = [Path(w) for w in DEFAULT_CROSS_MEMBERS]
        elif isinstance(weights, (str, Path)):
            members = [Path(weights)]
        else:
            members = [Path(w) for w in weights]
        if not members:
            raise ArgmapError("the cross judge needs at least one weights file")
        self.members = members
        self.weights = members[0]
        if pair_members is None:
            pair_members = DEFAULT_PAIR_MEMBERS if weights is None else len(members)
        if not 1 <= pair_members <= len(members):
            raise ArgmapError(f"pair_members must be 1 to {len(members)}, not {pair_members}")
        self.pair_members = pair_members
        self.batch_size = batch_size
        self._nets: list[tuple[Any, bool]] = []
        self._lower: Lower | None = None
        self._lock = threading.Lock()

    def uses_bf16(self) -> bool:
        return self.precision == "bfloat16" or (self.precision == "auto" and native_bf16())

    def _load(self) -> tuple[list[tuple[Any, bool]], Lower]:
        with self._lock:
            if not self._nets:
                loaded = []
                for path in self.members:
                    if not path.is_file():
                        raise ArgmapError(
                            f"judge weights not found at {path}: run bench/train_cross.py"
                        )
                    loaded.append((path, *load_cross(path)))
                split = int(loaded[0][2]["split"])
                for path, _net, config in loaded:
                    if config["split"] != split:
                        raise ArgmapError(
                            f"judge weights {path} split MiniLM at layer {config['split']}, "
                            f"the others at {split}: they cannot share the bottom layers"
                        )
                nets = [(net, config.get("direction") == "product") for _, net, config in loaded]
                if self.stack is not None:
                    self._stack = StanceStack.load(self.stack, [p for p, _n, _c in loaded])
                self._lower = Lower(split)
                self._nets = nets
        assert self._lower is not None
        return self._nets, self._lower

    def _run(self, task: str, a: Sequence[str], b: Sequence[str], rows_only: bool = False) -> Any:
        torch = _torch()
        nets, lower = self._load()
        rows = np.zeros((len(a), stance_width(nets)), dtype=np.float32) if rows_only else None
        unique = list(dict.fromkeys([*a, *b]))
        bf16 = self.uses_bf16()
        states = dict(zip(unique, lower.states(unique, bf16=bf16), strict=True))
        labels = TASK_LABELS[task]
        out: list[Verdict] = []
        # one padded shape per batch (which also wastes little on padding)
        keys = [(bucket(len(states[a[i]])), bucket(len(states[b[i]]))) for i in range(len(a))]
        probs = np.zeros((len(a), len(labels)), dtype=np.float32)
        with torch.inference_mode():
            for idx, full in canonical_batches(keys, self.batch_size):
                real = len(idx)
                sa = [states[a[i]] for i in full]
                sb = [states[b[i]] for i in full]
                cos = [pooled_cosine(x, y) for x, y in zip(sa, sb, strict=True)]
                lex = torch.tensor(lexical_rows([a[i] for i in full], [b[i] for i in full], cos))
                xa, ma = pad(sa, keys[idx[0]][0])
                xb, mb = pad(sb, keys[idx[0]][1])
                if task == "stance" and (self._stack is not None or rows_only):
                    row = stance_rows(nets, xa, ma, xb, mb, lex, np.array(cos), bf16)[:real]
                    if rows is not None:
                        rows[idx] = row
                        continue
                    assert self._stack is not None
                    probs[idx] = self._stack.predict_proba(row)
                    continue
                total = np.zeros((len(full), len(labels)), dtype=np.float32)
                use = nets[: self.pair_members] if task == "pair" else nets
                for net, product in use:
                    with autocast(bf16):
                        feats = net.encode(xa, ma, xb, mb, lex).float()
                    p = net.heads[task](feats).softmax(-1).numpy()
                    if task == "stance" and product:
                        p = product_direction(
                            p,
                            net.heads["valence"](feats).softmax(-1).numpy(),
                            net.heads["view"](feats).softmax(-1).numpy(),
                        )
                    total += p
                probs[idx] = (total / len(use))[:real]
        if rows is not None:
            return rows
        for row in probs:
            k = int(row.argmax())
            scores = {lab: round(float(p), 4) for lab, p in zip(labels, row, strict=True)}
            out.append(Verdict(labels[k], round(float(row[k]), 4), scores))
        return out

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Verdict]:
        pairs = [(str(x), str(y)) for x, y in pairs]
        if not pairs:
            return []
        return self._run("pair", [p[0] for p in pairs], [p[1] for p in pairs])

    def stance(self, question: str, claims: Sequence[str]) -> list[Verdict]:
        claims = [str(c) for c in claims]
        if not claims:
            return []
        return self._run("stance", claims, [str(question)] * len(claims))

    def stance_rows(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The rows a stance combiner reads, for (claim, question) pairs: what
        ``bench/train_stack.py`` trains on."""
        pairs = [(str(x), str(y)) for x, y in pairs]
        return self._run("stance", [p[0] for p in pairs], [p[1] for p in pairs], rows_only=True)
