"""The CLI as a user meets it: commands, messages instead of tracebacks, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.cli import main, parser

GOOD = (
    "Schools should start later in the morning. Teenagers learn better after more sleep "
    "because their body clocks run late. Critics argue that later starts disrupt parents' "
    "work schedules. However, districts that switched saw attendance rise."
)


def test_cli_every_command_has_help(capsys):
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:
        with pytest.raises(SystemExit) as e:
            main([name, "--help"])
        assert e.value.code == 0
        assert "usage: argmap " + name in capsys.readouterr().out


def test_cli_build_show_claims_claim(tmp_path: Path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "school.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "docs" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "m.json"
    code = main(["build", str(tmp_path / "docs"), "-o", str(out), "--embedder", "hashing", "-q"])
    assert code == 0
    captured = capsys.readouterr()
    assert "skipped: " + str(tmp_path / "docs" / "empty.txt") + ": empty file" in captured.err
    assert "read 1 document(s), skipped 1" in captured.out

    assert main(["show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "main claim: Schools should start later in the morning." in shown
    assert "Most attacked:" in shown

    assert main(["claims", str(out), "--json", "--stance", "con"]) == 0
    cons = json.loads(capsys.readouterr().out)
    assert [c["text"] for c in cons] == [
        "Critics argue that later starts disrupt parents' work schedules."
    ]

    assert main(["claim", str(out), cons[0]["id"][:8]]) == 0
    detail = capsys.readouterr().out
    assert "Attackers (1):" in detail and "attendance rise" in detail
    assert "school.txt" in detail


def test_cli_nothing_readable_exits_nonzero(tmp_path: Path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code = main(
        ["build", str(tmp_path), "-o", str(tmp_path / "m.json"), "--embedder", "hashing", "-q"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("argmap: error: nothing could be read")
    assert "empty.txt: empty file" in err
    assert not (tmp_path / "m.json").exists()


def test_cli_bad_map_is_a_message_not_a_traceback(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["show", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: error: {bad}: not valid JSON")
    assert "Traceback" not in err
    assert main(["show", str(tmp_path / "missing.json")]) == 1
    assert "no such map file" in capsys.readouterr().err
