"""Argdown: escaping keeps any claim text inside its statement, and the real Argdown parser
reads the export with the right statements and relations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_export_helpers import sample_map

from argmap.interchange.argdown import escape, title, to_argdown
from argmap.model import Claim, Document, Mention, Relation
from argmap.model.amap import ArgumentMap

ARGDOWN = Path(__file__).resolve().parent.parent / ".argdown" / "node_modules" / ".bin" / "argdown"

NASTY = (
    "[x]: <Arg> + - #tag @[y] {a: 1} // not a comment /* nor this */ "
    "http://example.org 'q' \"qq\" \\ <script>alert(1)</script> *b* _i_ ==\n  + [z]"
)


def test_export_argdown_escape_collapses_lines_and_escapes_punctuation() -> None:
    out = escape("a [b]\n  + <c> ü")
    assert "\n" not in out
    assert out == "a \\[b\\] \\+ \\<c\\> ü"
    assert title("c12ab") == "c12ab"
    assert title("x y]") != "x y]" and title("x y]").isalnum()


def test_export_argdown_nests_pros_and_cons_under_their_target() -> None:
    text = to_argdown(sample_map())
    block = text.split("[c_main]: ", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block[1:] == ["  + [c_audit]", "  - [c_critics]", "  - [c_undo]"]


def _nasty_map() -> ArgumentMap:
    body = NASTY + "\nA plain second claim."
    doc = Document.create(body, source="nasty.txt")
    a = Claim("ca", NASTY, (Mention.of(doc, 0, len(NASTY)),))
    b = Claim("cb", "A plain second claim.", (Mention.of(doc, len(NASTY) + 1, len(body)),))
    return ArgumentMap([doc], [a, b], [Relation("cb", "ca", "attacks")])


def _parse(tmp_path: Path, amap: ArgumentMap) -> dict:
    if not ARGDOWN.exists() or shutil.which("node") is None:
        pytest.skip("Argdown CLI not installed (npm install --prefix .argdown @argdown/cli)")
    src = tmp_path / "map.argdown"
    src.write_text(to_argdown(amap), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(ARGDOWN), "json", str(src), str(out)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Invalid Argdown" not in proc.stdout + proc.stderr
    return json.loads((out / "map.json").read_text(encoding="utf-8"))


def _statement_texts(data: dict) -> dict[str, str]:
    out = {}
    for t, s in data["statements"].items():
        texts = [m["text"] for m in s["members"] if m.get("text", "").strip()]
        out[t] = texts[0] if texts else ""
    return out


def test_export_argdown_parser_reads_statements_and_relations(tmp_path: Path) -> None:
    amap = sample_map()
    data = _parse(tmp_path, amap)
    texts = _statement_texts(data)
    assert texts == {title(c.id): " ".join(c.text.split()) for c in amap.claims()}
    got = sorted((r["from"], r["relationType"], r["to"]) for r in data["relations"])
    want = sorted(
        (r.source, {"supports": "support", "attacks": "attack"}[r.type], r.target)
        for r in amap.relations
    )
    assert got == want
    for kind, n in (("support", 1), ("attack", 3)):
        assert sum(r["relationType"] == kind for r in data["relations"]) == n
    assert data["arguments"] == {}


def test_export_argdown_parser_keeps_hostile_text_inside_its_statement(tmp_path: Path) -> None:
    data = _parse(tmp_path, _nasty_map())
    texts = _statement_texts(data)
    assert set(texts) == {"ca", "cb"}
    assert texts["ca"] == " ".join(NASTY.split())
    assert [(r["from"], r["relationType"], r["to"]) for r in data["relations"]] == [
        ("cb", "attack", "ca")
    ]
    assert not data.get("tags")
