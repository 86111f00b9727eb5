"""The valence annotations of the stance corpus: every file valid, and the validator catches a
reading that does not multiply out to the filed side."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "data" / "judge" / "valence"


def _checker():
    spec = importlib.util.spec_from_file_location("check_valence", FOLDER / "check_valence.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_every_annotation_file_is_valid() -> None:
    mod = _checker()
    files = sorted(FOLDER.glob("*.json"))
    assert len(files) >= 100
    for f in files:
        problems, _ = mod.check(f)
        assert problems == [], problems


def test_a_product_against_the_filed_side_is_refused(tmp_path: Path) -> None:
    mod = _checker()
    src = next(iter(sorted(FOLDER.glob("*.json"))))
    data = json.loads(src.read_text(encoding="utf-8"))
    first = data["claims"][0]
    first["valence"] = "bad" if first["valence"] == "good" else "good"
    first.pop("stance_disputed", None)
    bad = tmp_path / src.name
    bad.write_text(json.dumps(data), encoding="utf-8")
    problems, _ = mod.check(bad)
    assert any(first["id"] in p and "gives" in p for p in problems)
    del data["claims"][1]
    bad.write_text(json.dumps(data), encoding="utf-8")
    problems, _ = mod.check(bad)
    assert any("not annotated" in p for p in problems)
