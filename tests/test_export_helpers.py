"""A small hand-built map for the export tests, with every feature a lossless export must keep.

Named ``test_export_*`` so it sits with the export tests; it holds one sanity test of its own.
"""

from __future__ import annotations

import argmap
from argmap.model import Claim, Document, Member, Mention, Relation
from argmap.model.amap import ArgumentMap

TEXT_A = (
    "Open models should be released. They let researchers audit safety. "
    "Critics say \"open weights help attackers\" <script>alert('x')</script>. "
    "Yet attackers already have closed-model access."
)
TEXT_B = (
    "Offene Modelle fördern Forschung — ünïcødé “quotes” 🙂. "
    "Open models let researchers audit safety claims. "
    "But releasing weights cannot be undone."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def sample_map() -> ArgumentMap:
    """Two documents, five claims (one merged from two), supports and attacks, metadata."""
    a = Document.create(
        TEXT_A,
        source="corpus/a.txt",
        title='Pro <open> & "free"',
        metadata={"lang": "en", "score": 0.1 + 0.2},
    )
    b = Document.create(
        TEXT_B,
        source="corpus/b.html",
        title="Über offene Modelle",
        media_type="text/html",
        metadata={"tags": ["x", "ü"], "n": 3},
    )

    def m(doc: Document, part: str) -> Mention:
        return Mention.of(doc, *_span(doc.text, part))

    main = m(a, "Open models should be released.")
    audit_a = m(a, "They let researchers audit safety.")
    audit_b = m(b, "Open models let researchers audit safety claims.")
    critics = m(a, "Critics say \"open weights help attackers\" <script>alert('x')</script>.")
    yet = m(a, "Yet attackers already have closed-model access.")
    undo = m(b, "But releasing weights cannot be undone.")
    c_main = Claim(
        "c_main",
        "Open models should be released.",
        (main,),
        "pro",
        0.9,
        "discourse",
        acceptance="in",
        strength=0.7123456789012345,
    )
    c_audit = Claim(
        "c_audit",
        "They let researchers audit safety.",
        (audit_a, audit_b),
        "pro",
        0.30000000000000004,
        "discourse",
        members=(
            Member(
                "c_audit",
                "They let researchers audit safety.",
                (audit_a,),
                "pro",
                0.8,
                1.0,
                "discourse",
            ),
            Member(
                "c_audit_b",
                "Open models let researchers audit safety claims.",
                (audit_b,),
                "pro",
                0.75,
                0.8731234567,
                "discourse",
            ),
        ),
        metadata={"note": "merged", "weights": [0.5, 1e-7]},
    )
    c_critics = Claim(
        "c_critics",
        critics.text_in(a),
        (critics,),
        "con",
        0.6,
        "discourse",
        acceptance="out",
        strength=0.0,
    )
    c_yet = Claim(
        "c_yet", "Yet attackers already have closed-model access.", (yet,), "pro", 1.0, "cues"
    )
    c_undo = Claim("c_undo", "But releasing weights cannot be undone.", (undo,), "con", 0.55, "")
    a = Document(a.id, a.source, a.title, a.text, a.media_type, "c_main", a.metadata)
    rels = [
        Relation(
            "c_audit",
            "c_main",
            "supports",
            0.8,
            "discourse",
            count=2,
            scope="cross",
            pairs=(("c_audit", "c_main"), ("c_audit_b", "c_main")),
        ),
        Relation("c_critics", "c_main", "attacks", 0.65, "discourse", rule="objection"),
        Relation("c_yet", "c_critics", "attacks", 0.5, "cues"),
        Relation("c_undo", "c_main", "attacks", 0.123456789, "crossdoc", scope="cross"),
    ]
    meta = {"embedder": "hashing", "dedup_threshold": 0.82, "problems": [], "nested": {"ü": 1}}
    amap = ArgumentMap([a, b], [c_main, c_audit, c_critics, c_yet, c_undo], rels, meta)
    amap.validate()
    return amap


def test_export_helpers_sample_map_is_valid() -> None:
    amap = sample_map()
    assert ArgumentMap.from_dict(amap.to_dict()).to_dict() == amap.to_dict()
    assert amap.stats()["merged"] == 1


_CORPUS_MAP: list[ArgumentMap] = []


def corpus_map() -> ArgumentMap:
    """The bundled corpus built with the model-free hashing embedder (skips if absent)."""
    from pathlib import Path

    import pytest

    corpus = Path(__file__).resolve().parent.parent / "data" / "corpus"
    if not corpus.is_dir():
        pytest.skip("data/corpus is not present")
    if not _CORPUS_MAP:
        from argmap import build
        from argmap.embed import HashingEmbedder
        from argmap.pipeline import Pipeline

        amap = build([corpus], pipeline=Pipeline.default(embedder=HashingEmbedder()))
        _CORPUS_MAP.append(argmap.with_semantics(amap))
    return _CORPUS_MAP[0]
