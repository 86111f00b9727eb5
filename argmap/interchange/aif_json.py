"""AIFdb JSON: ``{"nodes", "edges", "locutions", "participants"}``, as AIFdb and OVA exchange it.

Claims are ``I`` nodes; a support is an ``RA`` node ("Default Inference"), an attack a ``CA``
node ("Default Conflict"), a dedup merge an ``MA`` node ("Default Rephrase"); edges run premise
-> S-node -> conclusion. Each mention is an ``L`` (locution) node asserting (``YA``) its claim, so
AIF tools can show where a claim was said. Node ids are numbers as strings, as AIFdb writes them.

AIF JSON has no place for offsets, stances or confidences, so argmap keeps them under an extra
``"argmap"`` key on nodes and on the top object; other tools ignore unknown keys, and importing
the file back gives the exact map. A file without those keys is a foreign one, read by
:func:`argmap.interchange.foreign.map_from_nodes`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from argmap.errors import MapFormatError, brief
from argmap.interchange.foreign import ForeignEdge, map_from_nodes
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Relation
from argmap.model.serialise import FORMAT

SCHEMES = {"supports": ("RA", "Default Inference"), "attacks": ("CA", "Default Conflict")}
REPHRASE = ("MA", "Default Rephrase")


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return str(self.n)


def to_aif_json(amap: ArgumentMap) -> dict[str, Any]:
    """The map as an AIFdb JSON object (plain dict, ready for ``json.dumps``)."""
    new_node, new_edge = _Ids(), _Ids()
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    doc_index = {d: str(i + 1) for i, d in enumerate(amap.documents)}

    def node(
        text: str, kind: str, extra: Mapping[str, Any] | None = None, scheme: str | None = None
    ) -> str:
        nid = new_node()
        d: dict[str, Any] = {"nodeID": nid, "text": text, "type": kind, "timestamp": ""}
        if scheme:
            d["scheme"] = scheme
        if extra is not None:
            d["argmap"] = dict(extra)
        nodes.append(d)
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": new_edge(), "fromID": a, "toID": b, "formEdgeID": None})

    claim_node: dict[str, str] = {}
    for i, c in enumerate(amap.claims_by_id.values()):
        extra = {k: v for k, v in c.to_dict().items() if k not in ("text", "sources")}
        claim_node[c.id] = node(c.text, "I", dict(extra, order=i))
    for c in amap.claims_by_id.values():
        for mem in c.members:
            if mem.id == c.id:
                continue
            variant = node(mem.text, "I", {"member": mem.id, "member_of": c.id})
            s = node(REPHRASE[1], REPHRASE[0], scheme=REPHRASE[1])
            edge(variant, s)
            edge(s, claim_node[c.id])
    for i, r in enumerate(amap.relations):
        kind, scheme = SCHEMES[r.type]
        s = node(scheme, kind, dict(r.to_dict(), order=i), scheme=scheme)
        if r.source in claim_node:
            edge(claim_node[r.source], s)
        if r.target in claim_node:
            edge(s, claim_node[r.target])
    for c in amap.claims_by_id.values():
        for m in c.mentions:
            doc = amap.documents.get(m.document)
            said = doc.text[m.start : m.end] if doc else c.text
            who = doc.title or doc.source if doc else m.document
            loc = node(f"{who}: {said}", "L")
            ya = node("Asserting", "YA", scheme="Asserting")
            edge(loc, ya)
            edge(ya, claim_node[c.id])
            locutions.append(
                {
                    "nodeID": loc,
                    "personID": doc_index.get(m.document, "0"),
                    "timestamp": "",
                    "start": m.start,
                    "end": m.end,
                    "source": doc.source if doc else m.document,
                }
            )
    participants = [
        {
            "participantID": doc_index[d.id],
            "firstname": d.title or d.source,
            "surname": "",
            "source": d.source,
        }
        for d in amap.documents.values()
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": participants,
        "argmap": {
            "format": FORMAT,
            "metadata": amap.metadata,
            "documents": [d.to_dict() for d in amap.documents.values()],
        },
    }


def dumps(amap: ArgumentMap) -> str:
    return json.dumps(to_aif_json(amap), ensure_ascii=False, indent=1) + "\n"


def _adjacency(
    edges: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Node id -> ids of the nodes with an edge into it, and -> ids its edges lead to."""
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for e in edges:
        a, b = str(e.get("fromID")), str(e.get("toID"))
        out_of.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    return into, out_of


