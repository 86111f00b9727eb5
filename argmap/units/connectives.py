"""Connectives that open a unit and say how it relates to the one before: reason, conclusion,
summary, contrast, addition, numbered points, example.

Split out of :mod:`argmap.units.cues` (which re-exports every name here) so that the plain
discourse markers sit apart from the cues of whose view a unit states. The phrases are the
lexicon's ``connective.*`` lists (``argmap/lang/en/lexicon.json``).
"""

from __future__ import annotations

import re

from argmap.lang import opening

REASON_LEAD = opening("connective.reason")
CONCLUSION_LEAD = opening("connective.conclusion")
SUMMARY_LEAD = opening("connective.summary")
CONTRAST_LEAD = opening("connective.contrast")
ADDITION_LEAD = opening("connective.addition")
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
EXAMPLE_LEAD = opening("connective.example")
