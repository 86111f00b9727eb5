"""Discourse cues: the connectives and phrases that signal argumentative function in English.

These are the language's own markers (PDTB-style connectives and stock phrases of concession and
objection), not any corpus's wording.
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
NEGATION = _contains(
    "not",
    "no",
    "never",
    "n't",
    "nobody",
    "none",
    "nothing",
    "neither",
    "nor",
    "cannot",
    "without",
    "hardly",
    "barely",
    "rarely",
    "fail to",
    "fails to",
    "failed to",
    "lack",
    "lacks",
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
HEDGED_BUT = re.compile(r"^\W*(?:but|however|yet|nevertheless|nonetheless|still)\b", re.I)

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


# Greetings and thanks open a message, not an argument ("Thanks all, this was useful."); "thanks
# to X" gives a cause and is not one of them.
_PHATIC = re.compile(
    r"^\W*(?:thanks|thank you|many thanks|cheers|hi|hello|hey|greetings|regards|best regards|"
    r"kind regards)(?![\w'’-])(?!\s+(?:\w+ly\s+)?to\b)",
    re.I,
)
_TURN = re.compile(r"\b(?:but|however|though|yet)\b", re.I)


def is_phatic(text: str) -> bool:
    """A short greeting, thanks or sign-off: social, not argumentative ("Thanks, but the plan
    is flawed" turns to a claim)."""
    return (
        bool(_PHATIC.match(text))
        and not _TURN.search(text)
        and len(re.findall(r"[A-Za-z']+", text)) <= 8
    )


# A short verdict on what was just said: "It is also wrong.", "That is a myth.", "Not so." An
# author who sets out a view and then rejects it states their own position next.
_REJECTS = re.compile(
    r"^\W*(?:(?:but|and|yet)\s+)?(?:(?:(?:it|this|that|which|they|all of this|none of this)"
    r"(?:\s+(?:is|are|was|were)|['’]s|['’]re)(?:\s+(?:also|simply|just|quite|plainly|largely))?"
    r"\s+(?:wrong|false|untrue|mistaken|a myth|nonsense|not true|not so|not the case|misleading|"
    r"an illusion))|(?:it|this|that)\s+(?:is|was)n['’]t\s+(?:true|so|the case)|not so|not true|"
    r"nothing could be further from the truth)\s*[.!]*[\"'”’]?\s*$",
    re.I,
)


def rejects_what_came_before(text: str) -> bool:
    """A short verdict that the view just set out is wrong."""
    return bool(_REJECTS.match(text))


def is_question(text: str) -> bool:
    """A unit that asks rather than claims (a closing quote or bracket may follow the "?")."""
    return text.rstrip().rstrip("\"'”’)").endswith("?")


_REPORTING_VERB = (
    r"(?:say|says|said|argue|argues|argued|claim|claims|claimed|add|adds|added|told|"
    r"wrote|note|notes|noted|insist|insists|insisted|warn|warns|warned|call|calls|"
    r"called|explain|explains|explained|maintain|maintains|maintained|contend|contends|contended)(?!\s+(?:about|over|with)\b)"
)
_FIRST_PERSON_WORDS = frozenset(["i", "we", "me", "us", "you", "it", "this", "that"])
# "whatever the brochure says", "even if no one says so", "everything they will say":
# concessive or hypothetical speech, not a report of what someone holds
_NOT_A_SPEAKER = frozenset(
    ["whatever", "whoever", "if", "no", "nobody", "will", "would", "can", "could", "might", "may"]
)
_ENDORSING = frozenset(["as", "and", "but", "so", "which", "because", "since"])
_RELATIVE = frozenset(["who", "that", "which", "whom"])
_NO_SPEECH = frozenset(["to", "is", "are", "was", "were", "be", "been", "being"])
_REPORTED_TAIL = re.compile(
    rf",\s*((?:[^\s,]+[\s,]+){{0,14}}?){_REPORTING_VERB}\b(?:\s+\S+){{0,6}}\W*$", re.I
)
_LEADING_CONNECTIVE = frozenset(["but", "and", "yet", "so", "however", "still", "now"])
_NOUN_TOO = r"(?:claims?|calls?|notes?|adds?)"  # also nouns: "scientific claims about"
_REPORTED_HEAD = re.compile(
    # a verb that is also a noun counts only with what is said as its object ("claims that",
    # "calls the release a gift"); "claims about" and "calls for" are the noun or another sense
    rf"^\W*((?:\w\S*\s+){{1,6}}?)(?:(?!{_NOUN_TOO}\b){_REPORTING_VERB}\b|{_NOUN_TOO}\s+(?:that|"
    rf"the|a|an|it|this|these|those|its|their|his|her|them|him|me|us|so)\b|{_NOUN_TOO}\W*[:,“\"])",
    re.I,
)


def is_reported(text: str) -> bool:
    """Someone else's words given without quotation marks: "X is true, the researchers say";
    "The lab calls the release a gift". A news story reports the people it is about at length;
    the author's own position is not among what others are said to say.

    The speaker is a third party: a subject with "I", "we", "you" or "it" is the author's own
    voice ("we argue", "I would add") or a text's ("it says").
    """
    for tail, m in (
        (True, _REPORTED_TAIL.search(text[-400:])),
        (False, _REPORTED_HEAD.search(text[:400])),
    ):
        if not m:
            continue
        said_by = m.group(1)
        words = [w.strip('.,;:"“”').lower() for w in re.split(r"[\s’']+", said_by) if w]
        if not tail:
            if "," in said_by:
                continue  # "smoking should be banned, as doctors say": no subject spans a comma
            while words and words[0] in _LEADING_CONNECTIVE:
                words = words[1:]  # "but critics argue that ..."
        elif words and words[0] in _ENDORSING:
            continue  # "..., as experts have argued", "..., and the evidence says so"
        if not words or set(words) & (_FIRST_PERSON_WORDS | _NOT_A_SPEAKER):
            continue
        # "people who say X are wrong" is the author's claim about a view; "costs a great deal
        # to maintain" and "are maintained by" are no speech at all
        if set(words) & _RELATIVE or words[-1] in _NO_SPEECH:
            continue
        return True
    return False
