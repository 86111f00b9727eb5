"""A model's quotes back to offsets: locating each quoted claim in the document (a quote is never
trusted), and cutting long documents into chunks of whole paragraphs to send."""

from __future__ import annotations

import re

from argmap.units.segment import trim_span

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2032": "'",
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs as one space, lower case and straight quotes, and for each of its
    characters the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        c = ch.translate(_QUOTES)
        low = c.lower()
        out.append(low if len(low) == 1 else c)
        index.append(i)
    return "".join(out), index


_EDGE = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb `"


def _variants(quote: str) -> list[str]:
    q = quote.strip()
    out = [q, q.strip(_EDGE).strip()]
    out.append(out[-1].rstrip(" .!?;:,").strip())
    out.append(re.sub(r"\s*(?:\.\.\.|\u2026)\s*$", "", out[1]).strip())
    seen: list[str] = []
    for v in out:
        if v and v not in seen:
            seen.append(v)
    return seen


def locate(
    text: str, quote: str, start: int = 0, end: int | None = None, hint: int | None = None
) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text[start:end]``: exactly first, then ignoring whitespace,
    case and quote-mark differences. A match at or after ``hint`` is preferred, so a phrase the
    text repeats maps to the occurrence in reading order. ``None`` when it is not there."""
    end = len(text) if end is None else end
    hint = start if hint is None else max(start, min(hint, end))
    variants = _variants(quote)
    for v in variants:
        for lo in (hint, start):
            i = text.find(v, lo, end)
            if i >= 0:
                return i, i + len(v)
    norm, index = _normalise(text[start:end])
    rel_hint = next((k for k, j in enumerate(index) if j >= hint - start), len(norm))
    for v in variants:
        nq = _normalise(v)[0].strip()
        if not nq:
            continue
        for lo in (rel_hint, 0):
            k = norm.find(nq, lo)
            if k >= 0:
                return start + index[k], start + index[k + len(nq) - 1] + 1
    return None


def paragraph_chunks(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Spans of whole paragraphs, each at most ``max_chars`` where paragraphs allow; a paragraph
    longer than that is cut at sentence ends (or, failing those, at a space)."""
    paras: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    pieces: list[tuple[int, int]] = []
    for s, e in paras:
        s, e = trim_span(text, s, e)
        while e - s > max_chars:
            window = text[s : s + max_chars]
            cut = max(
                window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n")
            )
            if cut < max_chars // 3:
                cut = window.rfind(" ")
            if cut < max_chars // 3:
                cut = max_chars - 1
            pieces.append(trim_span(text, s, s + cut + 1))
            s, e = trim_span(text, s + cut + 1, e)
        if e > s:
            pieces.append((s, e))
    chunks: list[tuple[int, int]] = []
    for s, e in pieces:
        if chunks and e - chunks[-1][0] <= max_chars:
            chunks[-1] = (chunks[-1][0], e)
        else:
            chunks.append((s, e))
    return chunks
