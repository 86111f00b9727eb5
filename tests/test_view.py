"""view_data, render_html and passage_html without a browser."""

from __future__ import annotations

import re

import pytest

from argmap.model import Claim, Document, Mention, Relation
from argmap.model.amap import ArgumentMap
from argmap.view import network as view

HOSTILE = (
    "Open weights are risky. <script>window.__pwned=1;alert(1)</script> and "
    '<img src=x onerror="window.__pwned=1;alert(1)"> see href $5 and $10 *now*.'
)


def make_map(n_extra: int = 0) -> ArgumentMap:
    """Five claims over two documents by hand, plus ``n_extra`` loose claims for the cap."""
    d1 = Document.create(
        "Open models are harder to secure. Anyone can strip safety training. "
        "Audits need visible weights. " + HOSTILE,
        "a.txt",
        "Essay A",
    )
    d2 = Document.create(
        "Open models are harder to secure. Many eyes find flaws faster.", "b.txt", "Essay B"
    )

    def m(doc: Document, s: str) -> Mention:
        i = doc.text.index(s)
        return Mention.of(doc, i, i + len(s))

    main = Claim(
        "c0",
        "Open models are harder to secure.",
        (m(d1, "Open models are harder to secure."), m(d2, "Open models are harder to secure.")),
        "pro",
        0.9,
        acceptance="out",
    )
    sup = Claim(
        "c1",
        "Anyone can strip safety training.",
        (m(d1, "Anyone can strip safety training."),),
        "pro",
        0.7,
        acceptance="in",
    )
    att = Claim(
        "c2",
        "Many eyes find flaws faster.",
        (m(d2, "Many eyes find flaws faster."),),
        "con",
        0.6,
        acceptance="in",
    )
    low = Claim(
        "c3",
        "Audits need visible weights.",
        (m(d1, "Audits need visible weights."),),
        "con",
        0.3,
        acceptance="undecided",
    )
    bad = Claim("c4", HOSTILE, (m(d1, HOSTILE),), "pro", 0.8)
    extra = [
        Claim(
            f"x{i}",
            "Audits need visible weights.",
            (m(d1, "Audits need visible weights."),),
            "pro",
            0.5,
        )
        for i in range(n_extra)
    ]
    rels = [
        Relation("c1", "c0", "supports", 0.8),
        Relation("c2", "c0", "attacks", 0.7, rule="objection"),
        Relation("c3", "c2", "supports", 0.4),
        Relation("c4", "c0", "supports", 0.9),
    ]
    return ArgumentMap([d1, d2], [main, sup, att, low, bad, *extra], rels)


def ids(v: dict) -> set[str]:
    return {n["id"] for n in v["nodes"]}


def test_view_data_all_claims_coloured_and_sized_by_sources():
    v = view.view_data(make_map())
    assert ids(v) == {"c0", "c1", "c2", "c3", "c4"}
    nodes = {n["id"]: n for n in v["nodes"]}
    assert nodes["c0"]["sources"] == 2 and nodes["c0"]["size"] > nodes["c1"]["size"]
    assert nodes["c0"]["color"] == view.STANCE_COLOURS["pro"]
    assert nodes["c2"]["color"] == view.STANCE_COLOURS["con"]
    edges = {(e["from"], e["to"]): e for e in v["edges"]}
    assert edges[("c2", "c0")]["dashes"] is True and edges[("c1", "c0")]["dashes"] is False
    assert edges[("c2", "c0")]["color"] != edges[("c1", "c0")]["color"]
    # an edge says what it was read from, when the stage said so
    assert edges[("c2", "c0")]["title"].endswith("read from: objection")
    assert "read from" not in edges[("c1", "c0")]["title"]
    assert {i["key"] for i in v["legend"]} >= {"pro", "con", "supports", "attacks"}
    assert not v["truncated"] and v["message"] == ""


def test_view_data_colour_by_acceptance_and_fallback():
    v = view.view_data(make_map(), color_by="acceptance")
    nodes = {n["id"]: n for n in v["nodes"]}
    assert nodes["c0"]["color"] == view.ACCEPTANCE_COLOURS["out"]
    assert nodes["c1"]["color"] == view.ACCEPTANCE_COLOURS["in"]
    assert {i["key"] for i in v["legend"] if i["kind"] == "node"} == {"in", "out", "undecided"}
    plain = make_map()
    plain = plain.replace([c.with_(acceptance=None) for c in plain.claims()], plain.relations)
    assert view.view_data(plain, color_by="acceptance")["color_by"] == "stance"


def test_view_data_filters():
    amap = make_map()
    assert ids(view.view_data(amap, stance="con")) == {"c2", "c3"}
    assert ids(view.view_data(amap, stance=["pro"])) == {"c0", "c1", "c4"}
    d2 = next(d.id for d in amap.documents.values() if d.source == "b.txt")
    assert ids(view.view_data(amap, documents=[d2])) == {"c0", "c2"}
    assert ids(view.view_data(amap, min_confidence=0.65)) == {"c0", "c1", "c4"}
    att = view.view_data(amap, relation_types=["attacks"])
    assert ids(att) == {"c0", "c2"} and {e["type"] for e in att["edges"]} == {"attacks"}
    empty = view.view_data(amap, stance=[])
    assert empty["nodes"] == [] and "No claim" in empty["message"]


def test_view_data_focus_depth():
    amap = make_map()
    assert ids(view.view_data(amap, focus="c2", depth=1)) == {"c2", "c0", "c3"}
    assert ids(view.view_data(amap, focus="c2", depth=2)) == {"c0", "c1", "c2", "c3", "c4"}
    v = view.view_data(amap, focus="c3", depth=1, stance="pro")
    assert ids(v) == {"c3"} and v["focus"] == "c3"
    assert view.view_data(amap, focus="nope")["focus"] is None


