"""Settings are explicit, checked and saved: a map records the whole pipeline that built it
(``metadata.pipeline``), and ``argmap rebuild`` reproduces the map from that alone."""

from __future__ import annotations

import json
import re

import pytest

import argmap
from argmap.cli import main
from argmap.embed import HashingEmbedder
from argmap.errors import ArgmapError
from argmap.model.amap import ArgumentMap
from argmap.model.data import Document
from argmap.parse import registry
from argmap.parse.base import Extraction
from argmap.pipeline import Pipeline, rebuild

TEXTS = {
    "a.txt": (
        "Cities should close their centres to cars. Traffic kills hundreds of pedestrians "
        "every year. Some say shops will lose customers. But foot traffic rises when streets "
        "are closed, because people linger. Closing streets also cuts noise."
    ),
    "b.txt": (
        "Closing city centres to cars is a mistake. Shops lose customers when drivers cannot "
        "park. Deliveries become slower and dearer. Supporters claim foot traffic rises, but "
        "that only holds in tourist towns."
    ),
    "c.txt": (
        "Should cities ban cars from their centres? I think they should. Noise and fumes make "
        "the centre unpleasant. Still, disabled people need a way in, so exceptions matter."
    ),
}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


def _build(corpus, **options):
    return argmap.build([corpus], embedder="hashing", **options)


def test_rebuild_records_every_setting(corpus):
    amap = _build(corpus, dedup_threshold=0.74, peer_weight=0.5, local_bias=0.2)
    rec = amap.metadata["pipeline"]
    assert rec["embedder"]["name"] == "hashing" and len(rec["embedder"]["fingerprint"]) == 16
    assert rec["extractor"] == {
        "name": "discourse",
        "options": {
            "central_model": "central_model.json",
            "peer_weight": 0.5,
            "role_model": "role_model.npz",
        },
    }
    assert rec["relations"] == {
        "name": "discourse",
        "options": {"local_bias": 0.2, "target_model": "target_model.npz"},
    }
    assert rec["dedup"]["threshold"] == 0.74
    assert rec["crossdoc"]["k"] == 5
    assert rec["debate"]["judge"] == "minilm-cross" and rec["debate"]["judge_weights"]
    # the older keys stay: the map JSON only gains fields
    assert amap.metadata["dedup_threshold"] == 0.74 and amap.metadata["extractor"] == "discourse"
    json.dumps(rec)  # plain JSON


def test_rebuild_gives_the_same_map(corpus, tmp_path):
    amap = _build(corpus, dedup_threshold=0.74, peer_weight=0.5, local_bias=0.2)
    path = tmp_path / "map.json"
    amap.save(path)
    again = rebuild(ArgumentMap.load(path))
    assert again.to_dict() == ArgumentMap.load(path).to_dict()
    # the recorded options took effect: the defaults build another map
    assert _build(corpus).to_dict() != amap.to_dict()


def test_rebuild_keeps_a_given_question_and_infers_an_inferred_one(corpus):
    given = _build(corpus, question="Should cities ban cars from their centres?")
    assert rebuild(given).to_dict() == given.to_dict()
    inferred = _build(corpus)
    assert inferred.metadata["question"]["given"] is False
    assert rebuild(inferred).to_dict() == inferred.to_dict()


def test_rebuild_cli_says_same_and_saves(corpus, tmp_path, capsys):
    src, out = tmp_path / "m.json", tmp_path / "r.json"
    assert main(["build", str(corpus), "-o", str(src), "--embedder", "hashing", "-q"]) == 0
    capsys.readouterr()
    assert main(["rebuild", str(src), "-o", str(out), "--check"]) == 0
    assert "the same map" in capsys.readouterr().out
    assert json.loads(out.read_text()) == json.loads(src.read_text())


def test_rebuild_cli_check_fails_when_the_map_was_edited(corpus, tmp_path, capsys):
    src = tmp_path / "m.json"
    _build(corpus).save(src)
    d = json.loads(src.read_text())
    d["claims"][0]["confidence"] = 0.01
    src.write_text(json.dumps(d))
    assert main(["rebuild", str(src), "--check"]) == 1
    assert "a different map" in capsys.readouterr().out


def test_rebuild_refuses_a_map_without_settings(corpus, tmp_path, capsys):
    amap = _build(corpus)
    del amap.metadata["pipeline"]
    with pytest.raises(ArgmapError, match="records no pipeline settings"):
        rebuild(amap)
    path = tmp_path / "old.json"
    amap.save(path)
    assert main(["rebuild", str(path)]) != 0
    assert "records no pipeline settings" in capsys.readouterr().err


class Custom:
    name = "custom-extractor"
    gives = frozenset({"units"})  # vacuously: it finds no claims

    def extract(self, document: Document) -> Extraction:
        return Extraction(units=[])


