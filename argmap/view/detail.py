"""One claim in words: the detail panel's data, its source passages, and text made safe.

Split out of :mod:`argmap.view.network` (which re-exports every name here): the graph page and
the Markdown/HTML shown beside it for one claim are separate jobs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim
from argmap.view.palette import doc_label, short


def claim_detail(amap: ArgumentMap, claim_id: str, context: int = 220) -> dict[str, Any]:
    """Everything the detail panel shows about one claim, as plain data.

    ``supported_by``/``attacked_by`` are the claims that argue about this one;
    ``supports``/``attacks`` the claims this one argues about. ``variants`` are the claims as
    extracted that dedup merged into this one (empty when nothing was merged), each with the
    documents it came from. ``said`` is who said the claim and when, for a dialogue imported
    from AIF (speaker, time, words); ``rephrases`` the claims another tool's file marked as a
    rephrase of this one, or that this one rephrases, kept apart to be read side by side.
    ``undercuts`` are the inferences this claim attacks, as (premise, conclusion) pairs, and
    ``undercut_by`` the claims that attack an inference from this one, as (undercutter,
    conclusion) pairs: an undercut denies that a reason supports its claim, not the claim.
    """
    c = amap.claim(claim_id)
    # stance and acceptance come from the map file: Markdown-escaped like any other text
    facts = [f"stance **{md_escape(c.stance)}**"]
    if c.side:
        facts.insert(
            0, f"side **{md_escape(c.side)}** (from {md_escape(str(c.side_source or '?'))})"
        )
    if c.acceptance:
        facts.append(f"acceptance **{md_escape(c.acceptance)}**")
    facts.append(f"confidence {c.confidence:.2f}")
    if c.strength is not None:
        facts.append(f"strength {c.strength:.2f}")
    n_docs = len(c.documents)
    facts.append(f"{n_docs} source document{'s' if n_docs != 1 else ''}")

    def out(kind: str) -> list[Claim]:
        seen: dict[str, Claim] = {}
        for r in amap.relations:
            if r.source == claim_id and r.type == kind and r.target != claim_id:
                seen.setdefault(r.target, amap.claims_by_id[r.target])
        return list(seen.values())

    names = {d.id: doc_label(d.title, d.source) for d in amap.documents.values()}
    variants = (
        [
            {
                "variant": m.text,
                "similarity": round(m.similarity, 3),
                "stance": m.stance,
                "document": ", ".join(
                    short(names.get(x.document, x.document), 60) for x in m.mentions
                ),
            }
            for m in c.members
        ]
        if len(c.members) > 1
        else []
    )
    return {
        "claim": c,
        "facts": facts,
        "passages": amap.passages(claim_id, context=context),
        "supported_by": amap.supporters(claim_id),
        "attacked_by": amap.attackers(claim_id),
        "supports": out("supports"),
        "attacks": out("attacks"),
        "variants": variants,
        "said": [
            {k: str(x.get(k, "")) for k in ("speaker", "time", "text", "illocution")}
            for x in (c.metadata or {}).get("said", [])
            if isinstance(x, Mapping)
        ],
        "rephrases": _rephrases(amap, claim_id),
        "undercuts": _undercuts(amap, claim_id),
        "undercut_by": _undercut_by(amap, claim_id),
    }


def _undercuts(amap: ArgumentMap, claim_id: str) -> list[tuple[Claim, Claim]]:
    by_id = amap.claims_by_id
    return [
        (by_id[r.inference[0]], by_id[r.inference[1]])
        for r in amap.relations
        if r.source == claim_id and r.inference and all(x in by_id for x in r.inference)
    ]


def _undercut_by(amap: ArgumentMap, claim_id: str) -> list[tuple[Claim, Claim]]:
    by_id = amap.claims_by_id
    return [
        (by_id[r.source], by_id[r.inference[1]])
        for r in amap.relations
        if r.inference
        and r.inference[0] == claim_id
        and r.source in by_id
        and r.inference[1] in by_id
    ]


def _rephrases(amap: ArgumentMap, claim_id: str) -> list[Claim]:
    out: dict[str, Claim] = {}
    for link in amap.metadata.get("rephrases", []) or []:
        if not (isinstance(link, list) and len(link) == 2 and claim_id in link):
            continue
        other = link[1] if link[0] == claim_id else link[0]
        if other in amap.claims_by_id and other != claim_id:
            out.setdefault(other, amap.claims_by_id[other])
    return list(out.values())


# ---- text for Streamlit -----------------------------------------------------------------------


def escape_text(text: str) -> str:
    """HTML-escape document text for Streamlit Markdown: ``$`` too (it would start LaTeX), and
    newlines become ``<br>`` so a blank line cannot end the HTML block and start Markdown."""
    out = html.escape(text, quote=True).replace("$", "&#36;")
    return re.sub(r"\r\n?|\n", "<br>", out)


def passage_html(passage: Mapping[str, Any], *, name: bool = True) -> str:
    """One source passage: the claim's own characters in ``<mark>``, all of it escaped.

    ``passage`` is an item of :meth:`ArgumentMap.passages`; an ellipsis shows where the
    context was cut.
    """
    before, text, after = passage["before"], passage["text"], passage["after"]
    lead = "…" if passage["start"] - len(before) > 0 else ""
    tail = "…" if after and not after.endswith(("\n", ".", "!", "?")) else ""
    body = f"{lead}{escape_text(before)}<mark>{escape_text(text)}</mark>{escape_text(after)}{tail}"
    head = ""
    if name:
        source = str(passage.get("source") or passage["document"])
        file = source.replace("\\", "/").rsplit("/", 1)[-1]
        title = doc_label(str(passage.get("title") or ""), source)
        sub = (
            f' <span style="color:#777;font-weight:400">— {escape_text(title)}</span>'
            if title != file
            else ""
        )
        head = f'<div style="font-weight:600;margin-bottom:2px">{escape_text(file)}{sub}</div>'
    return (
        '<div class="argmap-passage" style="border-left:3px solid #d8d2b8;'
        'padding:4px 10px;margin:6px 0 10px 0;line-height:1.5">'
        f"{head}{body}</div>"
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Text shown literally in a Streamlit label or Markdown line (no links, markup or LaTeX)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
