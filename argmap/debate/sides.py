"""Each claim's side toward the question, and each document's position, from two kinds of
evidence that are reconciled.

What the claim says: the judge's stance toward the question, ``P(pro) − P(con)``.

Where it stands in the map: a claim's ``stance`` is toward its own document's main claim, so
once a document is oriented (``for`` or ``against`` the question) every claim in it has a side
by structure -- the document's direction times the claim's stance, and a claim merged from
several documents votes with each. A document's direction is the judge's reading of all its
claims, each turned by its stance (an objection the author answers counts the other way), so one
misread claim cannot turn a document. A heading that takes a side ("Arguments against ...")
is structure too. Both are added up with the weights below; ``side_source`` records which
decided: ``both`` (they agree), ``judge`` or ``structure`` (the one that outweighed the other),
``edges`` (neither spoke; an attack on a ``pro`` claim from another document made it ``con``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim

STRUCTURE_WEIGHT = 1.0
HEADING_WEIGHT = 0.6
SIDE_MARGIN = 0.2
"""|score| below this is ``neutral``: neither kind of evidence is clear."""
POSITION_MARGIN = 0.3
"""A document whose sided claims lean less than this either way is ``mixed``."""
NEUTRAL_SHARE = 0.6
"""A document most of whose claims (by weight) take no side is ``neutral``: it reports."""


@dataclass(frozen=True)
class Sides:
    claims: list[Claim]
    positions: dict[str, tuple[str, float]]  # document id -> (position, confidence)
    direction: dict[str, float]  # document id -> [-1, 1]


def _sign(stance: str) -> int:
    return -1 if stance == "con" else 1


def _doc_stances(c: Claim) -> list[tuple[str, int]]:
    """(document, stance toward that document's main claim) for each place a claim is made."""
    if c.members:
        return [(m.mentions[0].document, _sign(m.stance)) for m in c.members if m.mentions]
    return [(c.mentions[0].document, _sign(c.stance))]


def reconcile(amap: ArgumentMap, verdicts: Sequence[object]) -> Sides:
    """Sides for ``amap``'s claims (in order) given the judge's stance verdicts for them."""
    claims = list(amap.claims_by_id.values())
    lean: dict[str, float] = {}
    neutral: dict[str, float] = {}
    for c, v in zip(claims, verdicts, strict=True):
        scores = getattr(v, "scores", {})
        lean[c.id] = float(scores.get("pro", 0.0)) - float(scores.get("con", 0.0))
        neutral[c.id] = float(scores.get("neutral", 0.0))
    direction = _directions(amap, claims, lean, neutral)
    out: list[Claim] = []
    undecided: list[int] = []
    for c in claims:
        places = _doc_stances(c)
        structure = sum(direction.get(doc, 0.0) * s for doc, s in places) / len(places)
        heading = str((c.metadata or {}).get("section", ""))
        if heading in ("pro", "con"):
            structure += HEADING_WEIGHT * (1 if heading == "pro" else -1)
        j = lean[c.id]
        score = j + STRUCTURE_WEIGHT * structure
        side = "pro" if score >= SIDE_MARGIN else "con" if score <= -SIDE_MARGIN else "neutral"
        if side == "neutral":
            source = "both" if abs(j) < SIDE_MARGIN and abs(structure) < SIDE_MARGIN else "judge"
            undecided.append(len(out))
        elif (j > 0) == (structure > 0) and abs(j) >= SIDE_MARGIN / 2 and abs(structure) > 0:
            source = "both"
        else:
            source = "judge" if abs(j) >= abs(STRUCTURE_WEIGHT * structure) else "structure"
        conf = min(1.0, abs(score) / 2 + 0.5) if side != "neutral" else neutral[c.id]
        out.append(c.with_(side=side, side_confidence=round(conf, 4), side_source=source))
    _from_edges(amap, out, undecided)
    return Sides(out, _positions(amap, out), direction)


def _directions(
    amap: ArgumentMap, claims: list[Claim], lean: dict[str, float], neutral: dict[str, float]
) -> dict[str, float]:
    """Each document's direction in [-1, 1]: the judge's lean of its main claim, plus its other
    claims' lean turned by their stance -- counted only as far as the main claim takes a side
    at all ("There are arguments on both sides" orients nothing)."""
    num: dict[str, float] = defaultdict(float)
    den: dict[str, float] = defaultdict(float)
    mains = {d.main_claim for d in amap.documents.values() if d.main_claim}
    for c in claims:
        if c.id in mains:
            continue
        for doc, s in _doc_stances(c):
            num[doc] += s * lean[c.id]
            den[doc] += abs(lean[c.id])
    out: dict[str, float] = {}
    for d in amap.documents.values():
        indirect = num[d.id] / den[d.id] if den[d.id] else 0.0
        main = d.main_claim if d.main_claim in lean else None
        if main is None:
            out[d.id] = 0.0
            continue
        x = lean[main] + (1.0 - neutral[main]) * indirect
        out[d.id] = max(-1.0, min(1.0, x))
    return out


def _positions(amap: ArgumentMap, claims: list[Claim]) -> dict[str, tuple[str, float]]:
    """A document's position from its claims' sides, its main claim counting three times."""
    mains = {d.main_claim for d in amap.documents.values() if d.main_claim}
    total: dict[str, float] = defaultdict(float)
    sided: dict[str, float] = defaultdict(float)
    count: dict[str, float] = defaultdict(float)
    for c in claims:
        w = 3.0 if c.id in mains else 1.0
        v = 1 if c.side == "pro" else -1 if c.side == "con" else 0
        for doc in dict.fromkeys(m.document for m in c.mentions):
            total[doc] += w * v
            sided[doc] += w * abs(v)
            count[doc] += w
    out: dict[str, tuple[str, float]] = {}
    for d in amap.documents:
        x = total[d] / sided[d] if sided[d] else 0.0
        neutral_share = 1.0 - sided[d] / count[d] if count[d] else 1.0
        if neutral_share >= NEUTRAL_SHARE:
            out[d] = ("neutral", round(neutral_share, 4))
        elif x >= POSITION_MARGIN:
            out[d] = ("for", round(min(1.0, x), 4))
        elif x <= -POSITION_MARGIN:
            out[d] = ("against", round(min(1.0, -x), 4))
        else:
            out[d] = ("mixed", round(1.0 - abs(x) / POSITION_MARGIN, 4))
    return out


def _from_edges(amap: ArgumentMap, claims: list[Claim], undecided: list[int]) -> None:
    """A claim neither kind of evidence placed takes a side from cross-document edges: attacking
    a ``pro`` claim is ``con``, supporting it is ``pro`` (only when the edges agree)."""
    side = {c.id: c.side for c in claims}
    votes: dict[str, int] = defaultdict(int)
    for r in amap.relations:
        if r.scope != "across" or side.get(r.target) not in ("pro", "con"):
            continue
        s = 1 if side[r.target] == "pro" else -1
        votes[r.source] += s if r.type == "supports" else -s
    for i in undecided:
        v = votes.get(claims[i].id, 0)
        if v:
            claims[i] = claims[i].with_(
                side="pro" if v > 0 else "con", side_confidence=0.5, side_source="edges"
            )
