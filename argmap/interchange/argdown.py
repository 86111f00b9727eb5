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
from collections.abc import Mapping
from typing import Any

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

    Relations from a claim to itself are left out: Argdown cannot express them usefully. A map
    read from Argdown is written with its own titles, tags, arguments and relation ends.
    """
    kept = amap.metadata.get("argdown")
    if isinstance(kept, Mapping) and isinstance(kept.get("arguments"), list):
        return _as_read(amap, kept)
    incoming: dict[str, list[tuple[str, str]]] = {}
    for r in amap.relations:
        if r.source == r.target:
            continue
        sign = "+" if r.type == "supports" else "_" if r.inference else "-"
        incoming.setdefault(r.target, []).append((sign, r.source))
    lines = ["// argmap export: one statement per claim; + supports it, - attacks it", ""]
    lines += _debate(amap)
    for c in amap.claims_by_id.values():
        lines.append(f"[{title(c.id)}]: {escape(c.text)}")
        for sign, src in incoming.get(c.id, []):
            lines.append(f"  {sign} [{title(src)}]")
        lines.append("")
    return "\n".join(lines)


_TITLE_OK = re.compile(r"[^\[\]<>\n]+\Z")
_TAG_OK = re.compile(r"[\w-]+\Z")


def _tags(tags: Any) -> str:
    out = []
    for t in tags or []:
        t = " ".join(str(t).split())
        if _TAG_OK.match(t):
            out.append(f"#{t}")
        elif t and "(" not in t and ")" not in t:
            out.append(f"#({t})")
    return (" " + " ".join(out)) if out else ""


def _as_read(amap: ArgumentMap, kept: Mapping[str, Any]) -> str:
    """An Argdown-read map: statements, arguments with their structure, relations by their
    original ends (statement or argument); relations added in argmap between statements."""
    claims = amap.claims_by_id
    names: dict[str, str] = {}
    used: set[str] = set()
    for c in claims.values():
        t = str((c.metadata or {}).get("argdown_title") or "")
        t = t if _TITLE_OK.match(t) and t.strip() == t and t not in used else title(c.id)
        names[c.id] = t
        used.add(t)

    def ref(cid: str) -> str:
        kind = (claims[cid].metadata or {}).get("argdown_kind")
        return f"<{names[cid]}>" if kind == "argument" else f"[{names[cid]}]"

    lines = ["// argmap export of an Argdown file", ""]
    for c in claims.values():
        meta = c.metadata or {}
        head = ref(c.id)
        lines += [f"{head}: {escape(c.text)}{_tags(meta.get('tags'))}", ""]
    signs = {"support": "+", "entails": "+", "attack": "-", "undercut": "_"}
    present = {r.key for r in amap.relations}
    covered: set[tuple[str, str, str]] = set()
    by_target: dict[str, list[str]] = {}
    for e in kept.get("relations", []):
        keys = [tuple(k) for k in e.get("relations", [])]
        if not keys or not all(k in present for k in keys):
            continue
        covered.update(keys)  # type: ignore[arg-type]
        kind = str(e.get("relationType"))
        frm, to = str(e.get("from")), str(e.get("to"))
        if not (_TITLE_OK.match(frm) and _TITLE_OK.match(to)):
            continue
        wrap = {"argument": "<{}>", "inference": "<{}>"}
        src = wrap.get(str(e.get("fromType")), "[{}]").format(frm)
        tgt = wrap.get(str(e.get("toType")), "[{}]").format(to)
        if kind in ("contradictory", "contrary"):  # Argdown reads these from the outer one
            by_target.setdefault(src, []).append(f"  >< {tgt}")
            continue
        by_target.setdefault(tgt, []).append(f"  {signs.get(kind, '-')} {src}")
    for r in amap.relations:
        if r.key in covered or r.rule == "argdown-pcs" or r.source == r.target:
            continue
        sign = "+" if r.type == "supports" else "_" if r.inference else "-"
        by_target.setdefault(ref(r.target), []).append(f"  {sign} {ref(r.source)}")
    for tgt, rows in by_target.items():
        lines += [tgt, *rows, ""]
    # arguments after the relations: Argdown reads an undercut written under a statement
    # that an argument defined above it concludes as an undercut of that argument
    for a in kept.get("arguments", []):
        pcs = [p for p in a.get("pcs", []) if p.get("key") in claims]
        if not isinstance(a, Mapping) or not pcs or a.get("claim"):
            continue
        name = str(a.get("title", ""))
        if not _TITLE_OK.match(name):
            continue
        desc = str(a.get("description") or "")
        lines.append(f"<{name}>" + (f": {escape(desc)}" if desc else "") + _tags(a.get("tags")))
        lines.append("")
        for i, p in enumerate(pcs, 1):
            if p.get("role") != "premise":
                rules = [escape(str(r)) for r in p.get("rules", [])]
                lines += ["--", ", ".join(rules), "--"] if rules else ["----"]
            lines.append(f"({i}) [{names[p['key']]}]")
        lines.append("")
    return "\n".join(lines)
