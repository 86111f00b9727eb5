"""Bytes to trustworthy text: encoding detection and mojibake repair.

Scraped text often went through one wrong decode (UTF-8 read as Mac Roman or cp1252) and
sometimes through a lossy one, where bytes were dropped and only stray letters of another script
remain. ftfy repairs the first kind; the second is cleaned by a script-consistency rule.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from argmap.errors import IngestError

_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32)) | {127}


# longest first: the UTF-32-LE mark begins with the UTF-16-LE one
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB: not a text file."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b in _CONTROL)
    return ctrl / len(head) > 0.05


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding name). Raises IngestError for binary data."""
    # a byte-order mark settles the encoding before any guess: UTF-16 and UTF-32 text is full
    # of NUL bytes and would otherwise look binary (a file saved by Notepad)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(enc, errors="replace")
            if sum(1 for ch in text[:8192] if ord(ch) in _CONTROL) > 0.05 * len(text[:8192]):
                raise IngestError(source, f"binary file, not text (despite a {enc} mark)")
            return text, enc if enc != "utf-8" else "utf-8-sig"
    if looks_binary(data):
        raise IngestError(source, "binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(source, "unknown text encoding (not UTF-8, and no other encoding fits)")
    return str(best), best.encoding


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "UNKNOWN"
    return name.split(" ")[0]


_LOSSY_RUN = re.compile(r"[^\x00-\x7f\u00a0-\u024f\u2000-\u206f\s]+")


def repair_text(text: str) -> tuple[str, int]:
    """Repair mojibake; return the text and how many lossy remnants were removed.

    After ftfy, a document written in Latin script that still holds short runs of Greek,
    Cyrillic or private-use characters glued to Latin words is showing the remains of a lossy
    wrong decode. A single such character between two letters stood for an apostrophe
    (``OpenAIβs``); anywhere else it stood for quotes or an emoji and is dropped.
    """
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False)
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return text, 0
    latin = sum(1 for c in letters if _script(c) == "LATIN")
    if latin / len(letters) < 0.8:
        return text, 0  # a text in another script, or a mixed one: leave it alone

    removed = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal removed
        run = m.group()
        if len(run) > 3:
            return run  # a word or more of another script: real text, not a remnant
        if any(unicodedata.category(c) == "So" for c in run) and not any(
            _script(c) in ("GREEK", "CYRILLIC", "PRIVATE") or unicodedata.category(c) == "Co"
            for c in run
        ):
            return run  # a real emoji or symbol, intact
        foreign = [c for c in run if c.isalpha() or unicodedata.category(c) in ("Co", "Sc")]
        if not foreign:
            return run
        removed += 1
        s, e = m.start(), m.end()
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        if len(run) == 1 and before.isalpha() and after.isalpha():
            return "\u2019"
        return ""

    out = _LOSSY_RUN.sub(fix, text)
    return out, removed


_MOJIBAKE = re.compile(r"(Ã[\x80-\xbf\u0080-\u00ff]|â€|Â[\u00a0-\u00bf]|‚Ä|√©|Ã©|ï»¿|\ufffd)")


def has_mojibake(text: str) -> bool:
    """True when a well-known mojibake sequence is still present."""
    return bool(_MOJIBAKE.search(text))
