"""GraphML: networkx reads back the claims and relations with their attributes."""

from __future__ import annotations

import io

import networkx as nx
from test_export_helpers import sample_map

from argmap.interchange.graphml import to_graphml


def test_export_graphml_reads_back_with_attributes() -> None:
    amap = sample_map()
    g = nx.read_graphml(io.BytesIO(to_graphml(amap).encode("utf-8")))
    assert set(g.nodes) == set(amap.claims_by_id)
    main = g.nodes["c_main"]
    assert main["text"] == "Open models should be released."
    assert main["stance"] == "pro"
    assert main["acceptance"] == "in"
    assert main["strength"] == 0.7123456789012345
    assert main["sources"] == 1
    assert g.nodes["c_audit"]["sources"] == 2
    assert "strength" not in g.nodes["c_yet"]  # no semantics computed for it: left off
    assert g.nodes["c_critics"]["text"].endswith("<script>alert('x')</script>.")
    edges = sorted((a, b, d["type"], d["confidence"]) for a, b, d in g.edges(data=True))
    want = sorted((r.source, r.target, r.type, r.confidence) for r in amap.relations)
    assert edges == want
    # which rule made an edge travels too (empty where the stage named none)
    assert g.edges["c_critics", "c_main"]["rule"] == "objection"
    assert g.is_directed()