def _native(
    data: Mapping[str, Any], nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]]
) -> ArgumentMap:
    """Restore a map argmap wrote: documents from the top object, the rest from node extras.

    The graph itself wins over the extras where someone edited the file in OVA or AIFdb: an
    RA/CA node counts between the claims its edges now join (a relation whose edges were
    rewired or that was drawn anew is kept as imported), a deleted node takes its relation
    with it, and an I-node's text is its text in the file.
    """
    top = data["argmap"]
    claims: list[tuple[int, Claim]] = []
    claim_of: dict[str, str] = {}
    for n in nodes:
        extra = n.get("argmap")
        nid = str(n.get("nodeID"))
        if n.get("type") != "I":
            continue
        if isinstance(extra, Mapping) and "id" in extra:
            claims.append((int(extra["order"]), Claim.from_dict(dict(extra, text=n["text"]))))
            claim_of[nid] = str(extra["id"])
        elif not (isinstance(extra, Mapping) and "member_of" in extra):
            raise MapFormatError(
                f"I-node {nid} ({' '.join(str(n.get('text', '')).split())[:60]!r}) has no "
                "argmap data, so it cannot be traced to a document; it was added after export. "
                "Remove the top-level 'argmap' key to import the file as a foreign AIF graph"
            )
    into, out_of = _adjacency(edges)
    rels: list[tuple[tuple[int, int], Relation]] = []
    seen: set[tuple[str, str, str]] = set()
    drawn: list[tuple[int, str, str, str]] = []
    for pos, n in enumerate(nodes):
        kind = {"RA": "supports", "CA": "attacks"}.get(str(n.get("type")))
        if kind is None:
            continue
        nid = str(n.get("nodeID"))
        premises = [claim_of[x] for x in into.get(nid, []) if x in claim_of]
        conclusions = [claim_of[x] for x in out_of.get(nid, []) if x in claim_of]
        extra = n.get("argmap")
        if (
            isinstance(extra, Mapping)
            and "source" in extra
            and premises == [extra["source"]]
            and conclusions == [extra["target"]]
            and extra.get("type") == kind
        ):
            rel = Relation.from_dict(extra)
            if (rel.source, rel.target, rel.type) not in seen:
                seen.add((rel.source, rel.target, rel.type))
                rels.append(((0, int(extra["order"])), rel))
            continue
        drawn.extend((pos, a, b, kind) for a in premises for b in conclusions if a != b)
    for pos, a, b, kind in drawn:  # after the kept ones, so a copied node adds nothing
        if (a, b, kind) not in seen:
            seen.add((a, b, kind))
            rels.append(((1, pos), Relation(a, b, kind, stage="import")))
    return ArgumentMap(
        [Document.from_dict(d) for d in top.get("documents", [])],
        [c for _, c in sorted(claims, key=lambda t: t[0])],
        [r for _, r in sorted(rels, key=lambda t: t[0])],
        top.get("metadata") or {},
    )


def _foreign(
    nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], source: str
) -> ArgumentMap:
    kinds = {str(n.get("nodeID")): str(n.get("type", "")) for n in nodes}
    into, out_of = _adjacency(edges)
    i_nodes = [
        (str(n.get("nodeID")), str(n.get("text", ""))) for n in nodes if n.get("type") == "I"
    ]
    found: list[ForeignEdge] = []
    for n in nodes:
        kind = {"RA": "supports", "CA": "attacks"}.get(str(n.get("type")))
        if kind is None:
            continue
        s = str(n.get("nodeID"))
        premises = [p for p in into.get(s, []) if kinds.get(p) == "I"]
        conclusions = [c for c in out_of.get(s, []) if kinds.get(c) == "I"]
        found += [ForeignEdge(p, c, kind) for p in premises for c in conclusions]
    rephrases = [
        (p, c)
        for n in nodes
        if n.get("type") == "MA"
        for p in into.get(str(n.get("nodeID")), [])
        if kinds.get(p) == "I"
        for c in out_of.get(str(n.get("nodeID")), [])
        if kinds.get(c) == "I"
    ]
    return map_from_nodes(i_nodes, found, source, "aif-json", rephrases)


def from_aif_json(data: Any, source: str = "AIF JSON") -> ArgumentMap:
    """A map from an AIFdb JSON object (a parsed file): exact if argmap wrote it.

    Raises:
        MapFormatError: not an AIF JSON object, or broken argmap extras.
    """
    if isinstance(data, Mapping) and isinstance(data.get("AIF"), Mapping):
        data = data["AIF"]  # xAIF wraps the AIF part
    if not isinstance(data, Mapping) or not isinstance(data.get("nodes"), list):
        raise MapFormatError(f"{source}: not AIF JSON (expected an object with a 'nodes' list)")
    nodes = [n for n in data["nodes"] if isinstance(n, Mapping)]
    edges = [e for e in data.get("edges") or [] if isinstance(e, Mapping)]
    top = data.get("argmap")
    try:
        if isinstance(top, Mapping) and top.get("format") == FORMAT:
            amap = _native(data, nodes, edges)
        else:
            amap = _foreign(nodes, edges, source)
        amap.validate()
    except MapFormatError:
        raise
    except Exception as e:
        raise MapFormatError(f"{source}: malformed AIF JSON ({brief(e)})") from e
    return amap


def loads(text: str, source: str = "AIF JSON") -> ArgumentMap:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise MapFormatError(f"{source}: not valid JSON ({e.msg} at line {e.lineno})") from e
    return from_aif_json(data, source)