def test_view_data_cap_keeps_best_connected_and_says_so():
    v = view.view_data(make_map(n_extra=50), max_nodes=10)
    assert len(v["nodes"]) == 10 and v["total"] == 55 and v["truncated"]
    assert {"c0", "c1", "c2", "c3", "c4"} <= ids(v)
    assert "10" in v["message"] and "55" in v["message"]


def _tags(page: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*>", page, flags=re.IGNORECASE)


@pytest.mark.parametrize("extra", [0, 200])
def test_render_html_is_self_contained_and_inert(extra: int):
    page = view.render_html(view.view_data(make_map(n_extra=extra)))
    for tag in _tags(page):
        assert "src=" not in tag and "href=" not in tag, tag
        assert "cdn" not in tag.lower() and "https://" not in tag, tag
    assert "bootstrap" not in page
    assert "vis.Network" in page and "argmapStable" in page and 'id="argmap-legend"' in page
    # document text only ever sits inside JSON, with its markup escaped
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert "\\u003cscript\\u003ewindow.__pwned" in page
    # pyvis would switch to an innerHTML tooltip because a title contains "href"
    assert "popup.innerHTML" not in page
    physics_on = '"physics": {"enabled": true' in page
    assert physics_on is (extra == 0)


def test_render_html_big_graph_has_positions():
    page = view.render_html(view.view_data(make_map(n_extra=200)))
    assert '"x": ' in page and '"y": ' in page


def test_passage_html_escapes_and_marks():
    amap = make_map()
    (p,) = amap.passages("c4", context=30)
    out = view.passage_html(p)
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in out
    assert out.count("<mark>") == 1 and "</mark>" in out
    assert "&#36;5" in out and "$" not in out
    assert "Essay A" in out and "a.txt" in out and out.index("a.txt") < out.index("Essay A")
    (q,) = amap.passages("c2", context=10)
    out = view.passage_html(q)
    assert "<mark>Many eyes find flaws faster.</mark>" in out and out.count("…") >= 1


def test_passage_html_newlines_never_end_the_html_block():
    p = {
        "document": "d",
        "source": "s",
        "title": "t",
        "start": 5,
        "end": 9,
        "before": "one\n\n# ",
        "text": "two",
        "after": "\n\nthree <b>",
    }
    out = view.passage_html(p)
    assert "\n" not in out and "<br><br>" in out and "&lt;b&gt;" in out


def test_md_escape_makes_markdown_literal():
    s = view.md_escape("[click](javascript:alert(1)) *x* <b> $1 :red[x]")
    assert "\\[" in s and "\\*" in s and "\\<" in s and "\\$" in s and "\\:" in s
    assert view.short("word " * 40, 20).endswith("…") and len(view.short("word " * 40, 20)) <= 20


def test_claim_detail_is_plain_data_about_one_claim():
    from argmap.view.network import claim_detail

    amap = make_map()
    target = max(amap.claims_by_id.values(), key=lambda c: len(amap.attackers(c.id)))
    d = claim_detail(amap, target.id)
    assert d["claim"] is amap.claim(target.id)
    assert d["attacked_by"] and [c.id for c in d["attacked_by"]] == [
        c.id for c in amap.attackers(target.id)
    ]
    assert [c.id for c in d["supported_by"]] == [c.id for c in amap.supporters(target.id)]
    outgoing = {(r.target, r.type) for r in amap.relations if r.source == target.id}
    assert {(c.id, "supports") for c in d["supports"]} | {
        (c.id, "attacks") for c in d["attacks"]
    } == outgoing
    assert len(d["passages"]) == len(target.mentions)
    for p in d["passages"]:
        assert p["text"] == amap.documents[p["document"]].text[p["start"] : p["end"]]
    assert f"stance **{target.stance}**" in d["facts"]  # "pro"/"con" need no escaping
    assert (d["variants"] == []) == (len(target.members) <= 1)


def test_an_undercut_is_drawn_and_described_as_an_attack_on_a_step_not_a_claim():
    amap = make_map()
    # c3 denies that c1 supports c0 (AIF: a conflict on the inference node)
    undercut = Relation("c3", "c0", "attacks", 0.6, inference=("c1", "c0"))
    amap = ArgumentMap(list(amap.documents.values()), list(amap.claims_by_id.values()),
                       [*amap.relations, undercut])  # fmt: skip
    v = view.view_data(amap)
    edges = {(e["from"], e["to"], e["kind"]): e for e in v["edges"]}
    drawn = edges[("c3", "c0", "undercuts")]
    assert drawn["type"] == "attacks"  # claim-level readers still see an attack on c0
    assert (
        drawn["color"]
        == view.EDGE_STYLES["undercuts"]["color"]
        != view.EDGE_STYLES["attacks"]["color"]
    )
    assert drawn["title"].startswith("undercuts the step to this claim from: Anyone can strip")
    assert edges[("c2", "c0", "attacks")]["kind"] == "attacks"
    assert "undercuts" in {i["key"] for i in v["legend"]}
    # filtering by relation type keeps the undercut with the attacks, and drops it without them
    only_supports = view.view_data(amap, relation_types=["supports"])
    assert all(e["kind"] == "supports" for e in only_supports["edges"])
    d = view.claim_detail(amap, "c3")
    assert [(p.id, c.id) for p, c in d["undercuts"]] == [("c1", "c0")]
    assert [(u.id, c.id) for u, c in view.claim_detail(amap, "c1")["undercut_by"]] == [("c3", "c0")]
    assert view.claim_detail(amap, "c2")["undercuts"] == []
