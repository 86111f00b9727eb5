"""Imported RDF is untrusted: a JSON-LD file never makes argmap open a connection or a file."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading

import pytest
from test_export_helpers import sample_map

import argmap
from argmap.errors import MapFormatError
from argmap.interchange import rdf


@pytest.fixture()
def loopback_server():
    """A real HTTP server on loopback that counts the requests it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            body = json.dumps({"@context": {"name": "http://schema.org/name"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def _doc(context) -> str:
    return json.dumps(
        {"@context": context, "@id": "http://example.org/x", "name": "Open models are safe."}
    )


@pytest.mark.parametrize(
    "shape",
    ["string", "list", "nested", "import"],
)
def test_a_remote_context_is_refused_and_never_fetched(loopback_server, shape):
    url, hits = loopback_server
    ctx = url + "/ctx.jsonld"
    if shape == "string":
        text = _doc(ctx)
    elif shape == "list":
        text = _doc([{"ex": "http://example.org/"}, ctx])
    elif shape == "nested":
        text = json.dumps({"@graph": [{"@context": ctx, "@id": "http://example.org/y"}]})
    else:
        text = _doc({"@import": ctx, "ex": "http://example.org/"})
    with pytest.raises(MapFormatError, match="never fetches"):
        rdf.parse_graph(text, "json-ld", "evil.jsonld")
    assert hits == []


def test_a_file_context_is_refused(tmp_path):
    secret = tmp_path / "secret.jsonld"
    secret.write_text(json.dumps({"@context": {"name": "http://schema.org/name"}}))
    with pytest.raises(MapFormatError, match="evil.jsonld.*points outside the file"):
        rdf.parse_graph(_doc(secret.as_uri()), "json-ld", "evil.jsonld")


def test_inline_contexts_still_read_and_argmap_json_ld_round_trips():
    g = rdf.parse_graph(_doc({"name": "http://schema.org/name"}), "json-ld")
    assert len(g) == 1
    amap = sample_map()
    back = rdf.from_rdf(rdf.parse_graph(rdf.serialize(amap, "json-ld"), "json-ld"))
    assert back.to_dict() == amap.to_dict()


def test_cli_import_of_a_remote_context_says_why_without_a_traceback(tmp_path, loopback_server):
    url, hits = loopback_server
    bad = tmp_path / "evil.jsonld"
    bad.write_text(_doc(url + "/ctx"))
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "import", str(bad), "-o", str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode != 0
    assert "evil.jsonld" in out.stderr and "never fetches" in out.stderr
    assert "Traceback" not in out.stderr
    assert hits == [] and not (tmp_path / "m.json").exists()


def test_json_nested_too_deep_is_a_clear_error():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(MapFormatError, match="deep.jsonld"):
        rdf.parse_graph(deep, "json-ld", "deep.jsonld")


def test_rdf_xml_with_nested_entities_is_refused_at_once():
    levels = ['<!ENTITY l0 "ha">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 7)
    ]
    doc = (
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [' + "".join(levels) + "]>\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:s="http://schema.org/"><rdf:Description rdf:about="http://example.org/x">'
        "<s:name>&l6;</s:name></rdf:Description></rdf:RDF>"
    )
    with pytest.raises(MapFormatError, match="laughs.rdf.*entities"):
        rdf.parse_graph(doc, "xml", "laughs.rdf")


def test_plain_rdf_xml_still_round_trips():
    amap = sample_map()
    back = rdf.from_rdf(rdf.parse_graph(rdf.serialize(amap, "xml"), "xml"))
    assert back.to_dict() == amap.to_dict()


def test_an_argmap_turtle_file_with_a_foreign_iri_in_place_of_a_document_is_named(tmp_path):
    """Found by bench/fuzz.py: a mutated document IRI gave a ValueError traceback."""
    from test_export_helpers import sample_map

    from argmap.errors import MapFormatError
    from argmap.interchange import read_map

    text = argmap.to_rdf(sample_map()).serialize(format="turtle")
    bad = tmp_path / "bad.ttl"
    bad.write_text(text.replace("https://argmap.dev/id/document/", "https://elsewhere.example/", 1))
    with pytest.raises(MapFormatError, match="bad.ttl"):
        read_map(bad)


@pytest.mark.parametrize("fmt", ["turtle", "xml", "json-ld"])
def test_owl_imports_and_remote_names_are_never_followed(loopback_server, tmp_path, fmt):
    """An ontology that imports another by URL or path, a type and a base on the same host: rdflib
    never dereferences them, and argmap must not either, through parsing, reading or the CLI."""
    url, hits = loopback_server
    secret = tmp_path / "secret.ttl"
    secret.write_text("<http://example.org/s> <http://example.org/p> 'secret' .")
    g = rdflib_graph(url, secret.as_uri())
    text = g.serialize(format=fmt)
    name = f"ontology.{ {'turtle': 'ttl', 'xml': 'rdf', 'json-ld': 'jsonld'}[fmt] }"
    parsed = rdf.parse_graph(text, fmt, name)
    assert len(parsed) == len(g)  # the imports are triples like any other, not loaded
    assert "secret" not in {str(o) for o in parsed.objects()}
    path = tmp_path / name
    path.write_text(text)
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "import", str(path), "-o", str(tmp_path / "m.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in out.stderr
    assert hits == []


def rdflib_graph(url: str, file_uri: str):
    from rdflib import OWL, RDF, Graph, Literal, URIRef

    g = Graph()
    onto = URIRef("http://example.org/onto")
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, OWL.imports, URIRef(url + "/other.ttl")))
    g.add((onto, OWL.imports, URIRef(file_uri)))
    g.add((URIRef("http://example.org/c1"), RDF.type, URIRef(url + "/vocab#Claim")))
    g.add((URIRef("http://example.org/c1"), URIRef(url + "/vocab#text"), Literal("Open is safer.")))
    return g
