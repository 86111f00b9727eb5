"""The Streamlit page driven by ``streamlit.testing`` (no browser): load, filter, select, build."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import argmap

pytest.importorskip("streamlit")

from streamlit.testing.v1 import AppTest  # noqa: E402

from argmap.dedup import DEFAULT_THRESHOLD  # noqa: E402
from argmap.embed import HashingEmbedder  # noqa: E402
from argmap.ingest import load_bytes  # noqa: E402
from argmap.interchange import import_text  # noqa: E402
from argmap.model.amap import ArgumentMap  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

APP = str(Path(__file__).resolve().parent.parent / "app.py")
CLAIM = "Open models are harder to secure."
DEBATE = {
    "security-essay.txt": (
        "Open models should not be released without review. Open models are harder to secure. "
        "For example, anyone can remove the safety training from released weights."
    ),
    "open-advocate.txt": (
        "Open models accelerate innovation. Critics say that open models are harder to secure. "
        "However, many eyes find flaws faster than a small team. "
        "Security through obscurity has never worked."
    ),
    "policy-brief.txt": (
        "Regulators should require audits for frontier models. Open models are harder to "
        "secure. Once weights are public they cannot be withdrawn. But audits are possible "
        "only when weights are visible. Open models really accelerate innovation."
    ),
}


def debate_map() -> ArgumentMap:
    docs = [load_bytes(text.encode(), name)[0] for name, text in DEBATE.items()]
    return Pipeline.default(embedder=HashingEmbedder()).run(docs)


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    path = tmp_path / "map.json"
    debate_map().save(path)
    monkeypatch.setenv("ARGMAP_MAP", str(path))
    monkeypatch.setenv("ARGMAP_EMBEDDER", "hashing")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def drawn(at: AppTest) -> int:
    """Number of claims drawn, read from the caption or message above the graph."""
    texts = [c.value for c in at.caption] + [i.value for i in at.info]
    line = next(t for t in texts if "claims," in t and "drawn" in t)
    return int(line.split(" claims,")[0].split()[-1])


def test_app_loads_the_map_from_env(app: AppTest):
    assert app.title[0].value == "argmap"
    assert any("3 documents" in c.value for c in app.caption)
    assert drawn(app) == len(debate_map())
    graphs = app.get("component_instance")
    assert len(graphs) == 1 and graphs[0].proto.component_name.endswith("argmap_graph")
    page = json.loads(graphs[0].proto.json_args)["html"]
    assert 'network.on("click"' in page and "postMessage" in page


def test_app_a_click_in_the_graph_selects_the_claim(app: AppTest):
    amap = debate_map()
    cid = amap.text_search(CLAIM)[0].id
    other = next(c for c in amap.claims_by_id if c != cid)
    # the component's value after a click, as its page sends it
    app.session_state["graph"] = {"claim": cid, "seq": "1700000000000-1"}
    app.run()
    assert not app.exception
    assert app.selectbox(key="claim").value == cid
    html = "\n".join(m.value for m in app.markdown)
    assert "<mark>Open models are harder to secure.</mark>" in html
    # a later choice from the list wins over the old click, which is not replayed on rerun
    app.selectbox(key="claim").set_value(other).run()
    assert app.selectbox(key="claim").value == other
    # a claim id that is not in the map (stale page, forged message) changes nothing
    app.session_state["graph"] = {"claim": "c_nope", "seq": "1700000000000-2"}
    app.run()
    assert not app.exception and app.selectbox(key="claim").value == other


def test_app_filters_change_the_node_count(app: AppTest):
    total = drawn(app)
    app.multiselect(key="stance").set_value(["con"]).run()
    cons = drawn(app)
    assert 0 < cons < total
    app.multiselect(key="stance").set_value(["pro", "con"]).run()
    app.multiselect(key="relations").set_value(["attacks"]).run()
    assert drawn(app) < total
    app.multiselect(key="relations").set_value(["supports", "attacks"]).run()
    one_doc = app.multiselect(key="documents").options[0]
    app.multiselect(key="documents").set_value([one_doc]).run()
    assert drawn(app) < total
    app.multiselect(key="documents").set_value([]).run()
    app.slider(key="min_conf").set_value(0.8).run()
    assert drawn(app) < total


def test_app_selecting_a_claim_shows_sources_and_attackers(app: AppTest):
    amap = debate_map()
    cid = amap.text_search(CLAIM)[0].id
    app.selectbox(key="claim").set_value(cid).run()
    assert not app.exception
    html = "\n".join(m.value for m in app.markdown)
    assert "<mark>Open models are harder to secure.</mark>" in html
    assert "Sources (3)" in html
    assert "Attacked by (1)" in html
    labels = [b.label for b in app.button]
    attacker = next(lab for lab in labels if "many eyes" in lab)
    assert any("safety training" in lab for lab in labels)
    # clicking an attacker selects it
    next(b for b in app.button if b.label == attacker).click().run()
    assert "many eyes" in amap.claim(app.selectbox(key="claim").value).text
    assert app.query_params["claim"] in (sel := app.selectbox(key="claim").value, [sel])


def test_app_search_by_text_and_meaning_selects(app: AppTest):
    amap = debate_map()
    app.text_input(key="query").set_value("harder to secure").run()
    hits = [b for b in app.button if b.key.startswith("hit-")]
    assert hits and len(hits) <= 8
    # the top hit by meaning is the claim itself, and pressing it selects exactly that claim
    expected = argmap.search(amap, "harder to secure", 1)[0][0]
    assert hits[0].key.endswith(expected.id)
    hits[0].click().run()
    assert app.selectbox(key="claim").value == expected.id
    # by text: only claims containing the words, whatever their meaning
    app.text_input(key="query").set_value("weights").run()
    app.radio(key="search_mode").set_value("text").run()
    found = [b.key.rsplit("-", 1)[-1] for b in app.button if b.key.startswith("hit-")]
    assert found and all("weights" in amap.claim(cid).text.lower() for cid in found)
    assert set(found) == {c.id for c in amap.text_search("weights")}
    app.text_input(key="query").set_value("zeppelin").run()
    assert not any(b.key.startswith("hit-") for b in app.button)
    assert any("No claim found" in c.value for c in app.caption)
    # by meaning too: claims that share nothing with the query are not offered as hits
    app.radio(key="search_mode").set_value("meaning").run()
    assert not any(b.key.startswith("hit-") for b in app.button)
    assert any("No claim found" in c.value for c in app.caption)


def test_app_focus_and_threshold(app: AppTest):
    amap = debate_map()
    cid = amap.text_search(CLAIM)[0].id
    total = drawn(app)
    app.selectbox(key="claim").set_value(cid).run()
    app.toggle(key="focus").set_value(True).run()
    app.slider(key="depth").set_value(1).run()
    focused = drawn(app)
    assert 1 < focused < total
    app.toggle(key="focus").set_value(False).run()
    assert drawn(app) == total
    # two wordings of the innovation claim come apart at a strict threshold; nothing is
    # re-extracted, and the default threshold brings them back together
    app.slider(key="threshold").set_value(0.99).run()
    assert not app.exception
    assert drawn(app) == total + 1
    app.slider(key="threshold").set_value(DEFAULT_THRESHOLD).run()
    assert drawn(app) == total


def test_app_upload_bad_file_names_it_and_builds_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("ARGMAP_MAP", str(tmp_path / "none.json"))
    monkeypatch.setenv("ARGMAP_EMBEDDER", "hashing")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert any("No map yet" in i.value for i in at.info)
    at.file_uploader(key="doc_upload").set_value(
        [
            ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "application/pdf"),
            ("essay.txt", DEBATE["security-essay.txt"].encode(), "text/plain"),
        ]
    ).run()
    at.button(key="build").click().run()
    assert not at.exception, at.exception
    warnings = [w.value for w in at.warning]
    assert any("broken.pdf" in w.replace("\\", "") and "skipped" in w for w in warnings)
    assert any("1 documents" in c.value for c in at.caption)
    assert drawn(at) == 3


def test_app_opens_an_uploaded_map_and_rejects_a_bad_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("ARGMAP_MAP", str(tmp_path / "none.json"))
    monkeypatch.setenv("ARGMAP_EMBEDDER", "hashing")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="map_upload").set_value(
        ("debate.json", debate_map().dumps().encode(), "application/json")
    ).run()
    assert not at.exception
    assert drawn(at) == len(debate_map())
    at.file_uploader(key="map_upload").set_value(
        ("bad.json", b'{"format": "nope"}', "application/json")
    ).run()
    assert not at.exception
    assert any("Cannot open this map" in e.value for e in at.error)


def test_app_json_download_and_optional_exports(app: AppTest):
    keys = [b.key for b in app.get("download_button")]
    assert "dl-json" in keys
    if importlib.util.find_spec("argmap.interchange") is not None:
        from argmap.interchange import RDF_FORMATS

        expected = {f"dl-{f}" for f in (*RDF_FORMATS, "aif-json", "argdown", "graphml")}
        assert expected <= set(keys)


def test_app_shows_the_claims_merged_into_the_selected_one(app: AppTest):
    amap = debate_map()
    claim = amap.text_search(CLAIM)[0]
    assert len(claim.members) == 3  # one per document, merged by dedup
    app.selectbox(key="claim").set_value(claim.id).run()
    assert any("Merged from 3 extracted claims" in m.value for m in app.markdown)
    table = app.dataframe[0].value
    assert len(table) == 3
    assert set(table["variant"]) == {m.text for m in claim.members}
    docs = " ".join(table["document"])
    for name in DEBATE:
        assert name in docs
    assert all(0.0 <= s <= 1.0 for s in table["similarity"])
    # a claim made once has nothing merged into it, and no table
    single = next(c for c in amap.claims_by_id.values() if len(c.members) <= 1)
    app.selectbox(key="claim").set_value(single.id).run()
    assert not any("Merged from" in m.value for m in app.markdown)
    assert len(app.dataframe) == 0


def test_app_opens_an_aif_dialogue_and_shows_who_said_a_claim_and_its_rephrases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("ARGMAP_MAP", str(tmp_path / "none.json"))
    monkeypatch.setenv("ARGMAP_EMBEDDER", "hashing")
    files = Path(__file__).resolve().parent / "aif"
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    dialogue = (files / "dialogue-l-ya-ta.json").read_bytes()
    at.file_uploader(key="map_upload").set_value(
        ("dialogue.json", dialogue, "application/json")
    ).run()
    assert not at.exception
    amap = import_text(dialogue.decode(), "json", source="dialogue.json")
    cid = next(c.id for c in amap.claims() if c.text.startswith("Half the members"))
    at.selectbox(key="claim").set_value(cid).run()
    text = "\n".join(m.value for m in at.markdown)
    assert "Said in the dialogue (1)" in text
    assert "**Tom Hale** at 2021\\-03\\-02 18\\:00\\:41 (Asserting)" in text
    # a question's answers are rephrases of it: shown beside the claim, never merged
    qa = (files / "question-answers.json").read_bytes()
    at.file_uploader(key="map_upload").set_value(("qa.json", qa, "application/json")).run()
    amap = import_text(qa.decode(), "json", source="qa.json")
    porto = next(c.id for c in amap.claims() if c.text.startswith("Porto"))
    at.selectbox(key="claim").set_value(porto).run()
    assert any("Rephrased as (1)" in m.value for m in at.markdown)
    assert any("Some city should host" in b.label for b in at.button)


def test_app_upload_over_the_time_budget_is_named_and_the_rest_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("ARGMAP_MAP", str(tmp_path / "none.json"))
    monkeypatch.setenv("ARGMAP_EMBEDDER", "hashing")
    monkeypatch.setenv("ARGMAP_DOCUMENT_BUDGET", "0.5")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert any("each document 0.5 s to be analysed" in c.value for c in at.caption)
    huge = " ".join(f"Claim number {i} says towns should plant trees." for i in range(20_000))
    at.file_uploader(key="doc_upload").set_value(
        [
            ("huge.txt", huge.encode(), "text/plain"),
            ("essay.txt", DEBATE["security-essay.txt"].encode(), "text/plain"),
        ]
    ).run()
    at.button(key="build").click().run()
    assert not at.exception, at.exception
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("huge.txt" in w and "budget" in w for w in warnings), warnings
    assert any("1 documents" in c.value for c in at.caption)
