"""Word lists as data: ``argmap/lang/<language>/*.json``, read once, shared by every stage that
needs them, so a list is changed in one place and a reader sees all of them together."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def words(name: str, language: str = "en") -> frozenset[str]:
    """The word list ``name`` of ``function_words.json`` (``function``, ``stop``, ``dangling``,
    ``negation``). A list that ``adds_to`` another holds only its own words, so a word shared by
    two lists is written once."""
    entry = _table(language)[name]
    base = words(entry["adds_to"], language) if "adds_to" in entry else frozenset()
    return base | frozenset(entry["words"])


@cache
def _table(language: str) -> dict:
    return json.loads((_HERE / language / "function_words.json").read_text(encoding="utf-8"))
