"""The interchange commands end to end: export, import, sparql, with clean errors."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from test_export_helpers import sample_map

import argmap.cli as cli
from argmap.errors import ArgmapError
from argmap.interchange import EXPORT_FORMATS
from argmap.model.amap import ArgumentMap


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """Run ``argmap ARGV``; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture()
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.json"
    sample_map().save(path)
    return path


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "nt", "xml", "trig", "aif-json"])
def test_export_cli_export_then_import_gives_the_same_map(
    map_file: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out{EXPORT_FORMATS[fmt]}"
    code, _, err = run_cli(["export", str(map_file), "-o", str(out)])  # format from extension
    assert code == 0, err
    back = tmp_path / "back.json"
    code, _, err = run_cli(["import", str(out), "-o", str(back)])
    assert code == 0, err
    assert back.read_text(encoding="utf-8") == map_file.read_text(encoding="utf-8")


def test_export_cli_argdown_and_graphml_to_stdout(map_file: Path) -> None:
    code, out, _ = run_cli(["export", str(map_file), "--format", "argdown"])
    assert code == 0 and "[c_main]: Open models should be released\\." in out
    code, out, _ = run_cli(["export", str(map_file), "-f", "graphml", "--validate"])
    assert code == 0 and out.startswith("<?xml") and "graphml" in out


def test_export_cli_errors_are_messages(map_file: Path, tmp_path: Path) -> None:
    code, _, err = run_cli(["export", str(map_file), "-o", str(tmp_path / "x.unknown")])
    assert code == 1 and "give --format" in err
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    code, _, err = run_cli(["import", str(bad), "-o", str(tmp_path / "m.json")])
    assert code == 1 and "not valid turtle" in err and "Traceback" not in err
    code, _, err = run_cli(["sparql", str(map_file), "SELECT WHERE {"])
    assert code == 1 and "SPARQL query failed" in err


def test_export_cli_sparql_ready_query_and_binding(map_file: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli(["sparql", str(map_file), "most-attacked", "--json"])
    assert code == 0
    assert [r["claim"] for r in json.loads(out)] == ["c_main", "c_critics"]
    qfile = tmp_path / "q.rq"
    qfile.write_text(
        "SELECT ?text WHERE { ?c a argmap:Claim ; argmap:id ?id ; aif:claimText ?text }",
        encoding="utf-8",
    )
    code, out, _ = run_cli(["sparql", str(map_file), f"@{qfile}", "--bind", "id=c_yet"])
    assert code == 0
    assert out.splitlines() == ["text", "Yet attackers already have closed-model access."]
    code, out, _ = run_cli(
        ["sparql", str(map_file), f"@{qfile}", "--bind", 'id=c_yet" } UNION { ?c ?p ?text } #']
    )
    assert code == 0 and out.strip() == "(no results)"


def test_export_cli_sparql_store(map_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyoxigraph")
    store = tmp_path / "store"
    args = ["sparql", str(map_file), "unanswered-attacks", "--store", str(store), "--json"]
    code, out, err = run_cli(args)
    assert code == 0 and "loaded" in err
    rows = json.loads(out)
    assert [(r["attacker"], r["target"]) for r in rows] == [
        ("c_yet", "c_critics"),
        ("c_undo", "c_main"),
    ]
    code, out2, err = run_cli(args)
    assert code == 0 and "reused" in err and out2 == out


def test_export_cli_every_command_has_help() -> None:
    for name in ("export", "import", "sparql", "push"):
        with pytest.raises(SystemExit) as e:
            run_cli([name, "--help"])
        assert e.value.code == 0
    assert ArgumentMap  # the module imports the map class the commands load


def test_export_cli_sparql_numeric_bindings(map_file: Path, tmp_path: Path) -> None:
    amap = ArgumentMap.load(map_file)
    confs = sorted(c.confidence for c in amap.claims_by_id.values())
    cut = confs[len(confs) // 2]
    expected = sorted(c.id for c in amap.claims_by_id.values() if c.confidence >= cut)
    assert 0 < len(expected) < len(confs)  # the filter must keep some and drop some
    q = (
        "SELECT ?id WHERE { ?c a argmap:Claim ; argmap:id ?id ; argmap:confidence ?conf "
        "FILTER(?conf >= ?min) } ORDER BY ?id"
    )
    for extra in ([], ["--store", str(tmp_path / "store")]):
        code, out, err = run_cli(["sparql", str(map_file), q, "--bind-num", f"min={cut}", *extra])
        assert code == 0, err
        assert out.splitlines()[1:] == expected
    # the same value bound as a string compares as nothing: why --bind-num exists
    code, out, _ = run_cli(["sparql", str(map_file), q, "--bind", f"min={cut}"])
    assert code == 0 and out.strip() == "(no results)"
    code, _, err = run_cli(["sparql", str(map_file), q, "--bind-num", "min=high"])
    assert code == 1 and "not a number" in err


def test_export_cli_bind_num_is_exact_and_strict() -> None:
    from decimal import Decimal

    from argmap.cli.export_cmd import parse_bindings

    exact = parse_bindings([], ["x=0.1234567890123456789", "n=42", "e=1e-3"])
    assert exact == {"x": Decimal("0.1234567890123456789"), "n": 42, "e": Decimal("0.001")}
    for bad in ("1_000", "٣", "nan", "inf", "0x10", ""):
        with pytest.raises(ArgmapError, match="not a number"):
            parse_bindings([], [f"x={bad}"])
    with pytest.raises(ArgmapError, match="bound twice"):
        parse_bindings(["x=a"], ["x=1"])
