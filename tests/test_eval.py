"""``argmap eval``: gold texts in, the reference scorer's figures out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main

DEV_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "dev-eval"
SCORER = DEV_EVAL / "score.py"
needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason="../shared/dev-eval is absent")

TEXT = (
    "Schools should start later in the morning. Teenagers learn better after more sleep "
    "because their body clocks run late. Critics argue that later starts disrupt parents' "
    "work schedules. However, districts that switched saw attendance rise."
)
UNITS = [  # id, text, role, central -- annotated as a reader would mark this text
    ("a1", "Schools should start later in the morning.", "proponent", True),
    ("a2", "Teenagers learn better after more sleep", "proponent", False),
    ("a3", "because their body clocks run late.", "proponent", False),
    ("a4", "Critics argue that later starts disrupt parents' work schedules.", "opponent", False),
    ("a5", "However, districts that switched saw attendance rise.", "proponent", False),
]
RELATIONS = [("a2", "a1", "support"), ("a3", "a2", "support"), ("a4", "a1", "attack")]
RELATIONS += [("a5", "a4", "attack")]


def _gold(path: Path) -> Path:
    adus = []
    for uid, text, role, central in UNITS:
        start = TEXT.index(text)
        adus.append(
            {
                "id": uid,
                "text": text,
                "start": start,
                "end": start + len(text),
                "role": role,
                "central": central,
            }
        )
    rels = [{"source": s, "target": t, "type": k} for s, t, k in RELATIONS]
    items = [{"id": "school_starts", "text": TEXT, "adus": adus, "relations": rels}]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def _figures(out: str) -> dict[str, float]:
    figures = {}
    for line in out.splitlines():
        for label in ("unit (ADU) F1", "labelled relation F1", "attachment F1", "counterclaim F1"):
            if line.startswith(label):
                figures[label] = float(line[len(label) :].split()[0])
    return figures


@needs_scorer
def test_eval_scores_a_plainly_argued_text_as_its_annotator_would(tmp_path: Path, capsys):
    gold = _gold(tmp_path / "gold.json")
    out = tmp_path / "map.json"
    args = ["eval", str(gold), "--scorer", str(SCORER), "--out", str(out), "--embedder", "hashing"]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "documents found   1/1" in printed
    assert _figures(printed) == {
        "unit (ADU) F1": 1.0,
        "labelled relation F1": 1.0,
        "attachment F1": 1.0,
        "counterclaim F1": 1.0,
    }
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert [Path(d["source"]).stem for d in saved["documents"]] == ["school_starts"]


def test_eval_explains_a_bad_gold_file_or_a_missing_scorer(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "not a list"}', encoding="utf-8")
    (tmp_path / "score.py").write_text("raise SystemExit(3)\n", encoding="utf-8")  # never reached
    assert main(["eval", str(bad), "--embedder", "hashing"]) == 1
    assert f"{bad}: expected a JSON list" in capsys.readouterr().err

    (tmp_path / "elsewhere").mkdir()
    gold = _gold(tmp_path / "elsewhere" / "gold.json")  # no score.py beside it
    assert main(["eval", str(gold), "--embedder", "hashing"]) == 1
    expected = "reference scorer not found at " + str(tmp_path / "elsewhere" / "score.py")
    assert expected in capsys.readouterr().err


@needs_scorer
@pytest.mark.model
def test_eval_development_set_keeps_its_figures(tmp_path: Path, capsys):
    """The development set's figures, as the README gives them: units and counterclaims meet
    the issue's targets (0.88, 0.55); relations and attachment, short of theirs (0.45, 0.60),
    must not slide back below where they stand."""
    gold = DEV_EVAL / "microtexts_part2_en.json"
    assert main(["eval", str(gold), "--out", str(tmp_path / "map.json")]) == 0
    printed = capsys.readouterr().out
    assert "documents found   171/171" in printed
    f = _figures(printed)
    assert f["unit (ADU) F1"] >= 0.88
    assert f["counterclaim F1"] >= 0.55
    assert f["labelled relation F1"] >= 0.44  # 0.458 here; a little room for other CPUs
    assert f["attachment F1"] >= 0.465  # 0.480 here
