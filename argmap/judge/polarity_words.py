"""The word lists and patterns behind :mod:`argmap.judge.polarity`: negators, antonyms, figures,
stop words, endings and clause breaks.

The words are the lexicon's ``polarity.*`` lists and its ``negation`` and ``stop`` words
(``argmap/lang/en/lexicon.json``); every name here is also importable from
:mod:`argmap.judge.polarity`.
"""

from __future__ import annotations

import re

from argmap.lang import pairs, phrases, words

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_NEG = words("negation")
_ANTONYMS = list(pairs("polarity.antonyms"))
_ANT: dict[str, set[str]] = {}
for a, b in _ANTONYMS:
    _ANT.setdefault(a, set()).add(b)
    _ANT.setdefault(b, set()).add(a)

_PREFIXES = phrases("polarity.negative_prefixes")
_DIMINISH = words("polarity.diminish")

_NEGATIVE = words("polarity.negative")

# Quantities in words: "a few hundred dollars" and "a few thousand dollars" embed alike.
_NUMBER_WORDS = words("polarity.number_words")

_STOP = words("stop")

_ENDINGS = sorted(phrases("polarity.endings"), key=len, reverse=True)

_CLAUSE = re.compile(r"[,;:—–()]|\s(?:but|and|which|while|whereas|because|since|than)\s", re.I)

# "it is (not) true that X", "it is not the case that X": a frame around X, not part of it
_FRAME_WORDS = words("polarity.frame_words")
