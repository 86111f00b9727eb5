"""The debate view as plain data: the question, where each document stands, and the key points
of each side with their claims, source passages, objections and the answers to those.

Kept apart from the network view (``view.py``) and free of Streamlit, so the app only lays it
out and tests can check it without a browser.
"""

from __future__ import annotations

from typing import Any

from argmap.model.amap import ArgumentMap
from argmap.model.data import KeyPoint
from argmap.view.network import doc_label

PER_SIDE = 25


def key_point_detail(amap: ArgumentMap, kp: KeyPoint, context: int = 160) -> dict[str, Any]:
    """A key point's claims, each with its passages, its objections, and their answers."""
    claims = []
    for cid in kp.claims:
        c = amap.claims_by_id.get(cid)
        if c is None:
            continue
        objections = []
        for o in amap.attackers(cid):
            answers = [a for a in amap.attackers(o.id) if a.id != cid]
            objections.append({"claim": o, "answers": answers})
        claims.append(
            {"claim": c, "passages": amap.passages(cid, context=context), "objections": objections}
        )
    return {"key_point": kp, "claims": claims}


def debate_data(amap: ArgumentMap, per_side: int = PER_SIDE) -> dict[str, Any]:
    """What the debate view shows. ``question`` is None for maps built without the debate
    stage; ``sides`` holds each side's key points ranked by sources (at most ``per_side``)."""
    q = amap.metadata.get("question")
    kps = amap.key_points or []
    positions = [
        {
            "document": d.id,
            "title": doc_label(d.title, d.source),
            "position": d.position,
            "confidence": d.position_confidence,
        }
        for d in amap.documents.values()
    ]
    sides = {side: [k for k in kps if k.side == side][:per_side] for side in ("pro", "con")}
    counts = {side: sum(1 for k in kps if k.side == side) for side in ("pro", "con", "neutral")}
    return {
        "question": q if isinstance(q, dict) else None,
        "positions": positions,
        "sides": sides,
        "counts": counts,
        "cruxes": [k for k in kps if k.crux],
        "has_debate": amap.key_points is not None,
    }
