"""Key points: claims that make the same point more loosely than a dedup merge, and cruxes.

Grouping is dedup's average-linkage clustering (``dedup.merge.cluster``) over each claim's k
nearest neighbours, so its cost is n·k, never all pairs, at a looser threshold, with two vetoes:
claims on different sides never share a key point, and neither do two the judge reads as
attacking each other. A key point's label is its most central wording (the medoid); its side
is its members' side. Groups are kept when several documents make the point, or when it is a
document's own point (a main claim, or a claim that directly supports or attacks one).

A crux is a key point the sides fight over: attacked by claims of the other side and defended
(supported, or asserted again) on its own side, across at least two documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from argmap.dedup.index import neighbour_pairs
from argmap.dedup.merge import cluster, medoid
from argmap.ids import digest
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, KeyPoint

KEY_POINT_THRESHOLD = 0.6
"""Average cosine at which claims join one key point (dedup merges at 0.72)."""
K = 10


def group(
    amap: ArgumentMap,
    claims: Sequence[Claim],
    vecs: np.ndarray,
    judge: Any,
    threshold: float = KEY_POINT_THRESHOLD,
    k: int = K,
) -> list[KeyPoint]:
    """Key points of ``claims`` (with sides set), ranked by sources, then mentions."""
    if not claims:
        return []
    texts = [c.text for c in claims]
    sides = [c.side or "neutral" for c in claims]
    candidates = [
        (i, j) for _s, i, j in neighbour_pairs(vecs, threshold, k=k) if sides[i] == sides[j]
    ]
    attacking: set[tuple[str, str]] = set()
    if candidates and judge is not None:
        verdicts = judge.judge([(texts[i], texts[j]) for i, j in candidates])
        for (i, j), v in zip(candidates, verdicts, strict=True):
            if v.label == "attacks":
                attacking.add((texts[i], texts[j]))
                attacking.add((texts[j], texts[i]))
    groups = cluster(
        texts,
        vecs,
        [frozenset(c.documents) for c in claims],
        threshold=threshold,
        same_document_threshold=threshold,
        conflict=lambda a, b: (a, b) in attacking,
        k=k,
        stances=sides,
        cross_stance_threshold=2.0,  # never across sides
    )
    mains = {d.main_claim for d in amap.documents.values() if d.main_claim}
    top = mains | {r.source for r in amap.relations if r.target in mains}
    index = {c.id: i for i, c in enumerate(claims)}
    incoming: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in amap.relations:
        incoming[r.target].append((r.source, r.type))
    out: list[KeyPoint] = []
    for g in groups:
        members = [claims[i] for i in g]
        docs = {d for c in members for d in c.documents}
        if len(docs) < 2 and not any(c.id in top for c in members):
            continue
        side = sides[g[0]]
        label = claims[medoid(g, vecs)].text
        ids = tuple(c.id for c in members)
        attacks, defences = _fights(members, side, claims, index, incoming)
        crux = bool(attacks and (defences or len(docs) >= 2)) and side != "neutral"
        crux = crux and len(_documents(attacks | defences, claims, index) | docs) >= 2
        conf = float(np.mean([c.side_confidence or 0.0 for c in members]))
        out.append(
            KeyPoint(
                id="k" + digest("\n".join(sorted(ids)))[:12],
                label=label,
                side=side,
                claims=ids,
                documents=len(docs),
                mentions=sum(len(c.mentions) for c in members),
                side_confidence=round(conf, 4),
                attacks=len(attacks),
                defences=len(defences),
                crux=crux,
            )
        )
    out.sort(key=lambda kp: (-kp.documents, -kp.mentions, -kp.attacks, kp.label))
    return out


def _fights(
    members: list[Claim],
    side: str,
    claims: Sequence[Claim],
    index: dict[str, int],
    incoming: dict[str, list[tuple[str, str]]],
) -> tuple[set[str], set[str]]:
    """Claims of the other side that attack the key point, and of its side that support it."""
    inside = {c.id for c in members}
    attacks: set[str] = set()
    defences: set[str] = set()
    for c in members:
        for src, kind in incoming.get(c.id, []):
            if src in inside or src not in index:
                continue
            s = claims[index[src]].side
            if kind == "attacks" and s not in (side, "neutral", None):
                attacks.add(src)
            elif kind == "supports" and s == side:
                defences.add(src)
    return attacks, defences


def _documents(ids: set[str], claims: Sequence[Claim], index: dict[str, int]) -> set[str]:
    return {d for i in ids for d in claims[index[i]].documents}
