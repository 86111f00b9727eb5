"""AIFdb JSON: ``{"nodes", "edges", "locutions", "participants"}``, as AIFdb and OVA exchange it.

Claims are ``I`` nodes; a support is an ``RA`` node ("Default Inference"), an attack a ``CA``
node ("Default Conflict"), a dedup merge an ``MA`` node ("Default Rephrase"); edges run premise
-> S-node -> conclusion. Each mention is an ``L`` (locution) node asserting (``YA``) its claim, so
AIF tools can show where a claim was said. Node ids are numbers as strings, as AIFdb writes them.

AIF JSON has no place for offsets, stances or confidences, so argmap keeps them under an extra
``"argmap"`` key on nodes and on the top object; other tools ignore unknown keys, and importing
the file back gives the exact map. A file without those keys is a foreign one, read by
:func:`argmap.interchange.foreign.build_from_nodes`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from argmap.errors import MapFormatError, brief
from argmap.interchange import aif_graph
from argmap.interchange.aif_graph import flat
from argmap.interchange.foreign import ForeignEdge, build_from_nodes
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Relation
from argmap.model.serialise import FORMAT, parse_json

SCHEMES = aif_graph.SCHEMES
REPHRASE = aif_graph.REPHRASE


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return str(self.n)


def to_aif_json(amap: ArgumentMap) -> dict[str, Any]:
    """The map as an AIFdb JSON object (plain dict, ready for ``json.dumps``).

    A map imported from another tool's file goes back out as that file (see
    :mod:`argmap.interchange.aif_graph`); an xAIF file gives its AIF part here."""
    kept = imported_file(amap)
    if kept is not None:
        out = aif_graph.restore(amap, kept)
        return dict(out["AIF"]) if aif_graph.is_xaif(out) else out
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
    ra_of: dict[tuple[str, str], str] = {}
    undercuts: list[tuple[str, tuple[str, ...]]] = []
    for i, r in enumerate(amap.relations):
        kind, scheme = SCHEMES[r.type]
        s = node(scheme, kind, dict(r.to_dict(), order=i), scheme=scheme)
        if r.type == "supports":
            ra_of.setdefault((r.source, r.target), s)
        if r.source in claim_node:
            edge(claim_node[r.source], s)
        if r.inference:
            undercuts.append((s, r.inference))
        elif r.target in claim_node:
            edge(s, claim_node[r.target])
    for s, (premise, conclusion) in undercuts:  # a conflict with the inference node
        edge(s, ra_of.get((premise, conclusion)) or claim_node[conclusion])
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


def imported_file(amap: ArgumentMap) -> Mapping[str, Any] | None:
    kept = amap.metadata.get(aif_graph.KEY)
    if isinstance(kept, Mapping) and isinstance(kept.get("file"), Mapping):
        return kept
    return None


def dumps(amap: ArgumentMap) -> str:
    return json.dumps(to_aif_json(amap), ensure_ascii=False, indent=1) + "\n"


def to_xaif(amap: ArgumentMap) -> dict[str, Any]:
    """xAIF as oAMF modules pass it on: ``{"AIF", "text", "OVA"}``.

    ``text`` is the map's documents with each locution marked as a
    ``<span class="highlighted" id="L-node id">`` around the characters its claim came from
    (the rest escaped, so no document text becomes markup). A file argmap imported goes back
    out as it came, wrapper and all."""
    kept = imported_file(amap)
    if kept is not None:
        out = aif_graph.restore(amap, kept)
        if aif_graph.is_xaif(out):
            return out
        return {"AIF": out, "text": "", "OVA": _empty_ova()}
    aif = to_aif_json(amap)
    return {"AIF": aif, "text": _marked_text(amap, aif), "dialog": False, "OVA": _empty_ova()}


def dumps_xaif(amap: ArgumentMap) -> str:
    return json.dumps(to_xaif(amap), ensure_ascii=False, indent=1) + "\n"


def _empty_ova() -> dict[str, Any]:
    return {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []}


def _marked_text(amap: ArgumentMap, aif: Mapping[str, Any]) -> str:
    """Each document's text, escaped, with its locutions' spans marked (overlaps: the first)."""
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    source_of = {d.source: d.id for d in amap.documents.values()}
    for loc in aif.get("locutions", []):
        doc = source_of.get(loc.get("source"))
        if doc is not None:
            by_doc.setdefault(doc, []).append((int(loc["start"]), int(loc["end"]), loc["nodeID"]))
    parts = []
    for d in amap.documents.values():
        pos = 0
        out = []
        for start, end, nid in sorted(by_doc.get(d.id, [])):
            if start < pos:
                continue
            out.append(html.escape(d.text[pos:start]))
            body = html.escape(d.text[start:end])
            out.append(f'<span class="highlighted" id="{html.escape(str(nid))}">{body}</span>')
            pos = end
        out.append(html.escape(d.text[pos:]))
        parts.append("".join(out))
    return "<br><br>".join(parts)


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
        elif not (isinstance(extra, Mapping) and "member_of" in extra) and flat(n.get("text")):
            raise MapFormatError(
                f"I-node {nid} ({' '.join(str(n.get('text', '')).split())[:60]!r}) has no "
                "argmap data, so it cannot be traced to a document; it was added after export. "
                "Remove the top-level 'argmap' key to import the file as a foreign AIF graph"
            )
    into, out_of = _adjacency(edges)
    kinds = {str(n.get("nodeID")): str(n.get("type", "")) for n in nodes}
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
        if kind == "attacks":  # an undercut: the conclusion of the inference it attacks
            conclusions += [
                claim_of[y]
                for ra in out_of.get(nid, [])
                if kinds.get(ra) == "RA"
                for y in out_of.get(ra, [])
                if y in claim_of
            ]
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


def _foreign(file: Mapping[str, Any], source: str) -> ArgumentMap:
    """Another tool's file: one claim per I-node, its supports, attacks and undercuts, its
    rephrases as links, what each speaker said, and the whole file kept for the export."""
    aif = file["AIF"] if aif_graph.is_xaif(file) else file
    nodes = [n for n in aif["nodes"] if isinstance(n, Mapping)]
    edges = [e for e in aif.get("edges") or [] if isinstance(e, Mapping)]
    key = aif_graph.node_key
    kinds = {key(n.get("nodeID")): str(n.get("type", "")) for n in nodes}
    into, out_of = _adjacency(edges)

    def around(s: str, kind: str, inward: bool) -> list[str]:
        return [x for x in (into if inward else out_of).get(s, []) if kinds.get(x) == kind]

    i_nodes = [
        (key(n.get("nodeID")), str(n.get("text", ""))) for n in nodes if n.get("type") == "I"
    ]
    found: list[ForeignEdge] = []
    rephrases: list[tuple[str, str]] = []
    for n in nodes:
        s = key(n.get("nodeID"))
        t = str(n.get("type"))
        if t == "MA":
            rephrases += [(p, c) for p in around(s, "I", True) for c in around(s, "I", False)]
        kind = {"RA": "supports", "CA": "attacks"}.get(t)
        if kind is None:
            continue
        premises = around(s, "I", True)
        found += [ForeignEdge(p, c, kind, node=s) for p in premises for c in around(s, "I", False)]
        if kind == "attacks":  # a conflict with an inference: an undercut
            for ra in around(s, "RA", False):
                for c in around(ra, "I", False):
                    found += [
                        ForeignEdge(p, c, "attacks", inference=(q, c), node=s)
                        for p in premises
                        for q in around(ra, "I", True)[:1]
                    ]
    amap, ids = build_from_nodes(i_nodes, found, source, "aif-json", rephrases)
    made = {r.key for r in amap.relations}
    relations: dict[str, list[tuple[str, str, str]]] = {}
    for e in found:
        a, b = ids.get(e.premise), ids.get(e.conclusion)
        if a is not None and b is not None and (a, b, e.type) in made:
            relations.setdefault(e.node, []).append((a, b, e.type))
    spoken = aif_graph.said(aif)
    claims: list[Claim] = []
    for k, cid in ids.items():
        claim = amap.claims_by_id[cid]
        if k in spoken:
            claim = claim.with_(metadata=dict(claim.metadata or {}, **{aif_graph.SAID: spoken[k]}))
        claims.append(claim)
    meta = dict(amap.metadata)
    meta[aif_graph.KEY] = aif_graph.keep(file, ids, relations, meta.get("rephrases", []))
    if aif_graph.is_xaif(file):
        meta["imported_from"] = "xaif"
    return ArgumentMap(list(amap.documents.values()), claims, amap.relations, meta)


def from_aif_json(data: Any, source: str = "AIF JSON") -> ArgumentMap:
    """A map from an AIFdb JSON object (a parsed file): exact if argmap wrote it.

    Raises:
        MapFormatError: not an AIF JSON object, or broken argmap extras.
    """
    file = data
    if isinstance(data, Mapping) and isinstance(data.get("AIF"), Mapping):
        data = data["AIF"]  # xAIF wraps the AIF part
    if not isinstance(data, Mapping) or not isinstance(data.get("nodes"), list):
        raise MapFormatError(f"{source}: not AIF JSON (expected an object with a 'nodes' list)")
    for name in ("edges", "locutions", "participants"):
        if data.get(name) is not None and not isinstance(data.get(name), list):
            raise MapFormatError(f"{source}: AIF '{name}' must be a list")
    nodes = [n for n in data["nodes"] if isinstance(n, Mapping)]
    edges = [e for e in data.get("edges") or [] if isinstance(e, Mapping)]
    top = data.get("argmap")
    try:
        if isinstance(top, Mapping) and top.get("format") == FORMAT:
            amap = _native(data, nodes, edges)
        else:
            amap = _foreign(file, source)
        amap.validate()
    except MapFormatError:
        raise
    except Exception as e:
        raise MapFormatError(f"{source}: malformed AIF JSON ({brief(e)})") from e
    return amap


def loads(text: str, source: str = "AIF JSON") -> ArgumentMap:
    return from_aif_json(parse_json(text, source, check_text=True), source)
