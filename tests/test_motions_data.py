"""The motions corpus (many questions, a dozen sided claims each): every batch valid, and the
validator refuses what would mislead the stance head or leak across the split."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "data" / "judge" / "motions"


def _checker():
    sys.path.insert(0, str(FOLDER.parent))
    spec = importlib.util.spec_from_file_location("check_motions", FOLDER / "check_motions.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def _question() -> dict:
    claims = [
        {
            "text": f"Reason number {i} why the bells ring far too loud.",
            "stance": s,
            "about": a,
            "register": r,
        }
        for i, (s, a, r) in enumerate(
            [
                ("pro", "thing", "forum"),
                ("pro", "thing", "op-ed"),
                ("pro", "measure", "news"),
                ("pro", "measure", "forum"),
                ("con", "thing", "forum"),
                ("con", "thing", "op-ed"),
                ("con", "measure", "news"),
                ("con", "other", "forum"),
                ("neutral", None, "brief"),
                ("con", "measure", "brief"),
            ],
            1,
        )
    ]
    return {
        "id": "t01-quiet-church-bells",
        "domain": "local life",
        "motions": [
            {"text": "Should church bells be silenced at night?", "form": "yes-no", "polarity": 1},
            {"text": "Let the night bells ring.", "form": "imperative", "polarity": -1},
            {
                "text": "This house would silence bells at night.",
                "form": "this-house-would",
                "polarity": 1,
            },
        ],
        "claims": claims,
    }


def _problems(mod, tmp_path: Path, questions: list[dict]) -> list[str]:
    path = tmp_path / "t01.json"
    path.write_text(json.dumps({"batch": "t01", "questions": questions}), encoding="utf-8")
    errs: list[str] = []
    for i, q in enumerate(questions):
        mod.check_question(q, f"questions[{i}]", errs)
    bad, _ = mod.check_files([path])
    return errs if errs else ["file refused"] if bad else []


def test_every_batch_is_valid() -> None:
    mod = _checker()
    files = sorted(FOLDER.glob("*.json"))
    if not files:
        return
    bad, questions = mod.check_files(files)
    assert bad == 0
    assert len(questions) >= 100


def test_a_well_formed_question_passes(tmp_path: Path) -> None:
    assert _problems(_checker(), tmp_path, [_question()]) == []


def test_the_validator_refuses_what_would_mislead(tmp_path: Path) -> None:
    mod = _checker()
    q = _question()
    no_reversed = copy.deepcopy(q)
    no_reversed["motions"][1]["polarity"] = 1
    assert any("polarity -1" in p for p in _problems(mod, tmp_path, [no_reversed]))
    one_sided = copy.deepcopy(q)
    for c in one_sided["claims"]:
        if c["stance"] == "con":
            c["stance"] = "pro"
    assert any("con, need" in p for p in _problems(mod, tmp_path, [one_sided]))
    no_measure = copy.deepcopy(q)
    for c in no_measure["claims"]:
        if c.get("about") == "measure":
            c["about"] = "thing"
    assert any("about the measure" in p for p in _problems(mod, tmp_path, [no_measure]))
    twice = copy.deepcopy(q)
    twice["id"] = "t01-other"
    path = tmp_path / "t01.json"
    path.write_text(json.dumps({"batch": "t01", "questions": [q, twice]}), encoding="utf-8")
    bad, _ = mod.check_files([path])
    assert bad == 1  # the same claim texts under two questions


def test_a_question_the_topic_corpus_debates_is_refused(tmp_path: Path) -> None:
    mod = _checker()
    topic = json.loads(next(iter(sorted((FOLDER.parent / "topics").glob("*.json")))).read_text())
    q = _question()
    q["motions"][0]["text"] = topic["motions"][0]["text"]
    path = tmp_path / "t01.json"
    path.write_text(json.dumps({"batch": "t01", "questions": [q]}), encoding="utf-8")
    bad, _ = mod.check_files([path])
    assert bad == 1
