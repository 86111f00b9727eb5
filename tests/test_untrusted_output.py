"""Issue 19, item 5: where argmap writes is checked before the work starts."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.fileio import OutputPathError, atomic_write_text, check_output

GOOD = (
    "Schools should start later in the morning. Teenagers sleep better when lessons begin at "
    "nine. Critics argue that later starts disrupt parents' work schedules.\n"
)


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "school.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path / "docs"


@pytest.fixture()
def no_build(monkeypatch):
    """A refused -o must be refused before any document is read."""
    import argmap.pipeline

    def boom(*a, **k):
        raise AssertionError("the build ran before the output path was checked")

    monkeypatch.setattr(argmap.pipeline, "build", boom)


def _bad_outputs(tmp_path: Path) -> list[tuple[str, str]]:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "to-null.json").symlink_to("/dev/null")
    (tmp_path / "file").write_text("x")
    cases = [
        ("", "empty"),
        (str(tmp_path / "folder") + "/", "folder"),
        (str(tmp_path / "folder"), "folder"),
        (str(tmp_path / "pipe.json"), "pipe"),
        (str(tmp_path / "to-null.json"), "device"),
        (str(tmp_path / "file" / "m.json"), "not a folder"),
    ]
    if Path("/dev/full").exists():
        cases.append(("/dev/full", "device"))
    return cases


def test_bad_output_paths_are_refused_before_the_build(tmp_path, docs, no_build, capsys):
    for out, why in _bad_outputs(tmp_path):
        code = main(["build", str(docs), "-o", out, "--embedder", "hashing", "-q"])
        err = capsys.readouterr().err
        assert code == 1, out
        assert err.startswith("argmap: error:") and why in err, (out, err)
        assert "Traceback" not in err
    assert Path("/dev/full").is_char_device() or not Path("/dev/full").exists()
    assert (tmp_path / "to-null.json").is_symlink()


def test_export_and_import_check_their_output_first(tmp_path, docs, capsys):
    m = tmp_path / "m.json"
    assert main(["build", str(docs), "-o", str(m), "--embedder", "hashing", "-q"]) == 0
    capsys.readouterr()
    (tmp_path / "folder").mkdir()
    assert main(["export", str(m), "-f", "graphml", "-o", str(tmp_path / "folder")]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["import", str(m), "-o", ""]) == 1
    assert "empty" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_an_unwritable_folder_is_refused(tmp_path: Path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(OutputPathError, match="permission denied"):
            check_output(ro / "m.json")
    finally:
        ro.chmod(0o755)


def test_a_symlink_is_written_through_to_its_target(tmp_path: Path, docs, capsys):
    real = tmp_path / "maps" / "real.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert main(["build", str(docs), "-o", str(link), "--embedder", "hashing", "-q"]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert json.loads(real.read_text())["format"].startswith("argmap")


def test_the_next_save_removes_a_killed_writers_stale_temp_files(tmp_path: Path):
    target = tmp_path / "m.json"
    stale = tmp_path / ".m.json.k1ll3d.tmp"
    stale.write_bytes(b"x" * 1000)
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".m.json.wr1t1ng.tmp"  # another writer, still at work
    fresh.write_bytes(b"y")
    other = tmp_path / ".other.json.k1ll3d.tmp"
    other.write_bytes(b"z")
    os.utime(other, (old, old))
    atomic_write_text(target, "{}")
    assert target.read_text() == "{}"
    assert not stale.exists() and fresh.exists() and other.exists()
