"""ArgumentMap: the JSON contract, atomic saves, clear load errors and the query calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
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


# ---- the query API on a hand-built map ----------------------------------------------------
# Built by hand so every expected answer follows from the relations written here.

LANES = (
    "Cities should build protected bike lanes. Protected lanes cut injuries for riders. "
    "Hospital records show fewer cycling injuries near protected lanes. "
    "Bike lanes hurt local shops. Shop owners near lanes report more foot traffic."
)
SHOPS = (
    "Cities should not build protected bike lanes. Bike lanes hurt local shops. "
    "Parking losses drive customers to malls."
)


def _mention(doc, sentence: str):
    from argmap.model import Mention

    start = doc.text.index(sentence)
    return Mention.of(doc, start, start + len(sentence))


def _query_map() -> tuple[ArgumentMap, dict[str, str]]:
    """Claims keyed by a short name; relations:

    S1 supports A, S2 supports S1, B attacks A, R attacks B (combined edge, count 3),
    M2 attacks A and A attacks M2 (across), X supports M2. B is made in both documents.
    """
    import dataclasses

    from argmap.ids import claim_id
    from argmap.model import Claim, Document, Relation

    d1 = Document.create(LANES, "lanes.txt", title="Lanes")
    d2 = Document.create(SHOPS, "shops.txt", title="Shops")
    texts = {
        "A": (d1, "Cities should build protected bike lanes.", "pro", 0.9),
        "S1": (d1, "Protected lanes cut injuries for riders.", "pro", 0.8),
        "S2": (
            d1,
            "Hospital records show fewer cycling injuries near protected lanes.",
            "pro",
            0.7,
        ),
        "B": (d1, "Bike lanes hurt local shops.", "con", 0.6),
        "R": (d1, "Shop owners near lanes report more foot traffic.", "pro", 0.95),
        "M2": (d2, "Cities should not build protected bike lanes.", "pro", 0.9),
        "X": (d2, "Parking losses drive customers to malls.", "pro", 0.5),
    }
    claims, ids = [], {}
    for name, (doc, text, stance, conf) in texts.items():
        m = _mention(doc, text)
        mentions = (m, _mention(d2, text)) if name == "B" else (m,)
        c = Claim(claim_id(doc.id, m.start, m.end), text, mentions, stance, conf)
        claims.append(c)
        ids[name] = c.id
    rel = [
        Relation(ids["S1"], ids["A"], "supports"),
        Relation(ids["S2"], ids["S1"], "supports"),
        Relation(ids["B"], ids["A"], "attacks"),
        Relation(ids["R"], ids["B"], "attacks", count=3),
        Relation(ids["M2"], ids["A"], "attacks", scope="across"),
        Relation(ids["A"], ids["M2"], "attacks", scope="across"),
        Relation(ids["X"], ids["M2"], "supports"),
    ]
    docs = [
        dataclasses.replace(d1, main_claim=ids["A"]),
        dataclasses.replace(d2, main_claim=ids["M2"]),
    ]
    amap = ArgumentMap(docs, claims, rel, {"embedder": "hashing"})
    amap.validate()
    return amap, ids


def _names(claims, ids: dict[str, str]) -> set[str]:
    back = {v: k for k, v in ids.items()}
    return {back[c.id] for c in claims}


def test_amap_load_gives_back_an_equal_map_that_answers_queries(tmp_path: Path):
    amap, ids = _query_map()
    path = tmp_path / "q.json"
    amap.save(path)
    loaded = ArgumentMap.load(path)
    assert loaded.claims_by_id == amap.claims_by_id
    assert loaded.relations == amap.relations
    assert loaded.documents == amap.documents
    assert loaded.metadata == amap.metadata
    assert _names(loaded.attackers(ids["A"]), ids) == {"B", "M2"}
    # the search embedder is chosen from the saved metadata ("hashing"), not the real model
    assert argmap.search(loaded, "foot traffic near shops", k=1)[0][0].id == ids["R"]


def test_amap_claims_filters_by_stance_and_document():
    amap, ids = _query_map()
    d1, d2 = amap.documents.values()
    assert _names(amap.claims(document="shops.txt"), ids) == {"M2", "X", "B"}
    assert amap.claims(document=d2.id) == amap.claims(document="shops.txt")
    assert _names(amap.claims(document=d1.source), ids) == {"A", "S1", "S2", "B", "R"}
    assert _names(amap.claims(stance="con"), ids) == {"B"}
    assert _names(amap.claims(stance="con", document="shops.txt"), ids) == {"B"}
    assert amap.claims(stance="con", document="nowhere.txt") == []
    assert _names(amap.claims(stance="pro", document="shops.txt"), ids) == {"M2", "X"}
    assert len(amap.claims()) == len(amap) == 7


def test_amap_claim_by_id_prefix_and_errors():
    amap, ids = _query_map()
    a = ids["A"]
    assert amap.claim(a).id == a
    others = [v for v in ids.values() if v != a]
    n = next(i for i in range(1, len(a) + 1) if not any(o.startswith(a[:i]) for o in others))
    assert amap.claim(a[:n]).id == a  # the shortest unique prefix is enough
    if n > 1:
        with pytest.raises(ArgmapError, match="no claim with id"):
            amap.claim(a[: n - 1])  # shared with another claim: ambiguous, not a guess
    with pytest.raises(ArgmapError, match="no claim with id 'c'"):
        amap.claim("c")  # every id starts with "c"
    with pytest.raises(ArgmapError, match="zzz"):
        amap.claim("zzz")
    with pytest.raises(ArgmapError):
        amap.claim("")


def test_amap_search_ranks_by_similarity():
    import numpy as np

    from argmap.embed import HashingEmbedder

    amap, ids = _query_map()
    query = "hospital records of cycling injuries"
    hits = argmap.search(amap, query, k=3)
    assert len(hits) == 3
    assert hits[0][0].id == ids["S2"]  # the only claim sharing most of the query's words
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    emb = HashingEmbedder()
    q = emb.encode([query])[0]
    for c, s in hits:
        assert s == pytest.approx(float(emb.encode([c.text])[0] @ q), abs=1e-4)
    # every other claim scores no higher than the last hit
    rest = [c for c in amap.claims() if c.id not in {h.id for h, _ in hits}]
    assert all(float(emb.encode([c.text])[0] @ q) <= scores[-1] + 1e-4 for c in rest)
    assert len(argmap.search(amap, query, k=100)) == len(amap)
    assert argmap.search(amap, "   ") == []
    assert np.isfinite(scores).all()


def test_amap_supporters_and_attackers_direct_and_deeper():
    amap, ids = _query_map()
    assert _names(amap.supporters(ids["A"]), ids) == {"S1"}
    assert _names(amap.supporters(ids["A"], depth=2), ids) == {"S1", "S2"}
    assert _names(amap.supporters(ids["S1"]), ids) == {"S2"}
    assert amap.supporters(ids["S2"], depth=3) == []
    assert _names(amap.attackers(ids["A"]), ids) == {"B", "M2"}
    # attackers of attackers; A itself (which attacks M2) is never listed for A
    assert _names(amap.attackers(ids["A"], depth=2), ids) == {"B", "M2", "R"}
    # M2 <- A <- {B, M2}: the walk back to M2 itself is dropped
    assert _names(amap.attackers(ids["M2"], depth=2), ids) == {"A", "B"}
    # supports do not count as attacks and vice versa
    assert ids["X"] not in {c.id for c in amap.attackers(ids["M2"], depth=2)}
    assert _names(amap.supporters(ids["M2"]), ids) == {"X"}
    # a prefix works here too
    assert _names(amap.supporters(ids["A"][:12]), ids) == {"S1"}


def test_amap_neighbourhood_is_a_sub_map():
    amap, ids = _query_map()
    one = amap.neighbourhood(ids["S2"], depth=1)
    assert isinstance(one, ArgumentMap)
    assert _names(one.claims(), ids) == {"S2", "S1"}
    assert [(r.source, r.target) for r in one.relations] == [(ids["S2"], ids["S1"])]
    assert [d.source for d in one.documents.values()] == ["lanes.txt"]
    one.validate()
    two = amap.neighbourhood(ids["S2"], depth=2)
    assert _names(two.claims(), ids) == {"S2", "S1", "A"}
    assert len(two.relations) == 2
    assert _names(amap.neighbourhood(ids["S2"], depth=0).claims(), ids) == {"S2"}
    # edges count in both directions: X reaches A through M2
    three = amap.neighbourhood(ids["X"], depth=2)
    assert _names(three.claims(), ids) == {"X", "M2", "A"}
    assert {d.source for d in three.documents.values()} == {"lanes.txt", "shops.txt"}
    # the sub-map is a copy: the original is unchanged
    assert len(amap) == 7 and len(amap.relations) == 7


def test_amap_documents_for_lists_every_source():
    amap, ids = _query_map()
    assert [d.source for d in amap.documents_for(ids["B"])] == ["lanes.txt", "shops.txt"]
    assert [d.source for d in amap.documents_for(ids["X"])] == ["shops.txt"]
    for d in amap.documents_for(ids["B"]):
        assert "Bike lanes hurt local shops." in d.text


def test_amap_most_contested_counts_combined_edges():
    amap, ids = _query_map()
    ranked = amap.most_contested(10)
    named = [({v: k for k, v in ids.items()}[c.id], n) for c, n in ranked]
    assert named[0] == ("B", 3)  # one edge that combines three attacks
    assert named[1] == ("A", 2)
    assert ("M2", 1) in named
    assert {n for n, _ in named} == {"B", "A", "M2"}  # unattacked claims are not listed
    assert len(amap.most_contested(1)) == 1


def test_amap_to_networkx_has_every_relation_and_is_a_copy():
    amap, ids = _query_map()
    g = amap.to_networkx()
    assert set(g.nodes) == set(ids.values())
    edges = {(s, t, k) for s, t, k in g.edges(keys=True)}
    assert edges == {(r.source, r.target, r.type) for r in amap.relations}
    assert g.edges[ids["R"], ids["B"], "attacks"]["count"] == 3
    assert g.edges[ids["M2"], ids["A"], "attacks"]["scope"] == "across"
    assert g.nodes[ids["B"]]["sources"] == 2
    g.remove_node(ids["A"])
    assert amap.to_networkx().number_of_nodes() == 7
    assert _names(amap.supporters(ids["A"]), ids) == {"S1"}


def test_amap_save_gives_ordinary_permissions_and_keeps_existing_ones(
    small_map: ArgumentMap, tmp_path: Path
):
    import os
    import stat

    mask = os.umask(0o022)
    try:
        new = tmp_path / "new.json"
        small_map.save(new)
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o640)
        small_map.save(kept)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(mask)
