"""ArgumentMap: the JSON contract, atomic saves, clear load errors and the query calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap import ArgumentMap, build_documents
from argmap.errors import ArgmapError, MapFormatError
from argmap.ingest import document_from_text

ESSAY = (
    "Cities should build protected bike lanes. Protected lanes cut injuries because cars "
    "and bikes are kept apart. Some people argue that bike lanes hurt local shops. But shop "
    "owners in cities with lanes report more foot traffic. Lanes also make cycling feel safe "
    "for children."
)


@pytest.fixture()
def small_map(fake_pipeline) -> ArgumentMap:
    doc, _ = document_from_text(ESSAY, "mem://lanes.txt")
    return build_documents([doc], pipeline=fake_pipeline)


def test_amap_json_has_the_contract_fields(small_map: ArgumentMap, tmp_path: Path):
    path = tmp_path / "m.json"
    small_map.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "argmap/1"
    d = data["documents"][0]
    assert {"id", "source", "title", "text", "main_claim"} <= set(d)
    for c in data["claims"]:
        assert {"id", "text", "stance", "confidence", "mentions"} <= set(c)
        assert c["stance"] in ("pro", "con")
        for m in c["mentions"]:
            assert d["text"][m["start"] : m["end"]] == m["text"]
    for r in data["relations"]:
        assert {"source", "target", "type", "confidence"} <= set(r)
        assert r["type"] in ("supports", "attacks")


def test_amap_load_then_save_gives_same_bytes(small_map: ArgumentMap, tmp_path: Path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    small_map.save(a)
    ArgumentMap.load(a).save(b)
    assert a.read_bytes() == b.read_bytes()


def test_amap_save_is_atomic(small_map: ArgumentMap, tmp_path: Path, monkeypatch):
    path = tmp_path / "m.json"
    small_map.save(path)
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        small_map.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]  # no temp file left behind


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"format": "other/2"}', "expected 'argmap/1'"),
        ("[1, 2]", "expected a JSON object"),
        (
            '{"format": "argmap/1", "documents": [], "claims": [{"id": "c", "text": "t", '
            '"mentions": [{"document": "d", "start": 0, "end": 1}]}]}',
            "unknown document",
        ),
    ],
)
def test_amap_load_errors_name_the_file(tmp_path: Path, content: str, message: str):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapFormatError) as e:
        ArgumentMap.load(path)
    assert str(path) in str(e.value) and message in str(e.value)


def test_amap_queries(small_map: ArgumentMap):
    doc = next(iter(small_map.documents.values()))
    main = small_map.claim(doc.main_claim)
    assert main.text == "Cities should build protected bike lanes."
    objection = next(c for c in small_map.claims() if "hurt local shops" in c.text)
    assert objection.stance == "con"
    assert objection in small_map.attackers(main.id)
    rebuttal = next(c for c in small_map.claims() if "foot traffic" in c.text)
    assert rebuttal in small_map.attackers(objection.id)
    assert rebuttal.stance == "pro"
    assert small_map.claims(stance="con") == [objection]
    assert set(small_map.claims(document=doc.source)) == set(small_map.claims())
    assert small_map.most_contested(1)[0][0].id in (main.id, objection.id)
    sub = small_map.neighbourhood(objection.id, depth=1)
    assert {main.id, objection.id, rebuttal.id} <= set(sub.claims_by_id)
    assert rebuttal.id in {c.id for c in small_map.attackers(main.id, depth=2)}
    assert rebuttal.id not in {c.id for c in small_map.attackers(main.id, depth=1)}
    assert small_map.documents_for(main.id) == [doc]
    g = small_map.to_networkx()
    assert g.number_of_nodes() == len(small_map)
    with pytest.raises(ArgmapError):
        small_map.claim("does-not-exist")