def test_rebuild_a_custom_stage_must_be_passed_in(corpus):
    emb = HashingEmbedder()
    pipe = Pipeline.default(embedder=emb, extractor=Custom(), crossdoc=None, debate=None)
    amap = pipe.run(argmap.load_documents([corpus]).documents)
    assert amap.metadata["pipeline"]["extractor"] == {"name": "custom-extractor", "custom": True}
    with pytest.raises(ArgmapError, match="extractor=..."):
        rebuild(amap)
    assert rebuild(amap, extractor=Custom()).to_dict() == amap.to_dict()


def test_rebuild_pipeline_round_trips_through_its_dict():
    pipe = Pipeline.default(embedder="hashing", peer_weight=1.5, dedup_threshold=0.9)
    again = Pipeline.from_dict(pipe.to_dict())
    assert again.to_dict() == pipe.to_dict()
    assert again.extractor.peer_weight == 1.5 and again.dedup_threshold == 0.9


@pytest.mark.parametrize(
    "options, message",
    [
        ({"peer_wieght": 0}, "unknown stage option"),
        ({"extractor": "llm", "peer_weight": 0}, "extractor 'discourse'"),
        ({"relations": "cross-encoder", "local_bias": 0.1}, "relations 'discourse'"),
        ({"dedup_threshold": 1.5}, "dedup threshold"),
        ({"dedup_threshold": "high"}, "dedup threshold"),
    ],
)
def test_rebuild_a_wrong_option_is_an_error(options, message):
    with pytest.raises(ArgmapError, match=message):
        Pipeline.default(embedder="hashing", **options)


def test_rebuild_a_stage_refuses_options_of_another():
    with pytest.raises(ArgmapError, match="does not take local_bias"):
        registry.extractor("discourse", local_bias=0.1)
    with pytest.raises(ArgmapError, match="unknown stage option"):
        registry.relater("discourse", locl_bias=0.1)


def test_rebuild_never_records_a_secret():
    pipe = Pipeline.default(
        embedder="hashing",
        extractor="llm",
        relations="llm",
        llm_url="http://127.0.0.1:9/v1",
        llm_model="m",
        llm_key="sk-secret",
    )
    text = json.dumps(pipe.to_dict())
    assert "sk-secret" not in text and "llm_key" not in text
    assert pipe.to_dict()["extractor"]["options"]["llm_url"] == "http://127.0.0.1:9/v1"


@pytest.mark.model
def test_rebuild_with_the_real_model_is_exact(seeds_map, real_embedder):
    assert seeds_map.metadata["pipeline"]["embedder"]["name"] == "all-MiniLM-L6-v2"
    again = rebuild(ArgumentMap.from_dict(seeds_map.to_dict()), embedder=real_embedder)
    assert again.to_dict() == seeds_map.to_dict()


def test_rebuild_a_pairing_that_cannot_work_is_refused():
    with pytest.raises(ArgmapError, match="does not give"):
        Pipeline.default(
            embedder="hashing", extractor="llm", llm_url="http://127.0.0.1:9/v1", llm_model="m"
        )
    # the discourse extractor gives what the discourse relations read
    Pipeline.default(embedder="hashing")


def test_units_are_typed_and_parallel_to_the_claims(corpus):
    from argmap.parse.base import ClaimUnit, Role
    from argmap.parse.discourse import DiscourseExtractor, DiscourseRelations

    doc = argmap.load_documents([corpus]).documents[0]
    ext = DiscourseExtractor().extract(doc)
    assert ext.units is not None and len(ext.units) == len(ext.claims) > 2
    assert all(isinstance(u, ClaimUnit) and isinstance(u.role, Role) for u in ext.units)
    central = [c.id for c, u in zip(ext.claims, ext.units, strict=True) if u.role is Role.CENTRAL]
    assert central == [ext.main_claim]
    # the relation stage reads the typed units, not the claims' metadata
    bare = Extraction(
        claims=[c.with_(metadata={}) for c in ext.claims],
        main_claim=ext.main_claim,
        units=ext.units,
    )
    rels = DiscourseRelations(HashingEmbedder()).relate(doc, ext)
    assert rels and DiscourseRelations(HashingEmbedder()).relate(doc, bare) == rels
    # without units it says so, naming the document, instead of guessing every role
    with pytest.raises(ArgmapError, match="need each claim's unit.*" + re.escape(doc.source)):
        DiscourseRelations(HashingEmbedder()).relate(doc, Extraction(ext.claims, ext.main_claim))
    with pytest.raises(ArgmapError, match="parallel"):
        Extraction(claims=ext.claims, units=ext.units[:1])
