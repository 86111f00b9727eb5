"""One reader per file kind. Each returns (raw text, title, media type) or raises IngestError."""

from __future__ import annotations

import json
import logging
import re
import stat
import subprocess
import sys
from pathlib import Path

from argmap.errors import IngestError
from argmap.ingest.decode import decode_bytes
from argmap.ingest.html import html_to_text

_log = logging.getLogger("argmap.ingest")

SUPPORTED = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}


def media_type_of(path: Path) -> str | None:
    return SUPPORTED.get(path.suffix.lower())


READER_WARNINGS = "reader_warnings"
"""Metadata key a reader uses to hand on what its parser warned about."""

PDF_SECONDS = 60.0
"""Time budget for reading one PDF; a file that overruns is named and skipped."""


def read_pdf(data: bytes, source: str, seconds: float | None = None) -> tuple[str, str, str]:
    """The text and title of a PDF, read in a child process that is stopped after ``seconds``
    (see ``pdf_worker``). Returns (text, title, warnings): pypdf's warnings come back to be
    named with the file, never printed without it."""
    if not data.startswith(b"%PDF"):
        raise IngestError(source, "not a PDF file (no %PDF header)")
    seconds = PDF_SECONDS if seconds is None else seconds
    worker = Path(__file__).with_name("pdf_worker.py")
    try:
        done = subprocess.run(
            [sys.executable, str(worker)],
            input=data,
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as e:  # run() has killed the child
        raise IngestError(source, f"PDF took longer than {seconds:g} s to read; skipped") from e
    try:
        out = json.loads(done.stdout)
    except ValueError:
        why = "ran out of memory" if done.returncode < 0 or not done.stdout else "failed"
        raise IngestError(source, f"unreadable PDF (the reader {why})") from None
    for w in out.get("warnings", []):
        _log.warning("%s: %s", source, w)
    warned = "; ".join(out.get("warnings", []))
    if out.get("error"):
        raise IngestError(source, out["error"])
    text = "\n\n".join(p.strip() for p in out["pages"])
    if not text.strip():
        raise IngestError(source, "PDF has no text layer (scanned images need OCR first)")
    return _unwrap_pdf_lines(text), out.get("title", ""), warned


def _unwrap_pdf_lines(text: str) -> str:
    """PDF text arrives hard-wrapped: join the lines of a paragraph, and start a new line where
    a paragraph ends (a short line closing a sentence) or a heading stands alone (a short line
    with no closing punctuation)."""
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        width = max(len(ln) for ln in lines)
        buf: list[str] = []
        for ln in lines:
            if len(ln) < 0.6 * width and not ln.endswith((".", ",", ";", ":", "-")):
                if buf:
                    out.append(" ".join(buf))
                    buf = []
                out.append(ln)  # a heading or a short closing line stands alone
                continue
            prev = buf[-1] if buf else ""
            ends_paragraph = (
                prev.endswith((".", "!", "?", ":", '"', "”")) and len(prev) < 0.8 * width
            )
            if buf and (ends_paragraph or ln[:1] in "•*-"):
                out.append(" ".join(buf))
                buf = []
            buf.append(ln.lstrip("•").strip())
        if buf:
            out.append(" ".join(buf))
        out.append("")
    return "\n".join(out)


MAX_FILE_BYTES = 64 * 2**20  # one source document; a larger file is almost surely not one


def read_file(path: Path) -> tuple[str, str, str, dict[str, str]]:
    """Read ``path``; return (text, title, media type, metadata). Text is not yet cleaned."""
    source = str(path)
    if media_type_of(path) is None:
        raise IngestError(
            source,
            f"unsupported file type '{path.suffix or '(none)'}'; "
            f"argmap reads {', '.join(sorted(SUPPORTED))}",
        )
    try:
        # a symlink to /dev/zero or a named pipe would be read forever: regular files only,
        # and never more than the limit, even if the file grows while it is read
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(source, "not a regular file (a device, pipe or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise IngestError(source, f"larger than the {MAX_FILE_BYTES // 2**20} MB limit")
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as e:
        raise IngestError(source, f"cannot read file ({e.strerror or e})") from e
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(source, f"larger than the {MAX_FILE_BYTES // 2**20} MB limit")
    return read_bytes(data, source)


def read_bytes(data: bytes, source: str) -> tuple[str, str, str, dict[str, str]]:
    """Read a file's bytes, its kind taken from the name in ``source`` (uploads use this)."""
    media = media_type_of(Path(source))
    if media is None:
        raise IngestError(
            source,
            f"unsupported file type '{Path(source).suffix or '(none)'}'; "
            f"argmap reads {', '.join(sorted(SUPPORTED))}",
        )
    if len(data) > MAX_FILE_BYTES:  # uploads come here without a stat
        raise IngestError(source, f"larger than the {MAX_FILE_BYTES // 2**20} MB limit")
    if not data.strip():
        raise IngestError(source, "empty file")
    meta: dict[str, str] = {}
    if media == "application/pdf":
        text, title, warned = read_pdf(data, source)
        if warned:
            meta[READER_WARNINGS] = warned
        return text, title, media, meta
    text, encoding = decode_bytes(data, source)
    meta["encoding"] = encoding
    title = ""
    if media == "text/html":
        text, title = html_to_text(text)
        if not text.strip():
            raise IngestError(source, "HTML page holds no readable text")
    elif media == "text/markdown":
        m = re.search(r"^\s{0,3}#\s+(.+)$", text, re.M)
        title = m.group(1).strip() if m else ""
    return text, title, media, meta
