"""The English lexicon as data: ``argmap/lang/<language>/lexicon.json``, read once and shared by
every stage that needs a word list (segmentation, cues, dedup's propositions, the polarity
rules and the judge's features), so a list is changed in one place and a reader sees them all.

Each list says why it is there, who reads it, and how its entries match (``kind``); each entry
names the project text that shows it at work (``from`` and ``quote``; see
:mod:`argmap.lang.sources`, which checks them).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent

KINDS = ("words", "phrases", "starts", "contains", "alternation", "pairs", "prefixes", "suffixes")
"""How a list's entries are read: ``words`` and ``phrases`` as sets of tokens or strings;
``starts`` at the opening of a unit and ``contains`` anywhere in it (both word-bounded, longest
first); ``alternation`` as one regex group in the list's order; ``pairs`` two words each;
``prefixes`` and ``suffixes`` as pieces of words."""


@cache
def lexicon(language: str = "en") -> dict[str, dict[str, Any]]:
    """Every list of the language, by name."""
    path = _HERE / language / "lexicon.json"
    lists: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["lists"]
    for name, entry in lists.items():
        if entry.get("kind") not in KINDS:
            raise ValueError(f"{path}: list {name!r} has kind {entry.get('kind')!r}")
    return lists


@cache
def phrases(name: str, language: str = "en") -> tuple[str, ...]:
    """The texts of list ``name`` in the file's order (a list that ``adds_to`` another follows
    it)."""
    entry = lexicon(language)[name]
    base = phrases(entry["adds_to"], language) if "adds_to" in entry else ()
    own = tuple(e["text"] for e in entry["entries"])
    return base + tuple(t for t in own if t not in base)


@cache
def words(name: str, language: str = "en") -> frozenset[str]:
    """List ``name`` as a set. A list that ``adds_to`` another holds only its own words, so a
    word shared by two lists is written once."""
    return frozenset(phrases(name, language))


@cache
def pairs(name: str, language: str = "en") -> tuple[tuple[str, str], ...]:
    return tuple((e["pair"][0], e["pair"][1]) for e in lexicon(language)[name]["entries"])


def _escaped(text: str) -> str:
    return re.escape(text).replace(r"\ ", r"\s+")


def not_followed_by(after: list[str] | None) -> str:
    """A lookahead that refuses the words ``after`` next ("as", not "as long")."""
    return rf"(?!\s+(?:{'|'.join(after)})\b)" if after else ""


@cache
def alternation(name: str, language: str = "en") -> str:
    """List ``name`` as one regex group, ``(?:a|b|c)``, in the file's order; an entry's
    ``not_before`` words, and the list's, are ones it must not be followed by ("as" but not
    "as long as")."""
    entry = lexicon(language)[name]
    alts = "|".join(
        _escaped(e["text"]) + not_followed_by(e.get("not_before")) for e in entry["entries"]
    )
    return f"(?:{alts}){not_followed_by(entry.get('not_before'))}"


def bounded(text: str) -> str:
    """``text`` as a regex that ends at a word's end: "true," and "e.g." end in their
    punctuation, which no word boundary follows."""
    return _escaped(text) + (r"\b" if text[-1:].isalnum() else "")


def _longest_first(name: str, language: str) -> str:
    return "|".join(bounded(p) for p in sorted(phrases(name, language), key=len, reverse=True))


@cache
def opening(name: str, language: str = "en") -> re.Pattern[str]:
    """A unit that opens with one of list ``name``'s phrases (word-bounded, any case)."""
    return re.compile(rf"^\W*(?:{_longest_first(name, language)})", re.I)


@cache
def anywhere(name: str, language: str = "en") -> re.Pattern[str]:
    """One of list ``name``'s phrases anywhere in a unit (word-bounded, any case)."""
    return re.compile(rf"\b(?:{_longest_first(name, language)})", re.I)
