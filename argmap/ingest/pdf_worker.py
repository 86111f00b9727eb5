"""Read one PDF's text in a process of its own, so a hostile file can be stopped.

A small PDF can inflate to gigabytes or make text extraction run for minutes, and a thread in
the build cannot be interrupted. The reader therefore runs this file as a child process
(``python pdf_worker.py``, never importing argmap itself), sends the bytes on stdin and
waits at most the time budget; the child caps its own memory. What pypdf warns about comes
back as text, so the caller can name the file it is about.
"""

from __future__ import annotations

import io
import json
import logging
import sys

MEMORY_LIMIT = 2 * 2**30


def extract(data: bytes) -> dict:
    from pypdf import PdfReader

    warnings: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            msg = record.getMessage()
            if msg not in warnings and len(warnings) < 20:
                warnings.append(msg[:200])

    log = logging.getLogger("pypdf")
    log.addHandler(Keep(logging.WARNING))
    log.propagate = False
    out: dict = {"pages": [], "title": "", "warnings": warnings, "error": ""}
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                out["error"] = "encrypted PDF"
                return out
        out["pages"] = [page.extract_text() or "" for page in reader.pages]
    except MemoryError:
        out["error"] = f"PDF needs more than {MEMORY_LIMIT // 2**20} MB to read"
        return out
    except Exception as e:  # any parser failure is the file's, named by the caller
        out["error"] = f"unreadable PDF ({type(e).__name__}: {str(e)[:200]})"
        return out
    try:  # a broken info dictionary costs the title, never the text
        meta = reader.metadata
        out["title"] = str(meta.title) if meta is not None and meta.title else ""
    except Exception:
        out["title"] = ""
    return out


def main() -> int:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):  # not on this platform: the time budget remains
        pass
    data = sys.stdin.buffer.read()
    try:
        result = extract(data)
    except MemoryError:
        result = {"pages": [], "title": "", "warnings": [], "error": "PDF too large to read"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
