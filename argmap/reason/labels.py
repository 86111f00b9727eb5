"""The semantics applied to a map: which of its claims stand, and how strongly.

Attacks count directly and through supported attacks (a claim that supports an attacker
attacks too); strength starts from each claim's own confidence. Self-loops are ignored: a claim
cannot defeat itself in a map built from documents.
"""

from __future__ import annotations

from argmap.model.amap import ArgumentMap
from argmap.reason import semantics as sem


def _edges(amap: ArgumentMap, kind: str) -> list[tuple[str, str, float]]:
    return [
        (r.source, r.target, r.confidence)
        for r in amap.relations
        if r.type == kind and r.source != r.target
    ]


def _attacks(amap: ArgumentMap) -> tuple[list[str], set[tuple[str, str]]]:
    nodes = list(amap.claims_by_id)
    att = sem.derived_attacks(
        nodes,
        [(a, b) for a, b, _ in _edges(amap, "attacks")],
        [(a, b) for a, b, _ in _edges(amap, "supports")],
    )
    return nodes, att


def acceptance(amap: ArgumentMap) -> dict[str, str]:
    """Grounded labelling (in / out / undecided) over attacks plus supported attacks."""
    nodes, att = _attacks(amap)
    return sem.grounded(nodes, att)


def preferred(amap: ArgumentMap) -> list[frozenset[str]] | None:
    """Preferred extensions, or None when the map is too tangled to enumerate exactly."""
    nodes, att = _attacks(amap)
    return sem.preferred(nodes, att)


def strength(amap: ArgumentMap) -> dict[str, float]:
    """DF-QuAD gradual strength in [0, 1], starting from each claim's confidence."""
    base = {c.id: c.confidence for c in amap.claims_by_id.values()}
    return sem.df_quad(
        list(amap.claims_by_id), _edges(amap, "attacks"), _edges(amap, "supports"), base
    )


def with_semantics(amap: ArgumentMap) -> ArgumentMap:
    """A copy whose claims carry ``acceptance`` and ``strength`` (saved in the JSON)."""
    lab, st = acceptance(amap), strength(amap)
    claims = [
        c.with_(acceptance=lab[c.id], strength=round(st[c.id], 4))
        for c in amap.claims_by_id.values()
    ]
    return amap.replace(claims, amap.relations)
