"""GraphML (via networkx) for Gephi, yEd, Cytoscape: claims as nodes, relations as edges.

GraphML has no null, so an attribute a claim lacks (``strength`` before semantics ran) is left
off that node instead of being written as an empty or made-up value.
"""

from __future__ import annotations

import io

import networkx as nx

from argmap.chars import NOT_XML
from argmap.errors import MapFormatError, excerpt
from argmap.model.amap import ArgumentMap


def to_graphml_graph(amap: ArgumentMap) -> nx.MultiDiGraph:
    """The map as a MultiDiGraph with GraphML-safe (str/int/float) attributes only."""
    g = nx.MultiDiGraph()
    q = (amap.metadata.get("question") or {}).get("text")
    if q:
        g.graph["question"] = str(q)
    key_point: dict[str, tuple[str, str, bool]] = {}
    for k in amap.key_points or []:
        for cid in k.claims:
            key_point[cid] = (k.id, k.label, k.crux)
    for c in amap.claims_by_id.values():
        docs = [amap.documents[d] for d in c.documents if d in amap.documents]
        attrs: dict[str, str | int | float] = {
            "text": c.text,
            "stance": c.stance,
            "confidence": float(c.confidence),
            "sources": len(c.documents),
            "documents": "\n".join(d.source for d in docs),
            "mentions": len(c.mentions),
            "members": len(c.members),
        }
        if c.strength is not None:
            attrs["strength"] = float(c.strength)
        if c.acceptance is not None:
            attrs["acceptance"] = c.acceptance
        if c.side is not None:
            attrs["side"] = c.side
            attrs["side_confidence"] = float(c.side_confidence or 0.0)
            attrs["side_source"] = c.side_source or ""
        if c.id in key_point:
            kid, label, crux = key_point[c.id]
            attrs["key_point"] = kid
            attrs["key_point_label"] = label
            attrs["crux"] = int(crux)
        g.add_node(c.id, **attrs)
    for r in amap.relations:
        g.add_edge(
            r.source,
            r.target,
            type=r.type,
            confidence=float(r.confidence),
            count=int(r.count),
            scope=r.scope,
            stage=r.stage,
            rule=r.rule,
        )
    return g


def _check_xml_chars(g: nx.MultiDiGraph) -> None:
    """Refuse, naming the claim and attribute, what GraphML (XML 1.0) cannot carry; ingestion
    keeps a form feed or U+FFFE where the source had one, and networkx would only say "All
    strings must be XML compatible"."""
    places = [("the graph", k, v) for k, v in g.graph.items()]
    places += [(f"claim {n}", k, v) for n, d in g.nodes(data=True) for k, v in d.items()]
    places += [(f"edge {a} -> {b}", k, v) for a, b, d in g.edges(data=True) for k, v in d.items()]
    for where, key, value in places:
        bad = NOT_XML.search(value) if isinstance(value, str) else None
        if bad:
            at = bad.start()
            raise MapFormatError(
                f"GraphML cannot hold the character U+{ord(bad.group()):04X} found in {key!r} "
                f"of {where} (at character {at}: {excerpt(value[max(0, at - 30) : at], 40)!r}); "
                "export as json, turtle or argdown instead, which can"
            )


def to_graphml(amap: ArgumentMap) -> str:
    g = to_graphml_graph(amap)
    _check_xml_chars(g)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8")
    return buf.getvalue().decode("utf-8")
