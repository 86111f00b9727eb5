"""Macro-F1 of the claim-pair judge on the held-out topics, beside today's rules and cosine alone.

    .venv/bin/python bench/judge.py

Held-out topics are ``crc32(id) % 5 == 0`` of ``data/judge/topics`` (never trained on). Three
readers of the same written pairs:
- ``judge``: the shipped heads (argmap/resources/judge.npz);
- ``rules``: what the build used before the judge: cosine at or above the dedup threshold with
  no polarity conflict is ``same``; a clause of one denying or restating a clause of the other
  (the cross-document linker's test) is ``attacks`` or ``supports``; the rest ``unrelated``;
- ``cosine``: similarity bands alone, cut where they do best on the *training* topics.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge_data import (  # noqa: E402
    add_weights_option,
    derived_pairs,
    load_topics,
    macro_f1,
    pair_examples,
    split,
)
from train_judge import encode_all  # noqa: E402

from argmap.dedup import DEFAULT_THRESHOLD, polarity_conflict  # noqa: E402
from argmap.judge import CrossJudge, MiniLMJudge  # noqa: E402
from argmap.judge.base import PAIR_LABELS  # noqa: E402
from argmap.link.crossdoc import label_pair  # noqa: E402


def rules(a: str, b: str, cos: float) -> str:
    if cos >= DEFAULT_THRESHOLD and not polarity_conflict(a, b):
        return "same"
    return label_pair(a, b, None, None) or "unrelated"


def cosine_bands(cos: np.ndarray, gold: list[str]) -> tuple[float, float, str]:
    """(same above, middle above, middle label) that maximise macro-F1 on these pairs."""
    best: tuple[float, tuple[float, float, str]] = (-1.0, (1.0, 1.0, "supports"))
    grid = np.arange(0.1, 1.0, 0.025)
    for hi in grid:
        for lo in grid[grid <= hi]:
            for mid in ("supports", "attacks"):
                pred = [band(c, hi, lo, mid) for c in cos]
                f = macro_f1(gold, pred, PAIR_LABELS)["macro"]
                if f > best[0]:
                    best = (f, (float(hi), float(lo), mid))
    return best[1]


def band(c: float, hi: float, lo: float, mid: str) -> str:
    return "same" if c >= hi else mid if c >= lo else "unrelated"


def report(name: str, gold: list[str], pred: list[str]) -> None:
    f = macro_f1(gold, pred, PAIR_LABELS)
    per = "  ".join(f"{k} {f[k]:.3f}" for k in PAIR_LABELS)
    print(f"  {name:8} macro-F1 {f['macro']:.3f}   {per}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_weights_option(ap)
    args = ap.parse_args()
    topics = load_topics()
    train, test = split([e for t in topics for e in pair_examples(t)])
    _, derived = split([e for t in topics for e in derived_pairs(t)])
    vec = encode_all([t for e in train + test + derived for t in (e.a, e.b)])
    judge = CrossJudge(args.weights)
    head = MiniLMJudge()

    def cos_of(examples):
        return np.array([float(vec[e.a] @ vec[e.b]) for e in examples])

    hi, lo, mid = cosine_bands(cos_of(train), [e.label for e in train])
    n_topics = len({e.topic for e in test})
    for title, examples in (("written pairs", test), ("question pairs (derived)", derived)):
        gold = [e.label for e in examples]
        cos = cos_of(examples)
        print(f"{title}: {len(examples)} pairs on {n_topics} held-out topics")
        pairs = [(e.a, e.b) for e in examples]
        report("judge", gold, [v.label for v in judge.judge(pairs)])
        report("head", gold, [v.label for v in head.judge(pairs)])
        report("rules", gold, [rules(e.a, e.b, c) for e, c in zip(examples, cos, strict=True)])
        report("cosine", gold, [band(c, hi, lo, mid) for c in cos])
    print(f"(cosine bands from the training topics: same >= {hi:.3f}, {mid} >= {lo:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
