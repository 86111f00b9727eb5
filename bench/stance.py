"""Claim-versus-motion stance on the held-out topics, beside baselines, and its speed.

    .venv/bin/python bench/stance.py [--speed N]

Every claim of a held-out topic (``crc32(id) % 5 == 0``) against every phrasing of its question
(yes/no questions, "This house would ...", "We should ...", reversed phrasings), labelled pro /
con / neutral. Readers:
- ``judge``: ``argmap.stance_to`` with the shipped cross judge;
- ``head``: the heads over frozen sentence vectors (``MiniLMJudge``);
- ``words``: the judge's word lists alone -- praise or blame in the claim times whether the
  motion takes something away or grants it (the rule a side usually follows);
- ``cosine``: closeness to the motion alone (pro above a cut chosen on the training topics);
- ``majority``: the most common label of the training topics.
Then ``--speed N`` (default 10,000) times ``stance_to`` on N distinct claims from a cold cache:
embedding included, in one call.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from judge_data import (  # noqa: E402
    add_weights_option,
    held_out,
    load_motions,
    load_topics,
    macro_f1,
    motion_stance_examples,
    split,
    stance_examples,
)
from train_judge import encode_all  # noqa: E402

from argmap.judge import CrossJudge, MiniLMJudge, stance_to  # noqa: E402
from argmap.judge.base import STANCE_LABELS  # noqa: E402
from argmap.judge.features import _valence, lexicon  # noqa: E402
from argmap.judge.polarity import tokens  # noqa: E402


def words(claim: str, motion: str) -> str:
    lex = lexicon()
    tm = tokens(motion)
    direction = sum(1 for t in tm if t in lex["permit"]) - sum(
        1 for t in tm if t in lex["restrict"]
    )
    v = _valence(tokens(claim), lex) * (1 if direction >= 0 else -1)
    return "pro" if v > 0 else "con" if v < 0 else "neutral"


def report(name: str, gold: list[str], pred: list[str]) -> None:
    f = macro_f1(gold, pred, STANCE_LABELS)
    per = "  ".join(f"{k} {f[k]:.3f}" for k in STANCE_LABELS)
    print(f"  {name:8} macro-F1 {f['macro']:.3f}   {per}")


def speed(n: int) -> None:
    topics = load_topics()
    base = [c["text"] for t in topics for c in t["claims"]]
    base += [p[k] for t in topics for p in t["pairs"] for k in ("a", "b")]
    base = list(dict.fromkeys(base))
    claims = [base[i % len(base)] + ("" if i < len(base) else f" (see note {i})") for i in range(n)]
    judge = CrossJudge()  # a fresh judge: every claim is encoded
    judge.stance("Warm up?", ["warm up"])
    t0 = time.perf_counter()
    out = stance_to("Should towns build more trams?", claims, judge=judge)
    dt = time.perf_counter() - t0
    assert len(out) == n
    print(f"speed: stance of {n} distinct claims in {dt:.1f} s ({n / dt:.0f} claims/s), one call")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--speed", type=int, default=10_000, help="claims to time (0: skip)")
    add_weights_option(ap)
    args = ap.parse_args()
    topics = load_topics()
    train, test = split([e for t in topics for e in stance_examples(t)])
    vec = encode_all([t for e in train + test for t in (e.a, e.b)])
    gold = [e.label for e in test]
    n_topics = len({e.topic for e in test})
    print(f"stance: {len(test)} claim-motion pairs on {n_topics} held-out topics")
    by_motion: dict[str, list[int]] = {}
    for i, e in enumerate(test):
        by_motion.setdefault(e.b, []).append(i)

    def read(judge) -> list[str]:
        out = [""] * len(test)
        for motion, idx in by_motion.items():
            for i, v in zip(idx, judge.stance(motion, [test[i].a for i in idx]), strict=True):
                out[i] = v.label
        return out

    cross = CrossJudge(args.weights)
    pred = read(cross)
    report("judge", gold, pred)
    report("head", gold, read(MiniLMJudge()))
    report("words", gold, [words(e.a, e.b) for e in test])
    cos_train = np.array([float(vec[e.a] @ vec[e.b]) for e in train])
    gold_train = [e.label for e in train]
    cut = max(
        np.arange(0.0, 1.0, 0.02),
        key=lambda t: macro_f1(
            gold_train, ["pro" if c >= t else "neutral" for c in cos_train], STANCE_LABELS
        )["macro"],
    )
    cos = [float(vec[e.a] @ vec[e.b]) for e in test]
    report("cosine", gold, ["pro" if c >= cut else "neutral" for c in cos])
    major = Counter(gold_train).most_common(1)[0][0]
    report("majority", gold, [major] * len(test))
    style = {c["text"]: c.get("style", "hard") for t in topics for c in t["claims"]}
    print("judge by kind of claim (plain: names its subject and says its verdict outright):")
    for kind in ("hard", "plain"):
        idx = [i for i, e in enumerate(test) if style.get(e.a, "hard") == kind]
        if idx:
            g = [gold[i] for i in idx]
            # macro over the labels the subset holds: plain claims are never neutral
            labels = tuple(lab for lab in STANCE_LABELS if lab in g)
            f = macro_f1(g, [pred[i] for i in idx], labels)
            per = "  ".join(f"{k} {f[k]:.3f}" for k in labels)
            print(f"  {kind:8} macro-F1 {f['macro']:.3f}   {per}  ({len(idx)} pairs)")
    thesis = [e for t in topics if held_out(t["id"]) for e in motion_stance_examples(t)]
    got = [""] * len(thesis)
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(thesis):
        groups.setdefault(e.b, []).append(i)
    for motion, idx in groups.items():
        for i, v in zip(
            idx, stance_to(motion, [thesis[i].a for i in idx], judge=cross), strict=True
        ):
            got[i] = v.label
    f = macro_f1([e.label for e in thesis], got, ("pro", "con"))
    print(
        f"thesis: one phrasing of the question read against another ({len(thesis)} pairs): "
        f"macro-F1 {f['macro']:.3f}   pro {f['pro']:.3f}  con {f['con']:.3f}"
    )
    motions = [e for t in load_motions() if held_out(t["id"]) for e in stance_examples(t)]
    if motions:
        n_q = len({e.topic for e in motions})
        m_by: dict[str, list[int]] = {}
        for i, e in enumerate(motions):
            m_by.setdefault(e.b, []).append(i)
        m_gold = [e.label for e in motions]
        print(f"motions corpus: {len(motions)} claim-motion pairs on {n_q} held-out questions")
        for name, jd in (("judge", cross), ("head", MiniLMJudge())):
            m_pred = [""] * len(motions)
            for motion, idx in m_by.items():
                for i, v in zip(idx, jd.stance(motion, [motions[i].a for i in idx]), strict=True):
                    m_pred[i] = v.label
            report(name, m_gold, m_pred)
        report("words", m_gold, [words(e.a, e.b) for e in motions])
    forms = sorted({e.kind for e in test})
    print("judge by phrasing of the question:")
    for form in forms:
        idx = [i for i, e in enumerate(test) if e.kind == form]
        f = macro_f1([gold[i] for i in idx], [pred[i] for i in idx], STANCE_LABELS)["macro"]
        print(f"  {form.split('/')[1]:22} {f:.3f}  ({len(idx)} pairs)")
    if args.speed:
        speed(args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
