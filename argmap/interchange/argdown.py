"""Argdown (https://argdown.org): the map as text people can read, edit and render.

Each claim is a top-level statement ``[title]: text``; under it, indented, come the claims that
support it (``+ [title]``) and attack it (``- [title]``). Titles are claim ids, so they are unique
and stable. Claim text is put on one line and every ASCII punctuation character is
backslash-escaped: Argdown reads ``\\x`` as a literal ``x``, so no claim text (brackets, ``<tag>``,
``#``, ``//``, ``+``/``-`` at a line start) can open a relation, tag, link or comment.
"""

from __future__ import annotations

import re
import string

from argmap.ids import digest
from argmap.model.amap import ArgumentMap

_PUNCT = frozenset(string.punctuation)
_SAFE_TITLE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


def escape(text: str) -> str:
    """One line of Argdown text that reads back as ``text`` with its whitespace collapsed."""
    flat = " ".join(text.split())
    return "".join("\\" + ch if ch in _PUNCT else ch for ch in flat)


def title(claim_id: str) -> str:
    """The statement title for a claim: its id when that is a plain word, else a digest of it."""
    return claim_id if _SAFE_TITLE.match(claim_id) else "c" + digest(claim_id)


def _debate(amap: ArgumentMap) -> list[str]:
    """The question as the top statement, the key points as its pros (+) and cons (-)."""
    q = (amap.metadata.get("question") or {}).get("text")
    if not q:
        return []
    lines = [f"[{QUESTION_TITLE}]: {escape(str(q))}"]
    kps = [k for k in amap.key_points or [] if k.side in ("pro", "con")]
    for k in kps:
        sign = "+" if k.side == "pro" else "-"
        lines.append(f"  {sign} [{title(k.id)}]: {escape(k.label)}")
    lines.append("")
    for k in kps:
        if k.claims:
            lines.append(f"// key point {title(k.id)}: claims " + ", ".join(map(title, k.claims)))
    return lines + [""] if kps else lines


QUESTION_TITLE = "Question"


def to_argdown(amap: ArgumentMap) -> str:
    """The whole map as an Argdown document.

    Relations from a claim to itself are left out: Argdown cannot express them usefully.
    """
    incoming: dict[str, list[tuple[str, str]]] = {}
    for r in amap.relations:
        if r.source == r.target:
            continue
        incoming.setdefault(r.target, []).append(("+" if r.type == "supports" else "-", r.source))
    lines = ["// argmap export: one statement per claim; + supports it, - attacks it", ""]
    lines += _debate(amap)
    for c in amap.claims_by_id.values():
        lines.append(f"[{title(c.id)}]: {escape(c.text)}")
        for sign, src in incoming.get(c.id, []):
            lines.append(f"  {sign} [{title(src)}]")
        lines.append("")
    return "\n".join(lines)
