"""Stance toward a document's main claim, settled from the relation tree.

Supporting a claim takes its stance; attacking it takes the opposite. Claims the tree does not
reach keep the stance their extractor gave them.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.model.data import Claim, Relation


def settle_stances(
    claims: Sequence[Claim], relations: Sequence[Relation], main_claim: str | None
) -> list[Claim]:
    if main_claim is None:
        return list(claims)
    by_id = {c.id: c for c in claims}
    incoming: dict[str, list[Relation]] = {}
    for r in relations:
        incoming.setdefault(r.target, []).append(r)
    stance: dict[str, str] = {main_claim: "pro"}
    frontier = [main_claim]
    while frontier:
        nxt = []
        for t in frontier:
            for r in incoming.get(t, []):
                if r.source in stance or r.source not in by_id:
                    continue
                same = r.type == "supports"
                stance[r.source] = stance[t] if same else ("con" if stance[t] == "pro" else "pro")
                nxt.append(r.source)
        frontier = nxt
    return [c.with_(stance=stance.get(c.id, c.stance)) for c in claims]
