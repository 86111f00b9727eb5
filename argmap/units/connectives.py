"""Connectives that open a unit and say how it relates to the one before: reason, conclusion,
summary, contrast, addition, numbered points, example.

Split out of :mod:`argmap.units.cues` (which re-exports every name here) so that the plain
discourse markers sit apart from the cues of whose view a unit states.
"""

from __future__ import annotations

import re


def _starts(*phrases: str) -> re.Pattern[str]:
    alts = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"^\W*(?:{alts})\b", re.I)


def _contains(*phrases: str) -> re.Pattern[str]:
    alts = "|".join(p.replace(" ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b", re.I)


REASON_LEAD = _starts(
    "because",
    "since",
    "as",
    "for",
    "given that",
    "this is because",
    "that is because",
    "the reason is",
    "after all",
    "due to",
)
CONCLUSION_LEAD = _starts(
    "therefore",
    "thus",
    "hence",
    "so",
    "consequently",
    "accordingly",
    "as a result",
    "that is why",
    "this is why",
    "which is why",
    "in conclusion",
    "to conclude",
    "overall",
    "all in all",
    "in sum",
    "to sum up",
    "in short",
    "ultimately",
    "for these reasons",
    "for all these reasons",
    "all things considered",
    "in the end",
    "and therefore",
    "and so",
    "and thus",
    "and consequently",
    "and hence",
)
SUMMARY_LEAD = _starts(
    "in conclusion",
    "to conclude",
    "overall",
    "all in all",
    "in sum",
    "to sum up",
    "in short",
    "ultimately",
    "for these reasons",
    "for all these reasons",
    "all things considered",
    "in the end",
    "therefore",
    "thus",
    "hence",
    "consequently",
)
CONTRAST_LEAD = _starts(
    "but",
    "however",
    "yet",
    "nevertheless",
    "nonetheless",
    "still",
    "on the other hand",
    "that said",
    "that being said",
    "having said that",
    "with that said",
    "even so",
    "then again",
    "in fact",
    "actually",
    "on the contrary",
    "instead",
    "rather",
    "whereas",
    "and yet",
    "all the same",
    "regardless",
    "despite this",
    "despite that",
    "in spite of this",
    "but then",
    "though",
)
ADDITION_LEAD = _starts(
    "also",
    "furthermore",
    "moreover",
    "additionally",
    "in addition",
    "besides",
    "what is more",
    "further",
    "first",
    "firstly",
    "second",
    "secondly",
    "third",
    "thirdly",
    "finally",
    "lastly",
    "another",
    "plus",
    "not only",
    "and",
    "on top of that",
    "equally",
    "likewise",
    "similarly",
    "last but not least",
    "to begin with",
    "for one",
)
# Numbered points: an ordinal opens one only as a sentence adverb ("First, ...", "Secondly
# ..."), never as an adjective ("First-time buyers", "Second-hand", "Third-party", "First Minister")
LIST_OPENER = re.compile(
    r"^\W*(?:and\s+)?(?:first(?:ly)?\s*,|firstly\b|first of all\b|to begin with\b|"
    r"in the first place\b)",
    re.I,
)
LIST_ITEM = re.compile(
    r"^\W*(?:and\s+)?(?:(?:second|third|fourth|fifth)(?:ly)?\s*,|(?:second|third|fourth|fifth)ly\b|"
    r"finally\b|lastly\b|last but not least\b)",
    re.I,
)
EXAMPLE_LEAD = _starts(
    "for example",
    "for instance",
    "e.g.",
    "such as",
    "in particular",
    "take",
    "consider",
    "look at",
    "just look",
    "as an example",
    "to illustrate",
    "one example",
    "an example",
)
