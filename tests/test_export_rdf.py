"""RDF export/import: lossless both ways in every syntax, stable IRIs, AIF/PROV/OA shape, SHACL."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, SDO
from test_export_helpers import sample_map

import argmap
from argmap.errors import MapFormatError
from argmap.interchange import rdf
from argmap.interchange.shacl import validate
from argmap.interchange.vocab import AIF, ARGMAP, OA, iri, local_id

FORMATS = list(rdf.RDF_FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_rdf_map_round_trip_is_exact(fmt: str) -> None:
    amap = sample_map()
    text = rdf.serialize(amap, fmt)
    back = rdf.parse(text, fmt)
    assert back.to_dict() == amap.to_dict()
    # the JSON a saved map holds is byte-identical too (same key and list order)
    assert back.dumps() == amap.dumps()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_rdf_graph_round_trip_is_isomorphic(fmt: str) -> None:
    text = rdf.serialize(sample_map(), fmt)
    first = rdf.parse_graph(text, fmt)
    again = rdf.to_rdf(rdf.from_rdf(first))
    assert len(first) == len(again) > 300
    assert isomorphic(first, again)


def test_export_rdf_same_map_gives_same_triples_and_no_blank_nodes() -> None:
    a, b = rdf.to_rdf(sample_map()), rdf.to_rdf(sample_map())
    assert set(a) == set(b)
    assert not any(isinstance(t, BNode) for triple in a for t in triple)
    assert rdf.serialize(sample_map(), "nt") == rdf.serialize(sample_map(), "nt")


def test_export_rdf_changing_a_claim_changes_the_map_iri() -> None:
    amap = sample_map()
    before = rdf.map_iri(amap)
    c = amap.claims_by_id["c_yet"]
    amap.claims_by_id["c_yet"] = c.with_(confidence=0.5)
    assert rdf.map_iri(amap) != before


def test_export_rdf_speaks_aif() -> None:
    amap = sample_map()
    g = rdf.to_rdf(amap)
    claims = set(g.subjects(RDF.type, ARGMAP.Claim))
    assert claims == {iri("claim", c) for c in amap.claims_by_id}
    for c in amap.claims_by_id.values():
        node = iri("claim", c.id)
        assert (node, RDF.type, AIF["I-node"]) in g
        assert (node, RDF.type, SDO.Claim) in g
        assert g.value(node, AIF.claimText) == Literal(c.text)
    ra = list(g.subjects(RDF.type, AIF["RA-node"]))
    ca = list(g.subjects(RDF.type, AIF["CA-node"]))
    assert len(ra) == 1 and len(ca) == 3
    assert g.value(ra[0], AIF.Premise) == iri("claim", "c_audit")
    assert g.value(ra[0], AIF.Conclusion) == iri("claim", "c_main")
    attacked = sorted(local_id(g.value(n, AIF.Conclusion), "claim") for n in ca)
    assert attacked == ["c_critics", "c_main", "c_main"]
    # the merged variant is a rephrase (MA-node) of its claim; the claim's own member is not
    ma = list(g.subjects(RDF.type, AIF["MA-node"]))
    assert len(ma) == 1
    variant = g.value(ma[0], AIF.Premise)
    assert g.value(ma[0], AIF.Conclusion) == iri("claim", "c_audit")
    assert g.value(variant, ARGMAP.id) == Literal("c_audit_b")
    assert (variant, RDF.type, AIF["I-node"]) in g


def test_export_rdf_mentions_are_web_annotations_with_both_selectors() -> None:
    amap = sample_map()
    g = rdf.to_rdf(amap)
    critics = amap.claims_by_id["c_critics"]
    (ann,) = g.objects(iri("claim", "c_critics"), ARGMAP.mention)
    assert (ann, RDF.type, OA.Annotation) in g
    assert g.value(ann, OA.hasBody) == iri("claim", "c_critics")
    target = g.value(ann, OA.hasTarget)
    doc = amap.documents[critics.mentions[0].document]
    assert g.value(target, OA.hasSource) == iri("document", doc.id)
    selectors = {g.value(s, RDF.type): s for s in g.objects(target, OA.hasSelector)}
    pos, quote = selectors[OA.TextPositionSelector], selectors[OA.TextQuoteSelector]
    m = critics.mentions[0]
    assert (int(g.value(pos, OA.start)), int(g.value(pos, OA.end))) == (m.start, m.end)
    assert str(g.value(quote, OA.exact)) == doc.text[m.start : m.end] == critics.text
    prefix, suffix = str(g.value(quote, OA.prefix)), str(g.value(quote, OA.suffix))
    assert len(prefix) == rdf.QUOTE_CONTEXT and doc.text[: m.start].endswith(prefix)
    assert doc.text[m.end :].startswith(suffix) and 0 < len(suffix) <= rdf.QUOTE_CONTEXT


def test_export_rdf_provenance() -> None:
    amap = sample_map()
    g = rdf.to_rdf(amap)
    node = iri("claim", "c_audit")
    derived = set(g.objects(node, PROV.wasDerivedFrom))
    assert derived == {iri("document", d) for d in amap.claims_by_id["c_audit"].documents}
    assert len(derived) == 2
    stage = g.value(node, PROV.wasGeneratedBy)
    assert (stage, RDF.type, PROV.Activity) in g
    assert str(g.value(stage, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == "discourse"
    # a claim with no stage has no activity, but keeps its (empty) stage
    assert g.value(iri("claim", "c_undo"), PROV.wasGeneratedBy) is None
    assert g.value(iri("claim", "c_undo"), ARGMAP.stage) == Literal("")


def test_export_rdf_floats_are_exact_in_turtle() -> None:
    amap = sample_map()
    text = rdf.serialize(amap, "turtle")
    assert "0.30000000000000004" in text and "0.7123456789012345" in text
    back = rdf.parse(text, "turtle")
    assert back.claims_by_id["c_audit"].confidence == 0.30000000000000004


def test_export_rdf_satisfies_the_shipped_shapes() -> None:
    ok, report = validate(rdf.to_rdf(sample_map()))
    assert ok, report


def test_export_rdf_broken_graph_fails_the_shapes() -> None:
    g = rdf.to_rdf(sample_map())
    g.remove((iri("claim", "c_main"), AIF.claimText, None))
    ok, report = validate(g)
    assert not ok
    assert "claimText" in report and "c_main" in report


def test_export_rdf_attack_on_unknown_node_fails_the_shapes() -> None:
    g = rdf.to_rdf(sample_map())
    ca = next(g.subjects(RDF.type, AIF["CA-node"]))
    g.set((ca, AIF.Conclusion, URIRef("https://example.org/nowhere")))
    ok, _ = validate(g)
    assert not ok


def test_export_rdf_two_maps_in_one_graph_are_refused() -> None:
    amap = sample_map()
    g = rdf.to_rdf(amap)
    amap.metadata["other"] = True
    g += rdf.to_rdf(amap)
    with pytest.raises(MapFormatError, match="2 argument maps"):
        rdf.from_rdf(g)


def test_export_rdf_missing_triple_is_a_clear_error() -> None:
    g = rdf.to_rdf(sample_map())
    g.remove((iri("claim", "c_yet"), ARGMAP.stance, None))
    with pytest.raises(MapFormatError, match="stance"):
        rdf.from_rdf(g)


def test_export_rdf_bad_syntax_is_a_map_format_error() -> None:
    with pytest.raises(MapFormatError, match="not valid turtle"):
        rdf.parse("<a> <b> .", "turtle")


def test_export_rdf_foreign_aif_rdf_becomes_a_traceable_map() -> None:
    ttl = """
    @prefix aif: <http://www.arg.tech/aif#> .
    @prefix ex: <http://example.org/> .
    ex:1 a aif:I-node ; aif:claimText "We should tax sugar." .
    ex:2 a aif:I-node ; aif:claimText "Sugar causes   obesity." .
    ex:3 a aif:I-node ; aif:claimText "Taxes hurt the poor." .
    ex:ra a aif:RA-node ; aif:Premise ex:2 ; aif:Conclusion ex:1 .
    ex:ca a aif:CA-node ; aif:Premise ex:3 ; aif:Conclusion ex:1 .
    """
    amap = rdf.parse(ttl, "turtle", source="foreign.ttl")
    assert sorted(c.text for c in amap.claims()) == [
        "Sugar causes obesity.",
        "Taxes hurt the poor.",
        "We should tax sugar.",
    ]
    for c in amap.claims():
        assert amap.passages(c.id)[0]["text"] == c.text
    by_text = {c.id: c.text for c in amap.claims()}
    rels = sorted((by_text[r.source], r.type, by_text[r.target]) for r in amap.relations)
    assert rels == [
        ("Sugar causes obesity.", "supports", "We should tax sugar."),
        ("Taxes hurt the poor.", "attacks", "We should tax sugar."),
    ]


def test_export_rdf_id_iris_escape_odd_ids() -> None:
    node = iri("claim", "a/b c#d>")
    assert " " not in node and ">" not in node
    assert local_id(node, "claim") == "a/b c#d>"


def test_export_rdf_real_corpus_round_trip() -> None:
    from test_export_helpers import corpus_map

    amap = corpus_map()
    assert all(r.rule for r in amap.relations if r.stage == "discourse")  # each says why
    g = rdf.to_rdf(amap)
    back = rdf.from_rdf(Graph().parse(data=g.serialize(format="nt"), format="nt"))
    assert back.to_dict() == amap.to_dict()
    ok, report = validate(g)
    assert ok, report[:2000]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_rdf_corpus_through_the_map_methods(tmp_path, fmt: str) -> None:
    """``ArgumentMap.export`` / ``read_map`` / ``to_rdf`` on data/: equal map, isomorphic graph."""
    from test_export_helpers import corpus_map

    from argmap.interchange import EXPORT_FORMATS, read_map

    amap = corpus_map()
    path = tmp_path / f"map{EXPORT_FORMATS[fmt]}"
    assert argmap.export(amap, path) == fmt
    back = read_map(path)
    assert back.to_dict() == amap.to_dict()
    assert isomorphic(argmap.to_rdf(back), argmap.to_rdf(amap))
    assert argmap.from_rdf(argmap.to_rdf(amap)).to_dict() == amap.to_dict()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_rdf_map_sparql_method_binds_values() -> None:
    amap = sample_map()
    q = "SELECT ?text WHERE { ?c argmap:id ?id ; aif:claimText ?text }"
    assert argmap.run_sparql(amap, q, id="c_main") == [{"text": "Open models should be released."}]
    assert argmap.run_sparql(amap, q, id='c_main" } UNION { ?c ?p ?text') == []


@pytest.mark.parametrize("char", ["\x07", "\x0c", "\ufffe"])
def test_export_rdf_xml_refuses_what_xml_cannot_hold(char: str) -> None:
    amap = sample_map()
    cid, claim = next(iter(sorted(amap.claims_by_id.items())))
    amap.claims_by_id[cid] = dataclasses.replace(claim, text=claim.text + char)
    with pytest.raises(MapFormatError, match=rf"U\+{ord(char):04X}.*aif:claimText.*turtle"):
        rdf.serialize(amap, "xml")
    # the other formats escape it and bring it back
    for fmt in ("turtle", "nt", "trig", "json-ld"):
        back = argmap.from_rdf(rdf.parse_graph(rdf.serialize(amap, fmt), fmt))
        assert back.claims_by_id[cid].text.endswith(char), fmt


def test_export_rdf_foreign_rephrase_nodes_stay_claims_joined_by_a_link() -> None:
    ttl = """
    @prefix aif: <http://www.arg.tech/aif#> .
    @prefix ex: <http://example.org/> .
    ex:1 a aif:I-node ; aif:claimText "We should tax sugar." .
    ex:2 a aif:I-node ; aif:claimText "Sugar causes obesity." .
    ex:3 a aif:I-node ; aif:claimText "Sugary drinks make people fat." .
    ex:4 a aif:I-node ; aif:claimText "Taxes hurt the poor." .
    ex:5 a aif:I-node ; aif:claimText "Obesity has many causes." .
    ex:ra1 a aif:RA-node ; aif:Premise ex:2 ; aif:Conclusion ex:1 .
    ex:ra2 a aif:RA-node ; aif:Premise ex:3 ; aif:Conclusion ex:1 .
    ex:ca a aif:CA-node ; aif:Premise ex:4 ; aif:Conclusion ex:3 .
    ex:ma a aif:MA-node ; aif:Premise ex:3 ; aif:Conclusion ex:2 .
    ex:uc a aif:CA-node ; aif:Premise ex:5 ; aif:Conclusion ex:ra1 .
    """
    amap = rdf.parse(ttl, "turtle", source="foreign.ttl")
    assert len(amap) == 5  # MA never folds claims another tool kept apart
    ids = {c.text: c.id for c in amap.claims()}
    assert amap.metadata["rephrases"] == [
        [ids["Sugary drinks make people fat."], ids["Sugar causes obesity."]]
    ]
    by_text = {c.id: c.text for c in amap.claims()}
    rels = sorted(
        (by_text[r.source], r.type, by_text[r.target], tuple(by_text[x] for x in r.inference))
        for r in amap.relations
    )
    assert rels == [
        (  # the undercut is on the inference from 2 to 1, not on claim 2
            "Obesity has many causes.",
            "attacks",
            "We should tax sugar.",
            ("Sugar causes obesity.", "We should tax sugar."),
        ),
        ("Sugar causes obesity.", "supports", "We should tax sugar.", ()),
        ("Sugary drinks make people fat.", "supports", "We should tax sugar.", ()),
        ("Taxes hurt the poor.", "attacks", "Sugary drinks make people fat.", ()),
    ]
    # the link goes out again as an MA node, and the map survives the round trip
    back = rdf.from_rdf(rdf.to_rdf(amap))
    assert back.to_dict() == amap.to_dict()
    assert len(list(rdf.to_rdf(amap).subjects(RDF.type, AIF["MA-node"]))) == 1


def test_export_rdf_foreign_rephrase_of_a_question_or_its_denial_stays_apart() -> None:
    ttl = """
    @prefix aif: <http://www.arg.tech/aif#> .
    @prefix ex: <http://example.org/> .
    ex:q a aif:I-node ; aif:claimText "Will open models make attacks easier?" .
    ex:a a aif:I-node ; aif:claimText "Open models will not make attacks easier." .
    ex:b a aif:I-node ; aif:claimText "Open models will make attacks easier." .
    ex:m1 a aif:MA-node ; aif:Premise ex:a ; aif:Conclusion ex:q .
    ex:m2 a aif:MA-node ; aif:Premise ex:b ; aif:Conclusion ex:a .
    """
    amap = rdf.parse(ttl, "turtle", source="foreign.ttl")
    assert len(amap) == 3
    assert all(len(c.members) <= 1 for c in amap.claims())
