"""Word lists as data: ``argmap/lang/<language>/*.json``, read once, shared by every stage that
needs them, so a list is changed in one place and a reader sees all of them together."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@cache
def words(name: str, language: str = "en") -> frozenset[str]:
    """The word list ``name`` of ``function_words.json`` (``function``, ``stop``, ``dangling``)."""
    table = json.loads((_HERE / language / "function_words.json").read_text(encoding="utf-8"))
    return frozenset(table[name]["words"])
