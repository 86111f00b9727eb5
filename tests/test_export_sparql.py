"""SPARQL: the ready queries give the right answers, bindings are literals (no injection), and
the on-disk Oxigraph store answers the same and is reused while it holds the same map."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_helpers import sample_map

from argmap.errors import ArgmapError
from argmap.interchange import sparql
from argmap.interchange.queries import (
    CLAIMS_BY_DOCUMENT,
    MOST_ATTACKED,
    QUERIES,
    UNANSWERED_ATTACKS,
)

INJECTION = 'c_main" } UNION { ?c ?p ?o } #'


def test_export_sparql_most_attacked() -> None:
    rows = sparql.query(sample_map(), MOST_ATTACKED)
    assert [(r["claim"], r["attackers"], r["attacks"]) for r in rows] == [
        ("c_main", 2, 2),
        ("c_critics", 1, 1),
    ]
    assert rows[0]["text"] == "Open models should be released."


def test_export_sparql_claims_by_document() -> None:
    amap = sample_map()
    rows = sparql.query(amap, CLAIMS_BY_DOCUMENT)
    docs = list(amap.documents)
    got = [(r["document"], r["claim"]) for r in rows]
    assert got == [
        (docs[0], "c_main"),
        (docs[0], "c_audit"),
        (docs[0], "c_critics"),
        (docs[0], "c_yet"),
        (docs[1], "c_audit"),
        (docs[1], "c_undo"),
    ]
    one = sparql.query(amap, CLAIMS_BY_DOCUMENT, source="corpus/b.html")
    assert [r["claim"] for r in one] == ["c_audit", "c_undo"]
    assert {r["claim"] for r in sparql.query(amap, CLAIMS_BY_DOCUMENT, document=docs[0])} == {
        c.id for c in amap.claims(document=docs[0])
    }


def test_export_sparql_unanswered_attacks() -> None:
    rows = sparql.query(sample_map(), UNANSWERED_ATTACKS)
    # c_critics attacks c_main but is itself attacked by c_yet, so it is answered
    assert [(r["attacker"], r["target"]) for r in rows] == [
        ("c_yet", "c_critics"),
        ("c_undo", "c_main"),
    ]


def test_export_sparql_binding_is_a_literal_not_query_text() -> None:
    amap = sample_map()
    q = "SELECT ?c ?text WHERE { ?c argmap:id ?id ; aif:claimText ?text }"
    assert sparql.query(amap, q, id=INJECTION) == []
    assert sparql.query(amap, q, id='"} ; DROP ALL ; {"') == []
    hit = sparql.query(amap, q, id="c_main")
    assert [r["text"] for r in hit] == ["Open models should be released."]
    # a value with quotes and angle brackets that is real data still matches exactly
    text = amap.claims_by_id["c_critics"].text
    rows = sparql.query(
        amap, "SELECT ?id WHERE { ?c argmap:id ?id ; aif:claimText ?text }", text=text
    )
    assert rows == [{"id": "c_critics"}]


def test_export_sparql_numbers_and_errors() -> None:
    amap = sample_map()
    rows = sparql.query(
        amap,
        "SELECT ?conf WHERE { ?c a argmap:Claim ; argmap:id ?id ; argmap:confidence ?conf }",
        id="c_audit",
    )
    assert rows == [{"conf": 0.30000000000000004}]
    assert sparql.query(amap, "ASK { ?c argmap:id ?id }", id="c_yet") == [{"ask": True}]
    with pytest.raises(ArgmapError, match="SPARQL query failed"):
        sparql.query(amap, "SELECT WHERE {")
    with pytest.raises(ArgmapError, match="bad variable name"):
        sparql.query(amap, "SELECT * WHERE { ?s ?p ?o }", **{"a b": "x"})


def _ox_store(tmp_path: Path, amap=None) -> sparql.OxigraphStore:
    pytest.importorskip("pyoxigraph")
    return sparql.OxigraphStore(tmp_path / "store", amap or sample_map())


def test_export_sparql_oxigraph_store_answers_like_rdflib(tmp_path: Path) -> None:
    amap = sample_map()
    store = _ox_store(tmp_path, amap)
    assert not store.reused
    for name, q in QUERIES.items():
        assert store.query(q) == sparql.query(amap, q), name
    assert store.query(CLAIMS_BY_DOCUMENT, source="corpus/b.html") == sparql.query(
        amap, CLAIMS_BY_DOCUMENT, source="corpus/b.html"
    )
    q = "SELECT ?c ?id WHERE { ?c a argmap:Claim ; argmap:id ?id }"
    assert store.query(q, id=INJECTION) == []
    assert len(store.query(q, id="c_main")) == 1
    # Oxigraph substitutes projected variables only; rdflib answers the rest, the same way
    unprojected = "SELECT ?c WHERE { ?c argmap:id ?id }"
    assert store.query(unprojected, id="c_main") == sparql.query(amap, unprojected, id="c_main")
    assert len(store.query(unprojected, id="c_main")) == 1 and store.fallbacks == 2
    with pytest.raises(ArgmapError, match="SPARQL query failed"):
        store.query("SELECT WHERE {")


def test_export_sparql_oxigraph_store_keeps_data_it_did_not_write(tmp_path: Path) -> None:
    ox = pytest.importorskip("pyoxigraph")
    path = tmp_path / "store"
    other = ox.Store(str(path))
    mine = ox.NamedNode("http://example.org/mine")
    other.add(ox.Quad(mine, mine, ox.Literal("kept"), ox.DefaultGraph()))
    other.add(ox.Quad(mine, mine, ox.Literal("kept too"), mine))
    other.flush()
    del other
    amap = sample_map()
    store = sparql.OxigraphStore(path, amap)
    assert not store.reused
    # queries see only the map ...
    assert (
        store.query("SELECT ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o) && STRSTARTS(?o, 'kept')) }")
        == []
    )
    ids = {r["id"] for r in store.query("SELECT ?id WHERE { ?c a argmap:Claim ; argmap:id ?id }")}
    assert ids == set(amap.claims_by_id)
    # ... and the data that was there before survives the load
    quads = list(store.store.quads_for_pattern(mine, None, None, None))
    assert sorted(q.object.value for q in quads) == ["kept", "kept too"]


def test_export_sparql_oxigraph_store_is_reused_then_replaced(tmp_path: Path) -> None:
    amap = sample_map()
    first = _ox_store(tmp_path, amap)
    n = len(first)
    del first
    again = _ox_store(tmp_path, amap)
    assert again.reused and len(again) == n
    del again
    amap.claims_by_id.pop("c_yet")
    amap.relations = [r for r in amap.relations if "c_yet" not in (r.source, r.target)]
    changed = _ox_store(tmp_path, amap)
    assert not changed.reused
    ids = {r["id"] for r in changed.query("SELECT ?id WHERE { ?c a argmap:Claim ; argmap:id ?id }")}
    assert ids == set(amap.claims_by_id)  # the old map's triples are gone


def test_export_sparql_oxigraph_store_replaces_only_graphs_it_loaded(tmp_path: Path) -> None:
    ox = pytest.importorskip("pyoxigraph")
    from argmap.interchange.rdf import serialize
    from argmap.interchange.vocab import ARGMAP

    path = tmp_path / "store"
    a = sample_map()
    b = sample_map()
    b.claims_by_id.pop("c_yet")
    b.relations = [r for r in b.relations if "c_yet" not in (r.source, r.target)]
    # someone loads map A's TriG export by hand; the store then caches map B, then A
    by_hand = ox.Store(str(path))
    by_hand.load(serialize(a, "trig").encode(), format=ox.RdfFormat.TRIG)
    by_hand.flush()
    hand_graphs = set(by_hand.named_graphs())
    n_hand = len(by_hand)
    del by_hand
    store_b = sparql.OxigraphStore(path, b)
    assert not store_b.reused
    assert hand_graphs <= set(store_b.store.named_graphs())  # A's hand-loaded graph survives
    del store_b
    with pytest.raises(ArgmapError, match="did not load"):
        sparql.OxigraphStore(path, a)  # A's graph name is taken by the hand-loaded copy
    # an interrupted load: noted as begun, never as finished, so it is redone, not reused
    raw = ox.Store(str(path))
    ledger = ox.NamedNode("urn:argmap:store")
    g_b = ox.NamedNode(str(sparql.map_iri(b)))
    raw.remove(ox.Quad(ledger, ox.NamedNode(str(ARGMAP.loadedGraph)), g_b, ledger))
    raw.add(ox.Quad(ledger, ox.NamedNode(str(ARGMAP.loadingGraph)), g_b, ledger))
    for q in list(raw.quads_for_pattern(None, None, None, g_b))[::2]:
        raw.remove(q)  # half the map is missing
    raw.flush()
    del raw
    again = sparql.OxigraphStore(path, b)
    assert not again.reused
    ids = {r["id"] for r in again.query("SELECT ?id WHERE { ?c a argmap:Claim ; argmap:id ?id }")}
    assert ids == set(b.claims_by_id)
    assert len(again.store) >= n_hand  # nothing of the hand-loaded data went
