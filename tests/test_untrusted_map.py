"""Malformed map JSON gets a clear error naming the file, never a traceback or a bad re-save."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_export_helpers import sample_map

from argmap.amap import ArgumentMap
from argmap.errors import MapFormatError


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
