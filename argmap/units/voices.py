"""Cues of whose view a unit states: concession and objection, opinion, anecdote, negation,
the first person, and headings that name a side.

Split out of :mod:`argmap.units.cues` (which re-exports every name here) so that these phrases
sit apart from the connectives of :mod:`argmap.units.connectives`. The phrase lists are the
lexicon's ``voice.*`` and ``heading.*`` lists; the patterns that need grammar stay here.
"""

from __future__ import annotations

import re

from argmap.lang import anywhere, opening

CONCESSION_LEAD = opening("voice.concession")
CONCEDED = re.compile(
    # the author grants a point, wherever in the unit the granting is said
    r"\b(?:i(?:'|’)ll admit|i admit(?= that|,|\W*$)|i(?:'|’)ll grant|i grant(?= that|,|\W*$)|"
    r"i concede|i(?:'|’)ll concede|i(?:'|’)ll give (?:you|them|him|her|it) that|"
    r"no argument there|nobody denies|no one denies|nobody sensible denies|nobody would deny|"
    r"no one would deny|fair enough|there(?:'|’)s no denying|it(?:'|’)s true that|"
    r"that(?:'|’)s true|this is true|(?:have|has|must|got) to admit(?:\s+(?:though|however|too))?"
    r"(?= that|,|\W*$))\b"
    # "to be fair" and "on the negative side" as asides, not "exams have to be fair to all"
    r"|(?:^|[,;]\s*)\W*(?:to be fair|on the negative(?: side)?)\s*,"
    r"|,\s*(?:true|granted|admittedly|sure|this is (?:\w+ )?true)\W*$",
    re.I,
)
OBJECTION_FRAME = re.compile(
    # a view named as an objection or an accepted belief the author goes on to test
    r"\b(?:the|a|one|another|an)\s+(?:\w+\s+){0,2}?(?:objection|complaint|criticism|"
    r"counterargument|counter-argument)\s+(?:is|was|to this|against)\b"
    r"|\b(?:people|some|others|critics|many|parents|owners|they)\s+(?:\w+\s+)?object\b"
    r"|\b(?:is|are|was|were)\s+(?:often\s+|usually\s+|always\s+)?(?:presented|sold|touted|"
    r"promised|billed|said|claimed)\s+(?:as|to)\b"
    r"|\bsupposedly\b"
    # a view put in someone's mouth: "X could argue that", "one might say that" (not "I could")
    r"|(?<!\bi )(?<!\bwe )\b(?:could|might|may|would)\s+(?:well\s+|also\s+)?(?:argue|say|claim|"
    r"object|contend|counter|insist)\s+that\b"
    r"|(?<!\bi )(?<!\bwe )\b(?:could|might|may|would)\s+(?:well\s+|also\s+)?(?:question|wonder)"
    r"\s+(?:whether|if)\b",
    re.I,
)
OBJECTION_VERB = anywhere("voice.objection_verb")
OTHERS_SUBJECT = anywhere("voice.others")
OPINION = anywhere("voice.opinion")
# the author telling what happened to them or theirs: evidence for a position, not the position
ANECDOTE = re.compile(
    r"^\W*(?:when i (?:was|were)\b|i (?:live|lived|grew up|remember|recall|once|used to|"
    r"have seen(?! enough)|saw|regularly|have worked|have lived)\b|my (?:son|daughter|mother|"
    r"father|dad|mum|mom|wife|husband|friend|sister|brother|neighbou?r|grandmother|grandfather)"
    r"\s+(?:was|were|had|went|got|used to|once|grew up|lived|worked)\b)",
    re.I,
)
FIRST_PERSON = anywhere("voice.first_person")
FIRST_PERSON_VIEW = anywhere("voice.first_person_view")
CON_HEADING = anywhere("heading.con")
PRO_HEADING = anywhere("heading.pro")
