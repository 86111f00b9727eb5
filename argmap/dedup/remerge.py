"""Re-merging a saved map at another threshold, without re-extracting anything.

The app's threshold slider calls this on every move, so it must not touch the documents:
merges are undone from the members and member-level relation pairs each merged claim keeps,
then redone; links across documents are kept as they were.
"""

from __future__ import annotations

import dataclasses

from argmap.dedup.apply import explode, home_of, merge
from argmap.embed import Embedder, make_embedder
from argmap.model.amap import ArgumentMap
from argmap.reason import with_semantics


def remerge(amap: ArgumentMap, threshold: float, embedder: Embedder | None = None) -> ArgumentMap:
    """``amap`` merged at ``threshold``; the embedder defaults to the one the map records."""
    emb = embedder or make_embedder(str(amap.metadata.get("embedder") or "") or None)
    claims, rels = explode(list(amap.claims_by_id.values()), amap.relations)
    merged, merged_rels = merge(claims, rels, emb, threshold)
    home = home_of(merged)
    docs = [
        dataclasses.replace(d, main_claim=home.get(d.main_claim or "", d.main_claim))
        for d in amap.documents.values()
    ]
    meta = dict(amap.metadata, dedup_threshold=threshold)
    return with_semantics(ArgumentMap(docs, merged, merged_rels, meta))
