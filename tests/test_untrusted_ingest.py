"""Issue 19: small hostile inputs must not take minutes, and text must not vanish silently.

Each input here once hung, aborted or lost text. The time guards are generous ceilings that
fail a hang (the old code took 39-100 s, 72 s, 420 s), not speed targets; speed is printed by
``bench/ingest_scale.py``.
"""

from __future__ import annotations

import logging
import random
import signal
import sys
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest

from argmap.errors import IngestError
from argmap.ingest import collect_files, document_from_text, load_document, load_documents
from argmap.ingest.decode import decode_bytes
from argmap.ingest.html import html_to_text
from argmap.units.segment import MAX_SENTENCE_CHARS, segment


@contextmanager
def at_most(seconds: int):
    """Fail (not hang) when the block runs past ``seconds``."""

    def stop(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _word(rng: random.Random) -> str:
    w = "".join(rng.choice("bdfgklmnprst") + rng.choice("aeiou") for _ in range(rng.randint(1, 4)))
    return w.capitalize() if rng.random() < 0.3 else w


def test_twenty_thousand_short_lines_are_cleaned_in_linear_time_and_buttons_still_go():
    rng = random.Random(3)
    lines = []
    for i in range(20_000):
        lines.append(" ".join(_word(rng) for _ in range(rng.randint(3, 6))).capitalize() + ".")
        if i % 500 == 0:
            lines[-1] += " Share this post"  # the same button glued to many lines
    with at_most(30):
        doc, _ = document_from_text("\n".join(lines), "lines.txt")
    assert "Share this post" not in doc.text
    assert lines[1] in doc.text


def test_one_long_unpunctuated_line_is_bounded():
    rng = random.Random(5)
    text = " ".join(_word(rng) for _ in range(150_000)) + " end of the line."  # ~1 MB
    with at_most(60):
        doc, _ = document_from_text(text, "line.txt")
        units = segment(doc.text)
    assert units and max(u.end - u.start for u in units) <= MAX_SENTENCE_CHARS
    assert all(doc.text[u.start : u.end] == doc.text[u.start : u.end].strip() for u in units)


def _pdf(content: bytes) -> bytes:
    stream = zlib.compress(content, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _bomb() -> bytes:
    """About 60 KB that inflates to a 26 MB content stream."""
    return _pdf(b"BT /F1 12 Tf 72 712 Td " + b"(open) Tj 1 0 Td " * 1_500_000 + b"ET")


def test_a_pdf_that_overruns_its_time_budget_is_named_and_the_build_goes_on(
    tmp_path: Path, monkeypatch
):
    from argmap.ingest import readers

    monkeypatch.setattr(readers, "PDF_SECONDS", 0.5)
    (tmp_path / "bomb.pdf").write_bytes(_bomb())
    (tmp_path / "note.txt").write_text("Open models help research. Anyone can check them.\n")
    with at_most(20):
        result = load_documents([tmp_path])
    assert [Path(d.source).name for d in result.documents] == ["note.txt"]
    (problem,) = result.errors
    assert problem.source.endswith("bomb.pdf") and "longer than 0.5 s" in problem.reason


def test_pypdf_warnings_are_named_with_the_file(tmp_path: Path, caplog):
    lines = [b"Open models let anyone check the code.", b"That openness helps research a lot."]
    words = b" ".join(b"(%s) Tj 0 -14 Td" % ln for ln in lines)
    data = _pdf(b"BT /F1 12 Tf 72 712 Td " + words + b" ET")
    at = data.index(b"startxref\n") + 10
    skewed = tmp_path / "skewed.pdf"
    skewed.write_bytes(data[:at] + b"9" + data[at:])  # a wrong xref offset: pypdf warns, reads on
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data.replace(b"%%EOF", b""))  # no EOF marker: pypdf warns, then gives up
    with caplog.at_level(logging.WARNING, logger="argmap.ingest"):
        doc, warnings = load_document(skewed)
        with pytest.raises(IngestError, match="unreadable PDF") as e:
            load_document(cut)
    assert "models" in doc.text
    assert any(w.source.endswith("skewed.pdf") and "startxref" in w.reason for w in warnings)
    assert str(cut) in str(e.value)
    messages = [r.getMessage() for r in caplog.records]
    assert any("EOF marker" in m for m in messages)
    assert all(m.startswith((str(cut), str(skewed))) for m in messages)


def test_a_refrain_inside_prose_is_kept():
    text = (
        "Open models matter for science and for the public.\n\n"
        "We must keep models open, because researchers need to inspect them. "
        "We must keep models open, because small firms cannot afford licences. "
        "We must keep models open, because secrecy breeds complacency.\n\n"
        "We must keep models open. Researchers can then check the claims made for them.\n"
        "We must keep models open. Small labs cannot pay what closed vendors charge.\n"
    )
    doc, _ = document_from_text(text, "refrain.txt")
    assert doc.text.count("We must keep models open") == 5
    assert "secrecy breeds complacency" in doc.text


def test_an_unclosed_svg_does_not_swallow_the_page():
    from argmap.ingest.html import _fallback

    page = (
        "<html><body><p>The ferry is unreliable and the crossing must be rebuilt.</p>"
        '<svg viewBox="0 0 10 10"><path d="M0 0">'
        "<p>Tolls would pay for the new bridge within twenty years.</p>"
        "<div><nav>Home News Sport<p>menu text</p></div>"
        "<p>The council will vote on the plan next spring.</p></body></html>"
    )
    text, _ = _fallback(page)
    assert "within twenty years" in text and "next spring" in text
    assert "menu text" not in text  # the unclosed <nav> still ends with its parent
    assert "within twenty years" in html_to_text(page)[0]


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_decode(tmp_path: Path, enc: str):
    text = "Ferries are unreliable, so the bridge must be rebuilt — café.\r\nTolls would pay.\r\n"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(enc, b"")
    data = bom + text.encode(enc)
    decoded, _ = decode_bytes(data, "note.txt")
    assert decoded == text
    (tmp_path / "note.txt").write_bytes(data)
    doc, warnings = load_document(tmp_path / "note.txt")
    assert "café" in doc.text and not warnings


def test_binary_behind_a_bom_is_still_binary():
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(b"\xff\xfe" + ("\x01\x02\x03" * 500).encode("utf-16-le"), "x.txt")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs")
def test_everything_a_folder_walk_skips_is_named(tmp_path: Path):
    import os

    (tmp_path / "a.txt").write_text("The bridge must be rebuilt for the town.\n")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "_draft.txt").write_text("x")
    (tmp_path / "_notes").mkdir()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.docx").write_text("x")
    (tmp_path / "c.docx").write_text("x")
    (tmp_path / "d.csv").write_text("x")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret")
    (tmp_path / "out.txt").symlink_to(outside)
    (tmp_path / "in.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "loop").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    files, problems = collect_files([tmp_path])
    assert sorted(f.name for f in files) == ["a.txt", "in.txt"]
    why = {Path(p.source.split(" and ")[0]).name: p.reason for p in problems}
    assert "hidden" in why[".hidden.txt"] and "hidden" in why["_draft.txt"]
    assert "hidden" in why["_notes"]
    assert "outside" in why["out.txt"]
    assert "not followed" in why["loop"]
    assert "regular" in why["pipe.txt"]
    docx = [p for p in problems if "'.docx'" in p.reason]
    assert len(docx) == 1 and docx[0].reason.startswith("2 file(s)")
    assert any("'.csv'" in p.reason for p in problems)


def test_an_upload_over_the_size_limit_is_refused_by_name(monkeypatch):
    from argmap.ingest import load_bytes, readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1000)
    with pytest.raises(IngestError, match="limit") as e:
        load_bytes(b"Open models help research. " * 100, "big.txt")
    assert e.value.source == "big.txt"
    doc, _ = load_bytes(b"Open models help research. Anyone can check them.", "small.txt")
    assert "research" in doc.text
