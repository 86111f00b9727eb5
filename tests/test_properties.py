"""Property tests (issue 19): whatever the bytes or the JSON, argmap gives a result or a named,
one-line error -- never a traceback -- and what it saves reads back the same."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, IngestError, MapFormatError
from argmap.ingest import SUPPORTED, document_from_text, load_bytes
from argmap.model import Claim, Document, Mention, Relation
from argmap.model.amap import ArgumentMap

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PROSE = st.lists(
    st.sampled_from(
        [
            "Open models help research.",
            "Critics say they help attackers, but attackers already have access.",
            "Because nobody can audit a closed model, trust erodes.",
            "However, releasing weights cannot be undone!",
            "Is that really true?",
            "Home › News › Tech",
            "Share this post",
            "© 2024 All rights reserved",
            "\n",
            "\n\n",
            "- a bullet point about cost",
            "# Heading:",
        ]
    )
    | st.text(alphabet=string.printable + "éü—“”’\u00a0\u200b\x0c\ufffe", max_size=80),
    max_size=25,
).map(" ".join)


@FAST
@given(data=st.binary(max_size=3000), ext=st.sampled_from(sorted(set(SUPPORTED) - {".pdf"})))
def test_any_bytes_give_a_document_or_a_named_problem(data: bytes, ext: str):
    try:
        doc, warnings = load_bytes(data, f"upload{ext}")
    except IngestError as e:
        assert e.source == f"upload{ext}" and "\n" not in e.reason
        return
    assert doc.text.strip() and all(w.source == f"upload{ext}" for w in warnings)


@settings(max_examples=15, deadline=None)
@given(data=st.binary(max_size=2000), header=st.booleans())
def test_any_bytes_named_pdf_give_a_document_or_a_named_problem(data: bytes, header: bool):
    data = (b"%PDF-1.4\n" if header else b"") + data
    try:
        load_bytes(data, "upload.pdf")
    except IngestError as e:
        assert e.source == "upload.pdf"


@pytest.fixture(scope="module")
def pipeline():
    from argmap.embed import HashingEmbedder
    from argmap.pipeline import Pipeline

    return Pipeline.default(embedder=HashingEmbedder())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PROSE)
def test_every_mention_slices_its_text_exactly(pipeline, text: str):
    try:
        doc, _ = document_from_text(text, "gen.txt")
    except IngestError:
        return
    doc, claims, _ = pipeline.analyse(doc)
    for c in claims:
        for m in c.mentions:
            piece = doc.text[m.start : m.end]
            assert 0 <= m.start < m.end <= len(doc.text)
            assert piece == piece.strip() and piece


TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # lone surrogates are refused
    min_size=5,
    max_size=60,
)


@st.composite
def maps(draw) -> ArgumentMap:
    docs = []
    for i in range(draw(st.integers(1, 3))):
        docs.append(Document.create(draw(TEXTS) + f" {i}", f"src/{i}.txt", draw(TEXTS)))
    claims = []
    for i in range(draw(st.integers(1, 6))):
        doc = draw(st.sampled_from(docs))
        start = draw(st.integers(0, len(doc.text) - 1))
        end = draw(st.integers(start + 1, len(doc.text)))
        if not doc.text[start:end].strip():  # a mention is never blank (Mention.of checks)
            start, end = len(doc.text) - 1, len(doc.text)
        claims.append(
            Claim(
                f"c{i}",
                draw(TEXTS),
                (Mention.of(doc, start, end),),
                draw(st.sampled_from(["pro", "con"])),
                draw(st.floats(0, 1)),
                "gen",
                side=draw(st.sampled_from([None, "pro", "con", "neutral"])),
            )
        )
    rels = []
    for _ in range(draw(st.integers(0, 5))):
        a, b = draw(st.sampled_from(claims)), draw(st.sampled_from(claims))
        if a.id != b.id:
            t = draw(st.sampled_from(["supports", "attacks"]))
            rels.append(Relation(a.id, b.id, t, draw(st.floats(0, 1)), "gen"))
    seen = set()
    rels = [r for r in rels if not (r.key in seen or seen.add(r.key))]
    meta = {"note": draw(TEXTS), "n": draw(st.integers(-(10**6), 10**6))}
    return ArgumentMap(docs, claims, rels, meta)


@settings(max_examples=60, deadline=None)
@given(amap=maps())
def test_load_of_save_is_the_same_map(tmp_path_factory, amap: ArgumentMap):
    path = tmp_path_factory.mktemp("m") / "map.json"
    amap.save(path)
    assert ArgumentMap.load(path).to_dict() == amap.to_dict()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_map_json_loads_or_gives_a_one_line_error(tmp_path_factory, data):
    from test_export_helpers import sample_map

    d = sample_map().to_dict()
    # replace a few values anywhere in a good map by arbitrary JSON
    for _ in range(data.draw(st.integers(1, 3))):
        parent, key = d, data.draw(st.sampled_from(list(d)))
        for _depth in range(data.draw(st.integers(0, 4))):
            child = parent[key]
            if not isinstance(child, (dict, list)) or not child:
                break
            keys = list(child) if isinstance(child, dict) else list(range(len(child)))
            parent, key = child, data.draw(st.sampled_from(keys))
        parent[key] = data.draw(JSON)
    path = tmp_path_factory.mktemp("j") / "map.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    try:
        amap = ArgumentMap.load(path)
    except MapFormatError as e:
        assert "\n" not in str(e) and str(path) in str(e), str(e)
        return
    try:
        amap.save(path)  # accepted: it saves as strict JSON, or refuses by name
    except ArgmapError as e:
        assert "\n" not in str(e)
