"""Choose the dedup threshold by measurement on the project's own paraphrase pairs.

    .venv/bin/python bench/dedup_threshold.py [data/pairs/dedup_pairs.jsonl]

For each threshold, a pair is merged when the cosine similarity (all-MiniLM-L6-v2) of its two
claims, framing words taken off as the pipeline does, reaches the
threshold and no veto (polarity, minimal pair) fires. The threshold with the best F1 on the dev
split is reported with its figures on the held-out test split, with and without the vetoes.
Two kinds of pairs: sentences written as pairs, and claims as the pipeline extracted them from
data/corpus ("in-context": clauses, connectives, compound sentences), labelled by hand.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from argmap.dedup.apply import MergeVeto, needs_near_identity
from argmap.dedup.merge import CROSS_STANCE_THRESHOLD
from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder
from argmap.units.proposition import core_text


def prf(pred: list[bool], gold: list[bool], beta: float = 1.0) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    b2 = beta * beta
    return p, r, (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def main(path: str) -> None:
    rows = [
        json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line
    ]
    emb = CachedEmbedder(SentenceTransformerEmbedder())
    # the pipeline compares propositions without their framing ("critics say that ..."), so here too
    cores = [(core_text(r["a"]), core_text(r["b"])) for r in rows]
    a = emb.encode([x for x, _ in cores])
    b = emb.encode([y for _, y in cores])
    sims = np.einsum("ij,ij->i", a, b)
    veto = MergeVeto(emb)  # the vetoes merge() applies, on the texts merge() compares
    vetoed = [veto(x, y) for x, y in cores]
    strict = [needs_near_identity(x, y) for x, y in cores]

    def blocked(i: int) -> bool:
        """What merge() refuses: a veto, or a compound/single pair below near-identity."""
        return vetoed[i] or (strict[i] and sims[i] < CROSS_STANCE_THRESHOLD)

    print(f"{len(rows)} pairs: {dict(Counter((r['split'], r['kind']) for r in rows))}")
    for kind in sorted({r["kind"] for r in rows}):
        ks = [s for s, r in zip(sims, rows, strict=True) if r["kind"] == kind]
        kv = [v for v, r in zip(vetoed, rows, strict=True) if r["kind"] == kind]
        print(
            f"  {kind:11} cosine mean {np.mean(ks):.2f} min {np.min(ks):.2f} max {np.max(ks):.2f}"
            f"  vetoed {sum(kv)}/{len(kv)}"
        )

    def evaluate(split: str, t: float, use_veto: bool = True, kinds: set[str] | None = None):
        """(P, R, F1) on one split, over the pairs of ``kinds`` (all pairs when None)."""
        idx = [
            i
            for i, r in enumerate(rows)
            if r["split"] == split and (kinds is None or r["kind"] in kinds)
        ]
        pred = [bool(sims[i] >= t and not (use_veto and blocked(i))) for i in idx]
        return prf(pred, [bool(rows[i]["same"]) for i in idx])

    clean = {"paraphrase", "negation", "related", "unrelated"}  # written as pairs
    context = {"in-context"}
    print("threshold  written pairs dev / test P-R   in-context pairs dev / test P-R   (vetoes on)")
    for t in np.round(np.arange(0.60, 0.86, 0.02), 2):
        cells = []
        for kinds in (clean, context):
            for split in ("dev", "test"):
                p, r, _ = evaluate(split, t, kinds=kinds)
                cells.append(f"{p:.2f}-{r:.2f}")
        print(f"  {t:.2f}     {cells[0]} / {cells[1]}             {cells[2]} / {cells[3]}")
    # A wrong merge corrupts the map; a missed one leaves two nodes a reader can still relate.
    # So the default is the lowest threshold whose dev precision reaches 0.9 on each kind of
    # pair: sentences written as pairs, and claims as extracted from a corpus.
    grid = np.round(np.arange(0.50, 0.96, 0.01), 2)
    for use_veto in (False, True):

        def ok(t: float, use_veto: bool = use_veto) -> bool:
            return all(evaluate("dev", t, use_veto, kinds)[0] >= 0.9 for kinds in (clean, context))

        # ... with a margin: precision must hold one step (0.01) lower too, so the default
        # does not sit on the edge of a cliff in the dev figures
        best = next((t for t in grid if ok(t) and ok(round(t - 0.01, 2))), grid[-1])
        label = "cosine + vetoes" if use_veto else "cosine alone   "
        p, r, f = evaluate("test", best, use_veto)
        print(
            f"{label}: lowest threshold with dev precision >= 0.9 on both kinds, there and 0.01 "
            f"lower: {best:.2f}; "
            f"all test pairs P {p:.3f} R {r:.3f}"
        )
        neg = [i for i, x in enumerate(rows) if x["kind"] == "negation" and x["split"] == "test"]
        merged = sum(1 for i in neg if sims[i] >= best and not (use_veto and blocked(i)))
        print(f"                 negation pairs merged on test: {merged}/{len(neg)}")
    # Within one document the bar is higher: texts list parallel points ("harder to secure",
    # "harder to maintain") that an embedding puts close together, and a restated thesis is
    # worded close to the first statement. Same rule, on pairs from one document.
    same_doc = {"same-document"}
    ok_doc = [t for t in grid if (pr := evaluate("dev", t, kinds=same_doc))[0] >= 0.9 and pr[1] > 0]
    if ok_doc:
        t_doc = ok_doc[0]
        p, r, _ = evaluate("test", t_doc, kinds=same_doc)
        print(
            f"same-document pairs: lowest threshold with dev precision >= 0.9: {t_doc:.2f}; "
            f"test P {p:.2f} R {r:.2f}"
        )
    from argmap.dedup.merge import DEFAULT_THRESHOLD, SAME_DOCUMENT_THRESHOLD

    for t in sorted({SAME_DOCUMENT_THRESHOLD, 0.95}):
        for split in ("dev", "test"):
            p, r, _ = evaluate(split, t, kinds=same_doc)
            print(f"same-document at {t:.2f}: {split:4} P {p:.2f} R {r:.2f}")
    for split in ("dev", "test"):
        for name, kinds in (("written", clean), ("in-context", context)):
            p, r, _ = evaluate(split, DEFAULT_THRESHOLD, kinds=kinds)
            print(f"default {DEFAULT_THRESHOLD:.2f}: {split:4} {name:10} P {p:.2f} R {r:.2f}")
    judge_veto(rows, cores, sims, blocked, DEFAULT_THRESHOLD)


def judge_veto(rows, cores, sims, blocked, threshold: float) -> None:
    """The learned judge as one more veto at the default threshold: a pair it reads as an attack
    (either way round) does not merge; or, stricter, a pair it does not read as the same point."""
    from argmap.judge import default_judge

    judge = default_judge()
    fwd = judge.judge(cores)
    back = judge.judge([(b, a) for a, b in cores])
    attacks = [f.label == "attacks" or b.label == "attacks" for f, b in zip(fwd, back, strict=True)]
    not_same = [f.label != "same" and b.label != "same" for f, b in zip(fwd, back, strict=True)]
    for split in ("dev", "test"):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        gold = [bool(rows[i]["same"]) for i in idx]
        for name, extra in (
            ("vetoes", None),
            ("+ judge attacks", attacks),
            ("+ judge same", not_same),
        ):
            pred = [
                bool(sims[i] >= threshold and not blocked(i) and not (extra and extra[i]))
                for i in idx
            ]
            p, r, f = prf(pred, gold)
            print(
                f"judge veto at {threshold:.2f}: {split:4} {name:16} P {p:.3f} R {r:.3f} F1 {f:.3f}"
            )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/pairs/dedup_pairs.jsonl")
