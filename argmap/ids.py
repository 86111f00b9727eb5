"""Content-hash ids: re-running the same input gives the same ids, in every export."""

from __future__ import annotations

import hashlib


def digest(*parts: str, size: int = 16) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


def document_id(text: str) -> str:
    return "d" + digest(text)


def claim_id(document: str, start: int, end: int) -> str:
    return "c" + digest(document, str(start), str(end))
