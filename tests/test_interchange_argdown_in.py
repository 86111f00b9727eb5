"""Argdown in, read by the real Argdown parser: statements, arguments and their premise-conclusion
structure, pro / contra / undercut / contradiction, equivalence classes, tags and metadata; and
Argdown -> map -> Argdown keeps them. The files in tests/argdown were written for these tests
after what the Argdown documentation shows: nested pro/con trees, premise-conclusion structures
with inference rules, tags and metadata, statements defined in one place and used in another."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import MapFormatError
from argmap.interchange import export_text, import_text, read_map
from argmap.interchange.argdown_read import PARSER_ENV, find_parser, parse

FILES = Path(__file__).resolve().parent / "argdown"
SOURCES = sorted(p.name for p in FILES.glob("*.argdown"))
needs_parser = pytest.mark.skipif(
    find_parser() is None or shutil.which("node") is None,
    reason="Argdown CLI not installed (npm install --prefix .argdown @argdown/cli)",
)


def summary(data: dict) -> tuple:
    """What the Argdown parser found: statement texts, argument structures, relations, tags."""
    texts = {
        t: " ".join(
            next((m["text"] for m in s["members"] if (m.get("text") or "").strip()), "").split()
        )
        for t, s in data["statements"].items()
    }
    args = {
        t: [
            (
                p.get("title"),
                p.get("role"),
                tuple((p.get("inference") or {}).get("inferenceRules") or []),
            )
            for p in a.get("pcs", [])
        ]
        for t, a in data["arguments"].items()
    }
    rels = sorted(
        (r["from"], r["fromType"], r["relationType"], r["to"], r["toType"])
        for r in data["relations"]
    )
    tags = {t: sorted(s.get("tags") or []) for t, s in data["statements"].items()}
    return texts, args, rels, tags


def titled(amap) -> tuple[dict[str, str], set[tuple[str, str, str, tuple[str, ...]]]]:
    name = {c.id: c.metadata["argdown_title"] for c in amap.claims()}
    rels = {
        (name[r.source], r.type, name[r.target], tuple(name[x] for x in r.inference))
        for r in amap.relations
    }
    return {name[c.id]: c.text for c in amap.claims()}, rels


@needs_parser
@pytest.mark.parametrize("name", SOURCES)
def test_argdown_in_every_statement_is_a_claim_at_its_characters(name: str) -> None:
    path = FILES / name
    data = parse(path.read_text(encoding="utf-8"))
    amap = read_map(path)
    texts, _ = titled(amap)
    want, _, _, tags = summary(data)
    # every equivalence class is one claim, worded without its tags
    assert set(texts) >= set(want)
    for t, words in want.items():
        for tag in tags[t]:
            words = words.replace(f"#{tag}", "")
        assert texts[t] == " ".join(words.split())
    (doc,) = amap.documents.values()
    assert doc.text == path.read_text(encoding="utf-8")  # the document is the Argdown source
    for c in amap.claims():
        (m,) = c.mentions
        said = m.text_in(doc)
        assert said.split()[0] == c.text.split()[0] and c.text.split()[-1] in said
        assert sorted(c.metadata.get("tags") or []) == tags.get(c.metadata["argdown_title"], [])


@needs_parser
def test_argdown_in_nested_pro_con_tree() -> None:
    _, rels = titled(read_map(FILES / "nested-pro-con.argdown"))
    assert rels == {
        ("Savings", "supports", "Four days", ()),
        ("Small", "attacks", "Savings", ()),
        ("Audit", "supports", "Small", ()),
        ("Teachers", "supports", "Four days", ()),
        ("Childcare", "attacks", "Four days", ()),
        ("Clubs", "attacks", "Childcare", ()),
        ("Rural", "attacks", "Childcare", ()),  # an undercut with no argument named
        ("Scores", "attacks", "Four days", ()),
        ("Mixed", "attacks", "Scores", ()),  # a relation added where the statement is used again
    }


@needs_parser
def test_argdown_in_premise_conclusion_structure_and_undercut_of_an_inference() -> None:
    amap = read_map(FILES / "premise-conclusion.argdown")
    texts, rels = titled(amap)
    assert texts["Untitled 1"] == "Money saved on running costs can go to teaching."
    pcs = {r for r in rels if r[1] == "supports"}
    assert pcs == {  # each premise supports the conclusion it leads to; steps chain
        ("Savings", "supports", "Better use", ()),
        ("Untitled 1", "supports", "Better use", ()),
        ("Better use", "supports", "Four days", ()),
        ("Teaching first", "supports", "Four days", ()),
        ("Scores", "supports", "Against", ()),
        ("Untitled 2", "supports", "Against", ()),
    }
    # "_ [Fixed]" under the argument: an attack on its last inference, not on a premise
    assert ("Fixed", "attacks", "Four days", ("Teaching first", "Four days")) in rels
    # "><": contradictories attack each other
    assert {
        ("Four days", "attacks", "Against", ()),
        ("Against", "attacks", "Four days", ()),
    } <= rels
    (cost,) = [a for a in amap.metadata["argdown"]["arguments"] if a["title"] == "Cost argument"]
    rules = [p.get("rules") for p in cost["pcs"] if p["role"] != "premise"]
    assert rules == [["Modus ponens"], ["Practical syllogism"]]


@needs_parser
def test_argdown_in_statement_defined_in_one_place_and_used_in_another() -> None:
    amap = read_map(FILES / "defined-and-used.argdown")
    texts, rels = titled(amap)
    assert list(texts).count("Tolls") == 1 and list(texts).count("Air") == 1
    assert ("Tolls", "attacks", "Fairness", ()) in rels
    assert ("Displacement", "attacks", "Air", ()) in rels
    # an argument with no premise-conclusion structure is a claim of its own
    assert texts["Revenue"] == "The charge pays for better buses."
    assert ("Tolls", "supports", "Revenue", ()) in rels


@needs_parser
@pytest.mark.parametrize("name", SOURCES)
def test_argdown_in_round_trip_keeps_statements_arguments_and_relations(name: str) -> None:
    src = (FILES / name).read_text(encoding="utf-8")
    amap = import_text(src, "argdown", source=name)
    out = export_text(amap, "argdown")
    assert summary(parse(out)) == summary(parse(src))
    # and through a saved map
    from argmap.model.amap import ArgumentMap

    saved = ArgumentMap.from_dict(json.loads(amap.dumps()))
    assert summary(parse(export_text(saved, "argdown"))) == summary(parse(src))


def test_argdown_in_json_from_the_parser_needs_no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON ``argdown json`` wrote (committed, so this runs without node) reads the same."""
    monkeypatch.setenv(PARSER_ENV, "/nonexistent/argdown")
    amap = read_map(FILES / "premise-conclusion.json")
    texts, rels = titled(amap)
    assert texts["Savings"] == "Districts save on buses, heating and canteen staff."
    assert ("Fixed", "attacks", "Four days", ("Teaching first", "Four days")) in rels
    assert len(amap) == 10 and len(amap.relations) == 10
    for c in amap.claims():  # one line per claim in a synthetic document
        assert c.mentions[0].text_in(next(iter(amap.documents.values()))) == c.text


