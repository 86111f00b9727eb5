"""Cues of whose view a unit states: concession and objection, opinion, anecdote, negation,
the first person, and headings that name a side.

Split out of :mod:`argmap.units.cues` (which re-exports every name here) so that these phrases
sit apart from the connectives of :mod:`argmap.units.connectives`.
"""

from __future__ import annotations

import re

from argmap.units.connectives import _contains, _starts

CONCESSION_LEAD = _starts(
    "although",
    "though",
    "even though",
    "while",
    "whilst",
    "admittedly",
    "granted",
    "of course",
    "it is true that",
    "it's true that",
    "true,",
    "certainly",
    "to be sure",
    "even if",
    "despite",
    "on the one hand",
    "no doubt",
    "sure,",
    "it may be that",
    "it might be that",
    "it could be argued",
    "one could argue",
    "one might argue",
    "one may argue",
    "it can be argued",
    "it is often said",
    "it is often argued",
    "it is said",
    "it has been argued",
    "it might seem",
    "it may seem",
    "it might be tempting",
    "it may be tempting",
    "it is tempting",
    "at first glance",
    "at first sight",
    "some",
    "many people",
    "a lot of people",
    "critics",
    "opponents",
    "skeptics",
    "sceptics",
    "detractors",
    "proponents of",
    "supporters of",
    "those who",
    "people who",
    "there are those",
    "there are people",
    "others",
    "the argument that",
    "the claim that",
    "the objection that",
    "one objection",
    "an objection",
    "a common objection",
    "a common argument",
    "the counterargument",
    "a counterargument",
    "the usual argument",
)
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
    r"\s+(?:whether|if)\b"
    # a weakness of the author's side, named as such: "the only drawback is", "one downside"
    r"|\b(?:the only|one)\s+(?:real\s+)?(?:drawback|downside|disadvantage)\b"
    r"|(?<!\bno )(?<!\blittle )\bcause for concern\b"
    r"|\bthere\s+(?:is|are)\s+(?:also\s+)?(?:the|a|some)\s+(?:\w+\s+)?concerns?\s+that\b",
    re.I,
)
OBJECTION_VERB = _contains(
    "argue",
    "argues",
    "argued",
    "claim",
    "claims",
    "claimed",
    "object",
    "objects",
    "say",
    "says",
    "said",
    "believe",
    "believes",
    "think",
    "thinks",
    "point out",
    "points out",
    "contend",
    "contends",
    "insist",
    "insists",
    "maintain",
    "maintains",
    "suggest",
    "suggests",
    "assert",
    "asserts",
    "feel that",  # "some feel that X", "many people feel it is X": a view held, not a mood
    "feels that",
    "felt that",
    "feel it is",
    "feel it's",
    "fear",
    "fears",
    "worry",
    "worries",
    "complain",
    "complains",
    "counter",
    "counters",
    "would have us believe",
    "may object",
    "might object",
    "could object",
    "would object",
    "might say",
    "may say",
    "could say",
    "would say",
    "might argue",
    "may argue",
    "could argue",
    "would argue",
)
OTHERS_SUBJECT = _contains(
    "some people",
    "some",
    "many people",
    "many",
    "critics",
    "opponents",
    "skeptics",
    "sceptics",
    "detractors",
    "others",
    "proponents",
    "supporters",
    "advocates",
    "those who",
    "people who",
    "one",
    "someone",
    "somebody",
    "they",
    "naysayers",
    "the other side",
    "their opponents",
    "its opponents",
)
OPINION = _contains(
    "i think",
    "i believe",
    "i feel",
    "in my opinion",
    "in my view",
    "i am convinced",
    "i'm convinced",
    "i would argue",
    "i argue",
    "i maintain",
    "i hold",
    "should",
    "must",
    "ought to",
    "need to",
    "needs to",
    "have to",
    "has to",
    "better",
    "worse",
    "best",
    "worst",
    "is good",
    "is bad",
    "is wrong",
    "is right",
    "is not",
    "are not",
    "should not",
    "shouldn't",
    "is a good idea",
    "is a bad idea",
    "makes sense",
    "is important",
    "is essential",
    "is necessary",
)
# the author telling what happened to them or theirs: evidence for a position, not the position
ANECDOTE = re.compile(
    r"^\W*(?:when i (?:was|were)\b|i (?:live|lived|grew up|remember|recall|once|used to|"
    r"have seen(?! enough)|saw|regularly|have worked|have lived)\b|my (?:son|daughter|mother|"
    r"father|dad|mum|mom|wife|husband|friend|sister|brother|neighbou?r|grandmother|grandfather)"
    r"\s+(?:was|were|had|went|got|used to|once|grew up|lived|worked)\b)",
    re.I,
)
FIRST_PERSON = _contains("i", "me", "my", "we", "our", "us")
FIRST_PERSON_VIEW = _contains(
    "i think",
    "i believe",
    "i feel",
    "i'd say",
    "i would say",
    "i'd argue",
    "i would argue",
    "in my opinion",
    "in my view",
    "personally",
    "i am convinced",
    "i'm convinced",
)
CON_HEADING = _contains(
    "against",
    "cons",
    "con",
    "disadvantages",
    "drawbacks",
    "risks",
    "downsides",
    "objections",
    "concerns",
    "problems",
    "arguments against",
    "reasons not",
    "why not",
    "dangers",
    "costs",
)
PRO_HEADING = _contains(
    "for",
    "in favor",
    "in favour",
    "pros",
    "pro",
    "advantages",
    "benefits",
    "upsides",
    "reasons to",
    "why",
    "supporting",
    "arguments for",
)
