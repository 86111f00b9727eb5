"""Malformed map JSON gets a clear error naming the file, never a traceback or a bad re-save."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_export_helpers import sample_map

import argmap
from argmap.errors import MapFormatError
from argmap.model.amap import ArgumentMap


def _good() -> dict:
    return sample_map().to_dict()


def _claim(d: dict) -> dict:
    return d["claims"][0]


CASES = {
    "huge offset": lambda d: _claim(d)["mentions"][0].update(start=1e400),
    "nan confidence": None,  # written by hand below: json.dumps cannot write it strictly
    "long number": None,
    "main claim list": lambda d: d["documents"][0].update(main_claim=["x"]),
    "problems not objects": lambda d: d["metadata"].update(problems=[1]),
    "threshold a word": lambda d: d["metadata"].update(dedup_threshold="high"),
    "not an object": None,
}


def _write(tmp_path, name: str) -> str:
    d = _good()
    path = tmp_path / "map.json"
    fix = CASES[name]
    if fix is not None:
        fix(d)
        text = json.dumps(d)
    elif name == "nan confidence":
        text = json.dumps(d).replace(
            '"confidence": ' + json.dumps(_claim(d)["confidence"]), '"confidence": NaN', 1
        )
        assert "NaN" in text
    elif name == "long number":
        text = json.dumps(d).replace('"start": 0', '"start": ' + "9" * 5000, 1)
    else:
        text = "[1, 2, 3]"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_malformed_map_is_refused_or_read_cleanly(tmp_path, name):
    path = _write(tmp_path, name)
    try:
        amap = ArgumentMap.load(path)
    except MapFormatError as e:
        assert str(tmp_path) in str(e)
        return
    # accepted: then it must save as strict JSON and load back the same
    again = tmp_path / "again.json"
    amap.save(again)
    json.loads(again.read_text(), parse_constant=lambda c: pytest.fail(f"{c} written"))
    assert ArgumentMap.load(again).to_dict() == amap.to_dict()


def test_nan_and_deep_nesting_are_refused(tmp_path):
    with pytest.raises(MapFormatError, match="NaN"):
        ArgumentMap.load(_write(tmp_path, "nan confidence"))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(MapFormatError, match="deep.json"):
        ArgumentMap.load(deep)


@pytest.mark.parametrize("name", ["long number", "main claim list", "threshold a word"])
def test_the_cli_says_what_is_wrong_without_a_traceback(tmp_path, name):
    path = _write(tmp_path, name)
    out = subprocess.run(
        [sys.executable, "-m", "argmap", "show", path],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in out.stderr
    if out.returncode != 0:
        assert "map.json" in out.stderr


REFUSED = {
    "duplicate claim id": (lambda d: d["claims"].append(dict(d["claims"][0])), "repeats the id"),
    "offset 1.5": (lambda d: _claim(d)["mentions"][0].update(start=1.5), "mentions[0].start"),
    "offset true": (lambda d: _claim(d)["mentions"][0].update(end=True), "mentions[0].end"),
    "lone surrogate": (lambda d: _claim(d).update(text="\ud800"), "claims[0].text"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_values_once_accepted_silently_are_refused_by_field(tmp_path, name):
    fix, where = REFUSED[name]
    d = _good()
    fix(d)
    path = tmp_path / "map.json"
    path.write_text(json.dumps(d), encoding="utf-8")  # ensure_ascii writes "\ud800" escaped
    with pytest.raises(MapFormatError) as e:
        ArgumentMap.load(path)
    assert str(path) in str(e.value) and where in str(e.value)
    assert "\n" not in str(e.value)


def test_graphml_refuses_a_character_xml_cannot_hold_by_name_and_others_export(tmp_path):
    from argmap.interchange import export_text

    amap = sample_map()
    cid = next(iter(amap.claims_by_id))
    d = amap.to_dict()
    for c in d["claims"]:
        if c["id"] == cid:
            c["text"] = "Open models\x0c should be released\ufffe."
    odd = ArgumentMap.from_dict(d)
    with pytest.raises(MapFormatError) as e:
        export_text(odd, "graphml")
    assert "U+000C" in str(e.value) and cid in str(e.value) and "'text'" in str(e.value)
    assert "\x0c" in export_text(odd, "nt")  # N-Triples carries it: the way out
    assert "graphml" in export_text(amap, "graphml")


def test_a_truncated_turtle_file_is_named_with_a_short_message(tmp_path):
    from argmap.interchange import read_map

    text = argmap.to_rdf(sample_map()).serialize(format="turtle")
    text = text * (600_000 // len(text) + 1)
    cut = tmp_path / "cut.ttl"
    cut.write_text(text[: len(text) // 2] + ' ex:x "unterminated', encoding="utf-8")
    with pytest.raises(MapFormatError) as e:
        read_map(cut)
    assert str(cut) in str(e.value) and len(str(e.value)) < 600


@pytest.mark.parametrize("value", ["source=<a b>", "source=<nothing-like-an-iri>", "x=\ud800"])
def test_sparql_bindings_that_are_not_iris_or_text_are_clear_errors(tmp_path, value, capsys):
    from argmap.cli import main

    m = tmp_path / "m.json"
    sample_map().save(m)
    q = "SELECT ?c WHERE { ?c ?p ?source }"
    for store in ([], ["--store", str(tmp_path / "store")]):
        code = main(["sparql", str(m), q, "--bind", value, *store])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("argmap: error: cannot bind"), err
