"""Choose the dedup threshold by measurement on the project's own paraphrase pairs.

    .venv/bin/python bench/dedup_threshold.py [data/pairs/dedup_pairs.jsonl]

For each threshold, a pair is merged when the cosine similarity (all-MiniLM-L6-v2) of its two
claims, framing words taken off as the pipeline does, reaches the
threshold and no veto (polarity, minimal pair) fires. The threshold with the best F1 on the dev
split is reported with its figures on the held-out test split, with and without the vetoes.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from argmap.dedup.core import core_text
from argmap.dedup.polarity import PairVeto
from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder


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
    a = emb.encode([core_text(r["a"]) for r in rows])
    b = emb.encode([core_text(r["b"]) for r in rows])
    sims = np.einsum("ij,ij->i", a, b)
    veto = PairVeto(emb)
    vetoed = [veto(r["a"], r["b"]) for r in rows]
    print(f"{len(rows)} pairs: {dict(Counter((r['split'], r['kind']) for r in rows))}")
    for kind in sorted({r["kind"] for r in rows}):
        ks = [s for s, r in zip(sims, rows, strict=True) if r["kind"] == kind]
        kv = [v for v, r in zip(vetoed, rows, strict=True) if r["kind"] == kind]
        print(
            f"  {kind:11} cosine mean {np.mean(ks):.2f} min {np.min(ks):.2f} max {np.max(ks):.2f}"
            f"  vetoed {sum(kv)}/{len(kv)}"
        )

    def evaluate(split: str, t: float, use_veto: bool, beta: float = 1.0):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        pred = [bool(sims[i] >= t and not (use_veto and vetoed[i])) for i in idx]
        return prf(pred, [bool(rows[i]["same"]) for i in idx], beta)

    print("threshold  dev P/R (vetoes)  test P/R (vetoes)")
    for t in np.round(np.arange(0.50, 0.86, 0.05), 2):
        dp, dr, _ = evaluate("dev", t, True)
        tp, tr, _ = evaluate("test", t, True)
        print(f"  {t:.2f}     {dp:.2f} / {dr:.2f}       {tp:.2f} / {tr:.2f}")
    # A wrong merge corrupts the map; a missed one leaves two nodes a reader can still relate.
    # So the default is the lowest threshold whose dev precision reaches 0.9.
    for use_veto in (False, True):
        grid = np.round(np.arange(0.50, 0.96, 0.01), 2)
        ok = [t for t in grid if evaluate("dev", t, use_veto)[0] >= 0.9]
        best = min(ok) if ok else grid[-1]
        p, r, f = evaluate("test", best, use_veto)
        dp, dr, _ = evaluate("dev", best, use_veto)
        label = "cosine + vetoes" if use_veto else "cosine alone   "
        print(
            f"{label}: lowest threshold with dev precision >= 0.9: {best:.2f} "
            f"(dev P {dp:.2f} R {dr:.2f}); test P {p:.3f} R {r:.3f} F1 {f:.3f}"
        )
        # the negation pairs merged at that threshold: the errors that matter most
        neg = [i for i, x in enumerate(rows) if x["kind"] == "negation" and x["split"] == "test"]
        merged = sum(1 for i in neg if sims[i] >= best and not (use_veto and vetoed[i]))
        print(f"                 negation pairs merged on test: {merged}/{len(neg)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/pairs/dedup_pairs.jsonl")
