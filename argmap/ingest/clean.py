"""Turn decoded text into the stored document text: repaired, de-chromed, whitespace-normalised.

The stored text is what every mention points into, so all cleaning happens here, before
segmentation, and nothing downstream rewrites characters.
"""

from __future__ import annotations

import re

from argmap.ingest import boilerplate as bp
from argmap.units.segment import split_sentences

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(?<![\w*])(\*\*|__|\*)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_LEAD = re.compile(r"^\s{0,3}(#{1,6}\s+|[*+\-]\s+)")
# ">" quoting a line of the message a reply answers stays in the text: whose words a line holds
# is part of what it says (the discourse units read it, and start after it).
_MD_QUOTE = re.compile(r"^\s{0,3}((?:>\s*)+)")


def normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip("\n")


def strip_light_markup(text: str) -> str:
    """Markdown-style markers (headings, bullets, emphasis, links) that plain text often carries."""
    lines = []
    for ln in text.split("\n"):
        ln = _MD_LINK.sub(r"\1", ln)
        quote = _MD_QUOTE.match(ln)
        if quote:
            ln = ln[: quote.end()] + _MD_LEAD.sub("", ln[quote.end() :])
        else:
            ln = _MD_LEAD.sub("", ln)
        ln = _MD_EMPH.sub(r"\2", ln)  # only paired markers: "x = 2*3" and "__init" stay
        lines.append(ln)
    return "\n".join(lines)


def remove_chrome(text: str) -> tuple[str, int]:
    """Apply the boilerplate rules; return the kept text and how many pieces were dropped."""
    cut = bp.footer_start(text)
    dropped = 0
    if cut is not None:
        dropped += 1
        text = text[:cut]
    lines = text.split("\n")
    sentence_texts: list[list[str]] = []
    for ln in lines:
        sentence_texts.append([ln[s:e] for s, e in split_sentences(ln)])
    trimmed = [[s[bp.chrome_prefix_end(s) :] for s in sents] for sents in sentence_texts]
    all_sentences = [s for sents in trimmed for s in sents]
    tails = bp.repeated_tails(all_sentences)
    repeated = bp.repeated_fragments(all_sentences) | bp.repeated_short_lines(lines)
    kept_lines: list[str] = []
    for ln, sents in zip(lines, sentence_texts, strict=False):
        if not ln.strip():
            kept_lines.append("")
            continue
        if bp.is_chrome_line(ln) or ln.strip() in repeated:
            dropped += 1
            continue
        pieces = []
        for s in sents:
            if s.strip() in repeated or bp.word_tails(s) & tails:
                dropped += 1
                continue
            # a run of related headlines glued to the front of a sentence: keep the sentence.
            # The run is cut before the link-list test, which would otherwise take the whole
            # sentence for a list of links.
            cut_at = bp.chrome_prefix_end(s)
            if cut_at:
                dropped += 1
                s = s[cut_at:]
            if bp.is_link_list(s.split()):
                dropped += 1
                continue
            pieces.append(s.strip())
        kept = " ".join(p for p in pieces if p)
        if kept and not bp.is_chrome_line(kept):
            kept_lines.append(kept)
        elif kept:
            dropped += 1
    cut_run = bp.trailing_run_start(kept_lines)
    if cut_run is not None:
        dropped += sum(1 for ln in kept_lines[cut_run:] if ln.strip())
        kept_lines = kept_lines[:cut_run]
    return normalise_whitespace("\n".join(kept_lines)), dropped


def clean_text(text: str, markup: bool = True) -> tuple[str, dict[str, int], str]:
    """Full clean-up of plain text. Returns the text, counts of what was changed, and the
    repaired page before its chrome was removed (where a flattened headline may sit)."""
    from argmap.ingest.decode import repair_text

    page, lossy = repair_text(text)
    page = normalise_whitespace(page)
    if markup:
        page = strip_light_markup(page)
    text, dropped = remove_chrome(page)
    return text, {"mojibake_remnants_removed": lossy, "chrome_pieces_dropped": dropped}, page
