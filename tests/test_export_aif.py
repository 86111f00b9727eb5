"""AIFdb JSON: the export has AIFdb's shape, argmap's own file comes back exactly, and a foreign
AIFdb file becomes a map whose claims and relations match it."""

from __future__ import annotations

import json

import pytest
from test_export_helpers import sample_map

from argmap.errors import MapFormatError
from argmap.interchange import aif_json, import_text

FOREIGN = {
    "nodes": [
        {
            "nodeID": 101,
            "text": "Cities should ban cars from the centre.",
            "type": "I",
            "timestamp": "2015-01-01 10:00:00",
        },
        {"nodeID": 102, "text": "Car-free centres have\ncleaner air.", "type": "I"},
        {"nodeID": 103, "text": "Default Inference", "type": "RA"},
        {"nodeID": 104, "text": "Shops lose customers who drive.", "type": "I"},
        {"nodeID": 105, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 106, "text": "Bob : cities should ban cars", "type": "L"},
        {"nodeID": 107, "text": "Asserting", "type": "YA"},
        {"nodeID": 108, "text": "   ", "type": "I"},
    ],
    "edges": [
        {"edgeID": 1, "fromID": 102, "toID": 103},
        {"edgeID": 2, "fromID": 103, "toID": 101},
        {"edgeID": 3, "fromID": 104, "toID": 105},
        {"edgeID": 4, "fromID": 105, "toID": 101},
        {"edgeID": 5, "fromID": 106, "toID": 107},
        {"edgeID": 6, "fromID": 107, "toID": 101},
    ],
    "locutions": [{"nodeID": 106, "personID": 1}],
}


def test_export_aif_has_aifdb_shape() -> None:
    amap = sample_map()
    data = aif_json.to_aif_json(amap)
    assert set(data) >= {"nodes", "edges", "locutions"}
    by_id = {n["nodeID"]: n for n in data["nodes"]}
    assert all(isinstance(k, str) for k in by_id)
    kinds = [n["type"] for n in data["nodes"]]
    # 5 claims + 1 merged variant are I-nodes
    assert kinds.count("I") == 6
    assert kinds.count("RA") == 1 and kinds.count("CA") == 3 and kinds.count("MA") == 1
    schemes = {n["type"]: n.get("scheme") for n in data["nodes"] if n["type"] in ("RA", "CA", "MA")}
    assert schemes == {
        "RA": "Default Inference",
        "CA": "Default Conflict",
        "MA": "Default Rephrase",
    }
    for e in data["edges"]:
        assert {"edgeID", "fromID", "toID"} <= set(e)
        assert e["fromID"] in by_id and e["toID"] in by_id
    # the support runs premise -> RA -> conclusion
    ra = next(n["nodeID"] for n in data["nodes"] if n["type"] == "RA")
    into = [by_id[e["fromID"]]["text"] for e in data["edges"] if e["toID"] == ra]
    out = [by_id[e["toID"]]["text"] for e in data["edges"] if e["fromID"] == ra]
    assert into == ["They let researchers audit safety."]
    assert out == ["Open models should be released."]
    mentions = sum(len(c.mentions) for c in amap.claims())
    assert len(data["locutions"]) == mentions == kinds.count("L")


def test_export_aif_round_trip_is_exact() -> None:
    amap = sample_map()
    text = aif_json.dumps(amap)
    back = import_text(text, "aif-json")
    assert back.to_dict() == amap.to_dict()


def test_export_aif_foreign_file_gives_matching_claims_and_relations() -> None:
    amap = aif_json.from_aif_json(FOREIGN, source="debate.json")
    texts = [c.text for c in amap.claims()]
    assert texts == [
        "Cities should ban cars from the centre.",
        "Car-free centres have cleaner air.",
        "Shops lose customers who drive.",
    ]
    (doc,) = amap.documents.values()
    assert doc.text == "\n".join(texts) + "\n"
    for c in amap.claims():  # each claim has a real mention of its own text
        (m,) = c.mentions
        assert m.text_in(doc) == c.text
    name = {c.id: c.text for c in amap.claims()}
    rels = sorted((name[r.source], r.type, name[r.target]) for r in amap.relations)
    assert rels == [
        (
            "Car-free centres have cleaner air.",
            "supports",
            "Cities should ban cars from the centre.",
        ),
        ("Shops lose customers who drive.", "attacks", "Cities should ban cars from the centre."),
    ]
    # and it survives the argmap JSON round trip
    from argmap.model.amap import ArgumentMap

    assert ArgumentMap.from_dict(amap.to_dict()).to_dict() == amap.to_dict()


