"""Content-hash ids: re-running the same input gives the same ids, in every export. Also the
project's split of its corpora by topic, a hash of the same kind."""

from __future__ import annotations

import hashlib
import zlib


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


HELD_OUT_SHARE = 5  # one topic in five is held out


def held_out_topic(topic: str) -> bool:
    """The project's split: a whole topic is held out, so a model is judged on subjects it never
    read about. crc32, not ``hash``, so the split is the same in every process and release."""
    return zlib.crc32(topic.encode("utf-8")) % HELD_OUT_SHARE == 0
