"""Does splitting a side into valence x motion view make the direction learnable?

    .venv/bin/python bench/direction_probe.py

Heads over frozen MiniLM vectors (logistic regression), trained on the training questions of
``data/judge/topics`` with the annotations of ``data/judge/valence``, scored on the validation
and held-out questions: valence from the claim alone, the motion's view from the pair, their
product as a side, beside a head that reads the side directly from the same features. Prints
accuracies on sided claims against every phrasing of their question. Seeded, no writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from judge_data import held_out, load_topics, valence_readings, validation  # noqa: E402
from train_judge import encode_all as vectors  # noqa: E402

from argmap.judge.features import lexical  # noqa: E402


def part(tid: str) -> str:
    if held_out(tid):
        return "test"
    return "val" if validation(tid) else "train"


def rows() -> list[dict]:
    sign = {True: 1, False: -1}
    return [
        dict(
            topic=r.topic,
            part=part(r.topic),
            claim=r.claim,
            motion=r.motion,
            primary=r.primary,
            valence=sign[r.good],
            view=sign[r.for_],
            side=sign[r.pro],
        )
        for r in valence_readings(load_topics())
    ]


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    data = rows()
    print(f"{len(data)} claim-motion rows, {len({d['topic'] for d in data})} topics")
    texts = sorted({d["claim"] for d in data} | {d["motion"] for d in data})
    vec = vectors(texts)
    U = np.stack([vec[d["claim"]] for d in data])
    V = np.stack([vec[d["motion"]] for d in data])
    lex = np.array(
        [
            lexical(d["claim"], d["motion"], float(u @ v))
            for d, u, v in zip(data, U, V, strict=True)
        ],
        dtype=np.float32,
    )
    pair = np.hstack([U * V, np.abs(U - V), U, V, lex])
    y = {k: np.array([d[k] for d in data]) for k in ("valence", "view", "side")}
    parts = np.array([d["part"] for d in data])
    prim = np.array([d["primary"] for d in data])
    tr = parts == "train"
    for C in (0.1, 1.0):
        val_m = LogisticRegression(C=C, max_iter=3000).fit(U[tr & prim], y["valence"][tr & prim])
        view_m = LogisticRegression(C=C, max_iter=3000).fit(pair[tr], y["view"][tr])
        side_m = LogisticRegression(C=C, max_iter=3000).fit(pair[tr], y["side"][tr])
        pv = val_m.predict_proba(U)[:, 1] * 2 - 1
        pw = view_m.predict_proba(pair)[:, 1] * 2 - 1
        ps = side_m.predict_proba(pair)[:, 1] * 2 - 1
        for name in ("train", "val", "test"):
            s = parts == name

            def acc(p: np.ndarray, k: str, s: np.ndarray = s) -> float:
                return float(np.mean(np.sign(p[s]) == y[k][s]))

            print(
                f"C={C} {name:5} valence {acc(pv, 'valence'):.3f} view {acc(pw, 'view'):.3f} "
                f"product {acc(pv * pw, 'side'):.3f} direct {acc(ps, 'side'):.3f} "
                f"(oracle valence x view head {acc(y['valence'] * pw, 'side'):.3f})"
            )


if __name__ == "__main__":
    main()