def test_argdown_in_refuses_include_and_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.argdown"
    secret.write_text("[Secret]: the password is hunter2", encoding="utf-8")
    src = f"[A]: A claim.\n@include({secret})\n"
    with pytest.raises(MapFormatError, match="@include"):
        import_text(src, "argdown", source="evil.argdown")


def test_argdown_in_without_a_parser_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PARSER_ENV, "/nonexistent/argdown")
    with pytest.raises(MapFormatError, match="evil.argdown: cannot run the Argdown parser"):
        import_text("[A]: A claim.", "argdown", source="evil.argdown")
    monkeypatch.delenv(PARSER_ENV)
    monkeypatch.setattr("argmap.interchange.argdown_read.find_parser", lambda: None)
    with pytest.raises(MapFormatError, match="npm install -g @argdown/cli"):
        import_text("[A]: A claim.", "argdown", source="x.argdown")


@needs_parser
def test_argdown_in_never_runs_a_config_from_where_argmap_is_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "argdown.config.js").write_text(
        f"require('fs').writeFileSync({json.dumps(str(marker))}, 'x'); module.exports = {{}};",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    amap = import_text("[A]: A claim.\n  + [B]: A reason.\n", "argdown", source="a.argdown")
    assert len(amap) == 2 and not marker.exists()


@needs_parser
def test_argdown_in_cli_import(tmp_path: Path) -> None:
    out = tmp_path / "map.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "import",
            str(FILES / "nested-pro-con.argdown"),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["claims"]) == 10 and len(data["relations"]) == 9


def test_argdown_in_broken_json_gives_a_clear_error_never_a_traceback() -> None:
    """The parser's JSON with values of the wrong kind anywhere: imported, or refused naming
    the file."""
    import copy
    import random

    from argmap.errors import ArgmapError

    base = json.loads((FILES / "premise-conclusion.json").read_text(encoding="utf-8"))
    rng = random.Random(3)
    values = [None, 1, "x", "", [], {}, [1], {"a": 1}, True, 1.5]
    outcomes = {"imported": 0, "refused": 0}
    for _ in range(300):
        data = copy.deepcopy(base)
        for _ in range(rng.randint(1, 3)):
            node = data
            for _ in range(rng.randint(0, 5)):
                if isinstance(node, dict) and node:
                    node = node[rng.choice(list(node))]
                elif isinstance(node, list) and node:
                    node = rng.choice(node)
            if isinstance(node, dict) and node:
                node[rng.choice(list(node))] = rng.choice(values)
            elif isinstance(node, list) and node:
                node[rng.randrange(len(node))] = rng.choice(values)
        try:
            amap = import_text(json.dumps(data), "json", source="broken.json")
        except ArgmapError as e:
            assert str(e).startswith("broken.json"), e
            outcomes["refused"] += 1
            continue
        outcomes["imported"] += 1
        export_text(amap, "argdown")
    assert outcomes["imported"] > 20 and outcomes["refused"] > 20, outcomes
