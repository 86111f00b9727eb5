"""End to end with the real embedding model: the seed documents and a folder of bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap import ArgumentMap, build
from argmap.ingest.decode import has_mojibake

pytestmark = pytest.mark.model


def _all_mentions(amap: ArgumentMap):
    for c in amap.claims():
        for m in c.mentions:
            yield c, m


def test_pipeline_seeds_mentions_match_their_slices(seeds_map: ArgumentMap):
    n = 0
    for _c, m in _all_mentions(seeds_map):
        doc = seeds_map.documents[m.document]
        text = doc.text[m.start : m.end]
        assert text.strip() == text and text
        n += 1
    assert n >= 40


def test_pipeline_seeds_claims_hold_no_chrome_or_mojibake(seeds_map: ArgumentMap):
    for _c, m in _all_mentions(seeds_map):
        text = seeds_map.documents[m.document].text[m.start : m.end]
        assert not has_mojibake(text), text
        assert not re.search(r"[βπ€]", text), text
        # chrome leaves tell-tale shapes: repeated buttons, long Title-Case runs, legal notices
        assert not re.search(r"\b(\w+) \1\b", text), text
        assert not re.search(r"(?:\b[A-Z][\w’']*\s+){7,}", text), text
        assert "rights reserved" not in text.lower() and "©" not in text
        assert len(text.split()) >= 2


def test_pipeline_seeds_forum_lists_get_opposite_stances(seeds_map: ArgumentMap):
    forum = next(d for d in seeds_map.documents.values() if "forum" in d.source)
    claims = seeds_map.claims(document=forum.id)

    def stance_of(fragment: str) -> str:
        # a merged claim keeps each member's own stance
        pairs = [(c.text, c.stance) for c in claims]
        pairs += [(m.text, m.stance) for c in claims for m in c.members]
        return next(s for t, s in pairs if fragment in t)

    assert stance_of("accelerate innovation") == "pro"
    assert stance_of("improve transparency") == "pro"
    assert stance_of("more difficult to secure") == "con"
    assert stance_of("more difficult to maintain") == "con"


def test_pipeline_bad_folder_builds_good_files(tmp_path: Path, real_pipeline):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "latin1.txt").write_bytes(
        "Les modèles ouverts aident la recherche. Pourtant, leur coût reste élevé.".encode(
            "latin-1"
        )
    )
    (tmp_path / "good.txt").write_text(
        "Governments should fund open models for science. Researchers cannot audit what they "
        "cannot see. Some argue that open models help hostile states. But those states can "
        "train their own models anyway.",
        encoding="utf-8",
    )
    amap = build([tmp_path], pipeline=real_pipeline)
    problems = {Path(p["source"]).name: p for p in amap.metadata["problems"]}
    assert problems["empty.txt"]["reason"] == "empty file"
    assert problems["binary.md"]["reason"] == "binary file, not text"
    assert "no readable" in problems["empty.html"]["reason"]
    assert problems["latin1.txt"]["severity"] == "warning"
    texts = {c.text for c in amap.claims()}
    assert "Governments should fund open models for science." in texts
    assert any("hostile states" in t for t in texts)
    assert any("modèles ouverts" in t for t in texts)


def test_pipeline_seeds_magazine_licence_points_support_open_in_name_only(seeds_map: ArgumentMap):
    mag = next(d for d in seeds_map.documents.values() if "magazine" in d.source)
    claims = seeds_map.claims(document=mag.id)
    main = seeds_map.claim(mag.main_claim)
    assert not main.text.startswith(("“", '"'))  # the author's position, not a quotation

    def find(*words: str):
        return next(c for c in claims if all(w in c.text.lower() for w in words))

    # "free to download, but not covered by a conventional open source license": open in name
    in_name_only = find("not covered", "open source license")
    backers = {c.id for c in seeds_map.supporters(in_name_only.id)}
    assert find("license prohibits").id in backers
    assert find("special license").id in backers
    # and it answers the claim that the model is free to use
    free = find("free to download")
    assert any(
        (r.source, r.target, r.type) == (in_name_only.id, free.id, "attacks")
        for r in seeds_map.relations
    )
    # the compute point is one of the numbered reasons why fully open projects cannot compete
    # on an equal footing: it backs that claim directly, side by side with the data point
    no_equal_footing = find("difficult", "equal footing")
    backers = {c.id for c in seeds_map.supporters(no_equal_footing.id)}
    assert {find("computer power").id, find("data required").id} <= backers
    for c in (find("computer power"), find("license prohibits"), find("special license")):
        assert c.stance == "pro"
    # the sentence after a run of related-story links is the article's, and is in the map
    assert find("level of control")


def test_pipeline_prepares_the_extractor_with_every_document_then_forgets_them() -> None:
    from argmap.embed import HashingEmbedder
    from argmap.errors import ArgmapError
    from argmap.model import Document
    from argmap.parse.discourse import DiscourseExtractor
    from argmap.pipeline import Pipeline

    calls: list[tuple[str, list[str]]] = []

    class Recording(DiscourseExtractor):
        def prepare(self, documents):
            calls.append(("prepare", [d.source for d in documents]))
            super().prepare(documents)

        def extract(self, document):
            calls.append(("extract", [document.source]))
            if document.source == "bad.txt":
                raise ArgmapError("bad.txt: cannot be read")
            return super().extract(document)

    emb = HashingEmbedder()
    docs = [
        Document.create("Towns should ban leaf blowers. They are loud.", source="a.txt"),
        Document.create("Leaf blowers are loud.", source="bad.txt"),
        Document.create("Towns should not ban leaf blowers. Rakes are slow.", source="c.txt"),
    ]
    pipe = Pipeline.default(embedder=emb, extractor=Recording(emb), crossdoc=None)
    amap = pipe.run(docs)
    assert calls[0] == ("prepare", ["a.txt", "bad.txt", "c.txt"])  # before any extraction
    assert [c for c, _ in calls[1:4]] == ["extract"] * 3
    assert calls[-1] == ("prepare", [])  # forgotten at the end, though one document failed
    assert [p["source"] for p in amap.metadata["problems"]] == ["bad.txt"]
    assert len(amap.documents) == 2
