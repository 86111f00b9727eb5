"""Links between claims of different documents, after dedup.

Candidates are each claim's k nearest neighbours (cost n·k, never all pairs). A pair is linked
only when its claims share no document (within a document the relation stage has spoken) and
are close in meaning but were not merged. What the link is comes from a PairClassifier when one
is given, otherwise from polarity: near-identical wording with opposite polarity is a mutual
attack; otherwise the less central claim supports the more central one.
"""

from __future__ import annotations

from typing import Any

from .amap import ArgumentMap
from .dedup.index import neighbour_pairs
from .dedup.polarity import polarity_conflict
from .embed.base import Embedder
from .model import Relation, round_conf

STAGE = "crossdoc"


class CrossDocumentLinker:
    name = "nearest-neighbours"

    def __init__(self, embedder: Embedder, k: int = 5, min_similarity: float = 0.6,
                 classifier: Any = None) -> None:
        self.embedder = embedder
        self.k = k
        self.min_similarity = min_similarity
        self.classifier = classifier

    def link(self, amap: ArgumentMap) -> ArgumentMap:
        claims = list(amap.claims_by_id.values())
        if len(claims) < 2:
            return amap
        vecs = self.embedder.encode([c.text for c in claims])
        pairs = neighbour_pairs(vecs, self.min_similarity, k=self.k)
        existing = {(r.source, r.target) for r in amap.relations}
        existing |= {(t, s) for s, t in existing}
        main = {d.main_claim for d in amap.documents.values() if d.main_claim}
        indeg: dict[str, int] = {}
        for r in amap.relations:
            indeg[r.target] = indeg.get(r.target, 0) + 1
        candidates = []
        for sim, i, j in pairs:
            a, b = claims[i], claims[j]
            if set(a.documents) & set(b.documents) or (a.id, b.id) in existing:
                continue
            candidates.append((sim, a, b))
        labels: list[tuple[str | None, float]]
        if self.classifier is not None and candidates:
            labels = self.classifier.classify_pairs([(a.text, b.text) for _, a, b in candidates])
        else:
            labels = [("attacks" if polarity_conflict(a.text, b.text) else "supports", sim)
                      for sim, a, b in candidates]
        new: list[Relation] = []
        for (sim, a, b), (label, conf) in zip(candidates, labels):
            if label is None:
                continue

            def rank(c: Any) -> tuple[int, int, int]:
                return (c.id in main, indeg.get(c.id, 0), len(c.documents))

            src, dst = (a, b) if rank(a) <= rank(b) else (b, a)
            c = round_conf(min(conf, sim))
            new.append(Relation(src.id, dst.id, label, c, STAGE, 1, "across"))
            if label == "attacks":
                new.append(Relation(dst.id, src.id, label, c, STAGE, 1, "across"))
        meta = dict(amap.metadata)
        meta["crossdoc_stats"] = {"claims": len(claims), "pairs_considered": len(pairs),
                                  "candidates": len(candidates), "links": len(new), "k": self.k}
        out = ArgumentMap(amap.documents.values(), claims, amap.relations + new, meta)
        out.use_embedder(self.embedder)
        return out
