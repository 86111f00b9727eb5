"""AIF and xAIF files other tools write (written for these tests in their shapes: an AIFdb
nodeset with timestamps and schemes, an OVA save mixing string and integer ids, xAIF with
composite string ids and span markup, a dialogue with L/YA/TA chains, and a question whose
answers are rephrases of it and conflict with each other) come in whole and go back out as
they came."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from test_export_helpers import sample_map

from argmap.interchange import aif_json, export_text, import_text
from argmap.model.amap import ArgumentMap
from argmap.view.detail import claim_detail

FILES = Path(__file__).resolve().parent / "aif"

# what a reader of each file counts: claims (non-blank I-nodes), relations by kind, undercuts
# (conflicts aimed at an inference), rephrase links, claims with a locution saying them
EXPECT = {
    "aifdb-nodeset.json": (6, {"supports": 2, "attacks": 3}, 1, 0, 0),
    "ova-mixed-ids.json": (5, {"supports": 2, "attacks": 1}, 0, 1, 0),
    "xaif-composite-ids.json": (3, {"supports": 1, "attacks": 1}, 0, 0, 3),
    "dialogue-l-ya-ta.json": (3, {"attacks": 2}, 0, 0, 3),
    "question-answers.json": (5, {"attacks": 6}, 0, 4, 0),
}


def load(name: str) -> tuple[dict, ArgumentMap]:
    text = (FILES / name).read_text(encoding="utf-8")
    return json.loads(text), import_text(text, "json", source=name)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_aif_file_imports_every_claim_relation_undercut_and_rephrase(name: str) -> None:
    _, amap = load(name)
    n_claims, by_type, n_undercuts, n_rephrases, n_said = EXPECT[name]
    assert len(amap) == n_claims
    assert dict(Counter(r.type for r in amap.relations)) == by_type
    assert sum(1 for r in amap.relations if r.inference) == n_undercuts
    assert len(amap.metadata.get("rephrases", [])) == n_rephrases
    assert sum(1 for c in amap.claims() if (c.metadata or {}).get("said")) == n_said
    assert all(r.source != r.target for r in amap.relations)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_aif_file_goes_back_out_as_it_came(name: str) -> None:
    data, amap = load(name)
    fmt = "xaif" if "AIF" in data else "aif-json"
    assert json.loads(export_text(amap, fmt)) == data
    # through a saved map too: what argmap has no field for lives in its metadata
    saved = ArgumentMap.from_dict(json.loads(amap.dumps()))
    assert json.loads(export_text(saved, fmt)) == data
    # and reading the export again gives the same map
    again = import_text(export_text(saved, fmt), "json", source=name)
    assert again.to_dict() == amap.to_dict()


def test_aif_xaif_file_exported_as_plain_aif_is_its_aif_part() -> None:
    data, amap = load("xaif-composite-ids.json")
    assert json.loads(export_text(amap, "aif-json")) == data["AIF"]


def test_aif_undercut_is_on_the_inference_not_the_premise() -> None:
    _, amap = load("aifdb-nodeset.json")
    text = {c.id: c.text for c in amap.claims()}
    (u,) = [r for r in amap.relations if r.inference]
    assert text[u.source] == "Sunday closures elsewhere emptied the cafés."
    assert [text[x] for x in u.inference] == [
        "Families would have a safe place to cycle.",
        "The council should close the riverside road to cars on Sundays.",
    ]
    assert text[u.target] == text[u.inference[1]]
    # written by argmap itself (no kept file): the conflict points at the inference node again
    native = ArgumentMap(
        list(amap.documents.values()), amap.claims(), amap.relations, {"source": "x"}
    )
    out = aif_json.to_aif_json(native)
    kinds = {n["nodeID"]: n["type"] for n in out["nodes"]}
    ca = next(n["nodeID"] for n in out["nodes"] if n.get("argmap", {}).get("inference"))
    assert [kinds[e["toID"]] for e in out["edges"] if e["fromID"] == ca] == ["RA"]
    back = aif_json.from_aif_json(out)
    assert back.to_dict() == native.to_dict()


def test_aif_answers_to_one_question_stay_apart() -> None:
    _, amap = load("question-answers.json")
    texts = sorted(c.text for c in amap.claims())
    assert texts == [
        "Graz should host the regional games in 2034.",
        "Lyon should host the regional games in 2034.",
        "Porto should host the regional games in 2034.",
        "Some city should host the regional games in 2034.",
        "Which city should host the regional games in 2034?",
    ]
    text = {c.id: c.text for c in amap.claims()}
    conflicts = {(text[r.source][:4], text[r.target][:4]) for r in amap.relations}
    assert conflicts == {
        (a, b) for a in ("Port", "Lyon", "Graz") for b in ("Port", "Lyon", "Graz") if a != b
    }
    # the question, its proposition and the answers are linked as rephrases, side by side
    porto = next(c.id for c in amap.claims() if c.text.startswith("Porto"))
    shown = [c.text for c in claim_detail(amap, porto)["rephrases"]]
    assert shown == ["Some city should host the regional games in 2034."]


def test_aif_dialogue_keeps_speaker_time_and_words() -> None:
    _, amap = load("dialogue-l-ya-ta.json")
    said = {c.text: (c.metadata or {})["said"] for c in amap.claims()}
    (first,) = said["The club should hold its monthly meeting online."]
    assert first["speaker"] == "Priya Raman"
    assert first["time"] == "2021-03-02 18:00:05"
    assert first["text"] == "we should move the meeting online"
    assert first["illocution"] == "Asserting"
    (tom,) = said["Half the members lack a reliable connection at home."]
    assert tom["speaker"] == "Tom Hale"
    # the claim panel shows it beside the source passages
    cid = next(c.id for c in amap.claims() if c.text.startswith("Half"))
    assert claim_detail(amap, cid)["said"][0]["speaker"] == "Tom Hale"


def test_aif_speaker_from_the_locution_text_when_no_participant() -> None:
    data, _ = load("dialogue-l-ya-ta.json")
    data["participants"] = []
    amap = import_text(json.dumps(data), "json", source="d.json")
    speakers = sorted(
        x["speaker"] for c in amap.claims() for x in (c.metadata or {}).get("said", [])
    )
    assert speakers == ["Priya", "Priya", "Tom"]


def test_aif_edits_made_in_argmap_reach_the_file() -> None:
    data, amap = load("ova-mixed-ids.json")
    text = {c.text: c.id for c in amap.claims()}
    gone = text["Reading together at home counts as homework too."]
    claims = [c for c in amap.claims() if c.id != gone]
    rels = [r for r in amap.relations if gone not in (r.source, r.target)]
    from argmap.model.data import Relation

    rels.append(
        Relation(
            text["Play-based learning helps young pupils more than set tasks do."],
            text["Parents see what their child is learning through homework."],
            "attacks",
        )
    )
    edited = ArgumentMap(list(amap.documents.values()), claims, rels, amap.metadata)
    out = json.loads(export_text(edited, "aif-json"))
    ids = [str(n["nodeID"]) for n in out["nodes"]]
    assert "6" not in ids and "7" not in ids  # the claim and the support it gave are gone
    assert all("6" not in (str(e["fromID"]), str(e["toID"])) for e in out["edges"])
    assert len(ids) == len(set(ids))  # the new conflict has a fresh id
    new = [
        n for n in out["nodes"] if str(n["nodeID"]) not in {str(x["nodeID"]) for x in data["nodes"]}
    ]
    assert [n["type"] for n in new] == ["CA"]
    # everything else is as the file had it, layout included
    assert out["OVA"] == data["OVA"]
    kept = [n for n in data["nodes"] if str(n["nodeID"]) not in ("6", "7")]
    assert out["nodes"][: len(kept)] == kept


def test_aif_native_map_as_xaif_marks_its_locutions_and_comes_back() -> None:
    amap = sample_map()
    out = aif_json.to_xaif(amap)
    assert set(out) >= {"AIF", "text", "OVA"}
    l_nodes = {n["nodeID"] for n in out["AIF"]["nodes"] if n["type"] == "L"}
    import re

    marked = set(re.findall(r'<span class="highlighted" id="([^"]+)">', out["text"]))
    assert marked and marked <= l_nodes
    assert "<script>" not in out["text"]  # document text is escaped, never markup
    back = import_text(json.dumps(out), "json")
    assert back.to_dict() == amap.to_dict()


def test_aif_foreign_and_extracted_together_validate_against_the_shapes() -> None:
    pytest.importorskip("pyshacl")
    from argmap.interchange import to_rdf
    from argmap.interchange.shacl import validate
    from argmap.model.data import Relation

    ours = sample_map()
    merged = ours
    for name in ("aifdb-nodeset.json", "ova-mixed-ids.json", "dialogue-l-ya-ta.json"):
        _, theirs = load(name)
        link = Relation(theirs.claims()[0].id, merged.claims()[0].id, "attacks", scope="across")
        merged = ArgumentMap(
            [*merged.documents.values(), *theirs.documents.values()],
            [*merged.claims(), *theirs.claims()],
            [*merged.relations, *theirs.relations, link],
            {
                **merged.metadata,
                "rephrases": merged.metadata.get("rephrases", [])
                + theirs.metadata.get("rephrases", []),
            },
        )
    merged.validate()
    assert any(r.inference for r in merged.relations) and merged.metadata["rephrases"]
    conforms, report = validate(to_rdf(merged))
    assert conforms, report


def test_aif_broken_files_give_a_clear_error_never_a_traceback() -> None:
    """Other tools' files mutated at random (wrong types, missing ids, dangling edges, lone
    surrogates): each imports, or is refused with a MapFormatError naming the file; what
    imports can be exported and saved."""
    import copy
    import random

    from argmap.errors import ArgmapError

    rng = random.Random(7)
    files = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FILES.glob("*.json"))]
    values = [None, 1, -1, 1.5, "x", "", [], {}, [1], {"a": 1}, True, "\ud800", 10**30]
    imported = refused = 0
    for _ in range(400):
        data = copy.deepcopy(rng.choice(files))
        aif = data.get("AIF", data)
        for _ in range(rng.randint(1, 4)):
            key = rng.choice(["nodes", "edges", "locutions", "participants"])
            items = aif.get(key)
            if isinstance(items, list) and items and rng.random() < 0.8:
                item = rng.choice(items)
                if isinstance(item, dict) and item:
                    field = rng.choice([*item, "nodeID", "type", "text", "fromID", "toID"])
                    item[field] = rng.choice(values)
                else:
                    items.append(rng.choice(values))
            else:
                aif[key] = rng.choice(values)
        try:
            amap = import_text(json.dumps(data), "json", source="broken.json")
        except ArgmapError as e:
            assert str(e).startswith("broken.json"), e
            refused += 1
            continue
        imported += 1
        for fmt in ("aif-json", "xaif", "argdown"):
            export_text(amap, fmt)
        assert ArgumentMap.from_dict(json.loads(amap.dumps())).to_dict() == amap.to_dict()
    assert imported > 50 and refused > 50
