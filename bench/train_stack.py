"""Train how the default judge combines its members' readings for stance.

    .venv/bin/python bench/train_stack.py [--C 0.01] [--out argmap/resources/judge_stack.npz]

The two fine-tuned runs of the default judge each give stance probabilities (one as a product
of valence and view heads), and pair probabilities for the claim against the motion. Their
plain mean was the shipped reading. Here a multinomial logistic model reads all of them
(``argmap.judge.cross.stance_rows``: every head's probabilities, their logs, the product side,
the cosine and the lexical features) and is fit on the *training* questions of
``data/judge/motions`` -- questions neither member was trained on, so the members' readings
there are as honest as on new text. Printed: macro-F1 of the mean and of the combiner on the
held-out questions of both corpora (``crc32(id) % 5 == 0``). Deterministic (lbfgs; no
sampling). ``--out`` saves the combiner with the hashes of the members it was fit for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge_data import held_out, load_motions, load_topics, macro_f1, stance_examples  # noqa: E402

from argmap.fileio import file_hash  # noqa: E402
from argmap.judge.base import STANCE_LABELS  # noqa: E402
from argmap.judge.cross import CrossJudge, StanceStack  # noqa: E402


def main() -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--C", type=float, default=0.01)
    ap.add_argument("--out", help="save the combiner here")
    args = ap.parse_args()
    mean = CrossJudge(stack=None)
    motions = [e for t in load_motions() for e in stance_examples(t)]
    train = [e for e in motions if not held_out(e.topic)]
    tests = {
        "motions": [e for e in motions if held_out(e.topic)],
        "topics": [e for t in load_topics() if held_out(t["id"]) for e in stance_examples(t)],
    }
    print(f"fit on {len(train)} claim-motion pairs of {len({e.topic for e in train})} questions")
    X = mean.stance_rows([(e.a, e.b) for e in train])
    y = np.array([e.label for e in train])
    clf = LogisticRegression(C=args.C, max_iter=3000).fit(X, y)
    order = [list(clf.classes_).index(lab) for lab in STANCE_LABELS]
    stack = StanceStack(
        clf.coef_[order],
        clf.intercept_[order],
        {
            "members": [file_hash(p) for p in mean.members],
            "labels": list(STANCE_LABELS),
            "C": args.C,
            "trained_on": f"data/judge/motions, {len(train)} pairs on training questions",
        },
    )
    for name, part in tests.items():
        rows = mean.stance_rows([(e.a, e.b) for e in part])
        gold = [e.label for e in part]
        got_mean = [""] * len(part)
        groups: dict[str, list[int]] = {}
        for i, e in enumerate(part):
            groups.setdefault(e.b, []).append(i)
        for motion, idx in groups.items():
            for i, v in zip(idx, mean.stance(motion, [part[i].a for i in idx]), strict=True):
                got_mean[i] = v.label
        got_stack = [STANCE_LABELS[k] for k in stack.predict_proba(rows).argmax(axis=1)]
        for label, got in (("mean", got_mean), ("combiner", got_stack)):
            f = macro_f1(gold, got, STANCE_LABELS)
            per = "  ".join(f"{k} {f[k]:.3f}" for k in STANCE_LABELS)
            print(
                f"{name:8} held-out ({len(part)} pairs) {label:9} macro-F1 {f['macro']:.3f}  {per}"
            )
    if args.out:
        stack.save(args.out)
        print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