def test_export_aif_xaif_wrapper_and_json_sniffing() -> None:
    wrapped = json.dumps({"AIF": FOREIGN})
    amap = import_text(wrapped, "json")
    assert len(amap) == 3 and len(amap.relations) == 2


def test_export_aif_rejects_non_aif() -> None:
    with pytest.raises(MapFormatError, match="not AIF JSON"):
        aif_json.from_aif_json({"edges": []})
    with pytest.raises(MapFormatError, match="no claim texts"):
        aif_json.from_aif_json({"nodes": [{"nodeID": 1, "type": "RA", "text": "x"}]})
    with pytest.raises(MapFormatError, match="not valid JSON"):
        aif_json.loads("{nodes")


def test_export_aif_foreign_rephrase_nodes_stay_two_claims_joined_by_a_link() -> None:
    data = json.loads(json.dumps(FOREIGN))
    data["nodes"].append(
        {"nodeID": "r1", "type": "I", "text": "Traffic-free streets mean cleaner air."}
    )
    data["nodes"].append({"nodeID": "m1", "type": "MA", "text": "Default Rephrase"})
    air = 102  # "Car-free centres have cleaner air."
    data["edges"] += [
        {"edgeID": "e-m1", "fromID": "r1", "toID": "m1"},
        {"edgeID": "e-m2", "fromID": "m1", "toID": air},
    ]
    amap = aif_json.from_aif_json(data, source="debate.json")
    assert len(amap) == 4  # a rephrase never folds the file's I-nodes together
    by_text = {c.text: c.id for c in amap.claims()}
    assert amap.metadata["rephrases"] == [
        [
            by_text["Traffic-free streets mean cleaner air."],
            by_text["Car-free centres have cleaner air."],
        ]
    ]
    # and the MA node goes back out as it came
    out = aif_json.to_aif_json(amap)
    assert out["nodes"] == data["nodes"] and out["edges"] == data["edges"]


def test_export_aif_edits_made_in_another_tool_are_honoured() -> None:
    amap = sample_map()
    data = aif_json.to_aif_json(amap)
    by_claim = {
        n["argmap"]["id"]: n["nodeID"] for n in data["nodes"] if "id" in n.get("argmap", {})
    }
    s_nodes = [n for n in data["nodes"] if n["type"] in ("RA", "CA")]
    # 1. delete one relation's node (and its edges), as OVA does
    gone = s_nodes[0]
    data["nodes"].remove(gone)
    data["edges"] = [e for e in data["edges"] if gone["nodeID"] not in (e["fromID"], e["toID"])]
    # 2. draw a new attack between two claims, with no argmap data
    data["nodes"].append({"nodeID": "new-ca", "type": "CA", "text": "Default Conflict"})
    data["edges"] += [
        {"edgeID": "n1", "fromID": by_claim["c_undo"], "toID": "new-ca"},
        {"edgeID": "n2", "fromID": "new-ca", "toID": by_claim["c_yet"]},
    ]
    back = aif_json.from_aif_json(data)
    old = {(r.source, r.target, r.type) for r in amap.relations}
    new = {(r.source, r.target, r.type) for r in back.relations}
    dropped = (gone["argmap"]["source"], gone["argmap"]["target"], gone["argmap"]["type"])
    assert new == (old - {dropped}) | {("c_undo", "c_yet", "attacks")}
    drawn = next(r for r in back.relations if (r.source, r.target) == ("c_undo", "c_yet"))
    assert drawn.stage == "import"
    # the untouched relations come back exactly
    kept = [r for r in back.relations if r.stage != "import"]
    assert [r.to_dict() for r in kept] == [
        r.to_dict() for r in amap.relations if (r.source, r.target, r.type) != dropped
    ]
    # a copied RA/CA node (same edges, no argmap data) adds no second relation
    copy = dict(s_nodes[1], nodeID="copy")
    copy.pop("argmap")
    data["nodes"].append(copy)
    data["edges"] += [
        dict(
            e,
            edgeID=f"c{i}",
            **{k: "copy" for k in ("fromID", "toID") if e[k] == s_nodes[1]["nodeID"]},
        )
        for i, e in enumerate(data["edges"])
        if s_nodes[1]["nodeID"] in (e["fromID"], e["toID"])
    ]
    again = aif_json.from_aif_json(data)
    assert [r.to_dict() for r in again.relations] == [r.to_dict() for r in back.relations]
    # 3. an I-node added by hand cannot be traced to a document: a clear error
    data["nodes"].append({"nodeID": "new-i", "type": "I", "text": "A claim typed in OVA."})
    with pytest.raises(MapFormatError, match="I-node new-i .*added after export"):
        aif_json.from_aif_json(data)
