"""The debate stage: question, sides, positions, key points and cruxes.

Maps are built by hand and judged by a deterministic fake (words decide), so each test controls
what the judge says and checks what the stage makes of it; tests marked ``model`` run the
shipped judge.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

import argmap
from argmap.debate import Debate
from argmap.embed import HashingEmbedder
from argmap.ids import claim_id
from argmap.judge.base import Verdict
from argmap.model import Claim, Document, Mention, Relation
from argmap.model.amap import ArgumentMap

EMB = HashingEmbedder()
PRO_WORDS = ("cheaper", "safer", "helps", "faster")
CON_WORDS = ("costly", "riskier", "hurts", "slower")


class WordJudge:
    """Pro when a claim holds a pro word, con for a con word (flipped by "not"), else neutral;
    a pair attacks when one side's word meets the other's."""

    name = "words"

    def __init__(self) -> None:
        self.stance_calls = 0
        self.pairs_seen = 0

    @staticmethod
    def lean(text: str) -> int:
        t = text.lower()
        v = 1 if any(w in t for w in PRO_WORDS) else -1 if any(w in t for w in CON_WORDS) else 0
        return -v if " not " in f" {t} " else v

    def stance(self, question, claims):
        self.stance_calls += 1
        out = []
        for c in claims:
            v = self.lean(c)
            label = {1: "pro", -1: "con", 0: "neutral"}[v]
            scores = {"pro": 0.1, "con": 0.1, "neutral": 0.1}
            scores[label] = 0.8
            out.append(Verdict(label, 0.8, scores))
        return out

    def judge(self, pairs):
        self.pairs_seen += len(pairs)
        out = []
        for a, b in pairs:
            la, lb = self.lean(a), self.lean(b)
            label = "attacks" if la * lb < 0 else "unrelated"
            out.append(Verdict(label, 0.7, {label: 0.7}))
        return out


def make_doc(source, items, title=""):
    """A document of sentences ``items`` = (text, stance); the first is its main claim."""
    text = " ".join(t for t, _ in items)
    doc = Document.create(text, source, title=title)
    claims, pos = [], 0
    for sentence, stance in items:
        start = text.index(sentence, pos)
        end = pos = start + len(sentence)
        claims.append(
            Claim(
                claim_id(doc.id, start, end),
                sentence,
                (Mention.of(doc, start, end),),
                stance,
                metadata={"paragraph": 0 if start == 0 else 1},
            )
        )
    return dataclasses.replace(doc, main_claim=claims[0].id), claims


def make_map(*docs, relations=()):
    return ArgumentMap([d for d, _ in docs], [c for _, cs in docs for c in cs], relations)


def analyse(amap, question="Should towns build trams?", judge=None):
    return Debate(EMB, judge=judge or WordJudge()).analyse(amap, question)


def side_of(amap, text):
    return next(c.side for c in amap.claims() if c.text == text)


def test_debate_structure_gives_a_side_the_judge_cannot_read():
    # the premise names no side; its document is for, and it supports the main claim
    doc = make_doc(
        "for.txt",
        [
            ("Trams are cheaper to run than buses.", "pro"),
            ("Each tram carries three hundred people.", "pro"),
            ("Critics say trams are riskier for cyclists.", "con"),
        ],
    )
    out = analyse(make_map(doc))
    assert side_of(out, "Each tram carries three hundred people.") == "pro"
    premise = next(c for c in out.claims() if c.text.startswith("Each tram"))
    assert premise.side_source == "structure"
    assert side_of(out, "Critics say trams are riskier for cyclists.") == "con"
    assert next(iter(out.documents.values())).position == "for"


def test_debate_a_document_against_the_question_turns_its_own_stances():
    doc = make_doc(
        "against.txt",
        [
            ("Trams are costly and slower than buses.", "pro"),
            ("The line would take ten years to build.", "pro"),
        ],
    )
    out = analyse(make_map(doc))
    assert next(iter(out.documents.values())).position == "against"
    assert side_of(out, "The line would take ten years to build.") == "con"


def test_debate_a_main_claim_on_neither_side_orients_nothing():
    # "both sides" as main claim: its pro list and con list keep the judge's sides, and the
    # document argues both
    doc = make_doc(
        "both.txt",
        [
            ("There are arguments on both sides of the tram question.", "pro"),
            ("Trams are cheaper over thirty years.", "pro"),
            ("Trams are safer for pedestrians.", "pro"),
            ("Trams are costly to build.", "con"),
            ("Tram tracks are riskier for cyclists.", "con"),
        ],
    )
    out = analyse(make_map(doc))
    assert side_of(out, "Trams are cheaper over thirty years.") == "pro"
    assert side_of(out, "Tram tracks are riskier for cyclists.") == "con"
    assert side_of(out, "There are arguments on both sides of the tram question.") == "neutral"
    assert next(iter(out.documents.values())).position == "mixed"


def test_debate_a_sided_heading_is_structural_evidence():
    doc = make_doc(
        "list.txt",
        [("Here is what people say about trams.", "pro"), ("Nobody rides them at night.", "pro")],
    )
    d, claims = doc
    claims[1] = claims[1].with_(metadata={"section": "con", "paragraph": 1})
    out = analyse(make_map((d, claims)))
    assert side_of(out, "Nobody rides them at night.") == "con"


def test_debate_key_points_group_one_side_across_documents():
    a = make_doc("a.txt", [("Trams are cheaper to run than buses in most towns.", "pro")])
    b = make_doc("b.txt", [("Trams are cheaper to run than buses in many towns.", "pro")])
    c = make_doc("c.txt", [("Trams are not cheaper to run than buses in most towns.", "pro")])
    out = analyse(make_map(a, b, c))
    kps = out.key_points
    assert kps is not None
    top = kps[0]
    assert top.documents == 2 and top.side == "pro" and len(top.claims) == 2
    negated = next(x for x in out.claims() if x.text.startswith("Trams are not"))
    assert negated.side == "con"
    assert all(negated.id not in k.claims or len(k.claims) == 1 for k in kps)


def test_debate_a_crux_is_attacked_from_one_side_and_defended_on_the_other():
    a = make_doc("a.txt", [("Trams are safer for everyone on the street.", "pro")])
    b = make_doc("b.txt", [("Tram rails are riskier for anyone on a bicycle.", "pro")])
    c = make_doc("c.txt", [("Cities with trams see safer streets every year.", "pro")])
    amap = make_map(a, b, c)
    ids = {cl.text: cl.id for cl in amap.claims()}
    rels = [
        Relation(
            ids["Tram rails are riskier for anyone on a bicycle."],
            ids["Trams are safer for everyone on the street."],
            "attacks",
            scope="across",
        ),
        Relation(
            ids["Cities with trams see safer streets every year."],
            ids["Trams are safer for everyone on the street."],
            "supports",
            scope="across",
        ),
    ]
    out = analyse(ArgumentMap(amap.documents.values(), amap.claims(), rels))
    kp = next(
        k for k in out.key_points if ids["Trams are safer for everyone on the street."] in k.claims
    )
    assert kp.crux and kp.attacks == 1 and kp.defences >= 1
    lone = make_map(a)
    assert not any(k.crux for k in analyse(lone).key_points)


def test_debate_question_is_read_from_a_shared_title():
    a = make_doc("a.txt", [("Trams are cheaper.", "pro")], title="Should towns build trams?")
    b = make_doc("b.txt", [("Trams are costly.", "pro")], title="Should towns build trams?")
    out = Debate(EMB, judge=WordJudge()).analyse(make_map(a, b))
    q = out.metadata["question"]
    assert q["text"] == "Should towns build trams?"
    assert q["given"] is False and q["source"] == "shared-question" and q["confidence"] == 1.0


def test_debate_no_shared_question_is_said_not_invented():
    a = make_doc("a.txt", [("Trams are cheaper.", "pro")], title="Trams")
    b = make_doc("b.txt", [("Gardens need rain in spring.", "pro")], title="Gardening")
    judge = WordJudge()
    out = Debate(EMB, judge=judge).analyse(make_map(a, b))
    q = out.metadata["question"]
    assert q["text"] is None and q["given"] is False and q["reason"]
    assert {c.side for c in out.claims()} == {"neutral"}
    assert judge.stance_calls == 0
    assert out.key_points == []


def test_debate_fields_round_trip_through_json_and_old_maps_gain_nothing(tmp_path):
    a = make_doc("a.txt", [("Trams are cheaper to run than buses in most towns.", "pro")])
    b = make_doc("b.txt", [("Trams are cheaper to run than buses in many towns.", "pro")])
    out = analyse(make_map(a, b))
    path = tmp_path / "m.json"
    out.save(path)
    again = ArgumentMap.load(path)
    assert again.dumps() == out.dumps()
    raw = json.loads(path.read_text())
    assert raw["metadata"]["question"]["given"] is True
    assert {"side", "side_confidence", "side_source"} <= set(raw["claims"][0])
    assert raw["documents"][0]["position"] == "for"
    assert raw["key_points"][0]["documents"] == 2
    old = make_map(a, b)
    assert "key_points" not in old.to_dict()
    assert ArgumentMap.from_dict(json.loads(old.dumps())).key_points is None


def test_debate_exports_carry_the_question_sides_and_key_points():
    from argmap.interchange.argdown import to_argdown
    from argmap.interchange.graphml import to_graphml_graph

    a = make_doc("a.txt", [("Trams are cheaper to run than buses in most towns.", "pro")])
    b = make_doc("b.txt", [("Trams are cheaper to run than buses in many towns.", "pro")])
    c = make_doc("c.txt", [("Trams are costly for small shops on the high street.", "pro")])
    out = analyse(make_map(a, b, c))
    again = argmap.from_rdf(argmap.to_rdf(out))
    assert again.dumps() == out.dumps()
    text = to_argdown(out)
    lines = text.splitlines()
    top = lines.index("[Question]: Should towns build trams\\?")
    kids = lines[top + 1 : top + 1 + len([k for k in out.key_points if k.side != "neutral"])]
    assert any(x.startswith("  + [k") for x in kids) and any(x.startswith("  - [k") for x in kids)
    g = to_graphml_graph(out)
    assert g.graph["question"] == "Should towns build trams?"
    sides = {d["text"]: d["side"] for _, d in g.nodes(data=True)}
    assert sides["Trams are costly for small shops on the high street."] == "con"
    assert sum(1 for _, d in g.nodes(data=True) if "key_point" in d) >= 2


def test_debate_rejects_a_bad_threshold():
    from argmap.errors import ArgmapError

    with pytest.raises(ArgmapError, match="key_point_threshold"):
        Debate(EMB, judge=WordJudge(), key_point_threshold=1.5)


def test_debate_key_point_candidates_are_nearest_neighbours_not_all_pairs():
    docs = [
        make_doc(f"d{i}.txt", [(f"Trams in town number {i} are cheaper than buses.", "pro")])
        for i in range(60)
    ]
    judge = WordJudge()
    analyse(make_map(*docs), judge=judge)
    # n·k candidate pairs at most (k = 10), never the 1,770 pairs of 60 claims
    assert 0 < judge.pairs_seen <= 60 * 10
