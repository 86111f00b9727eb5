"""Discourse cues: the connectives and phrases that signal argumentative function in English.

These are the language's own markers (PDTB-style connectives and stock phrases of concession and
objection), not any corpus's wording.

The connectives live in :mod:`argmap.units.connectives` and the cues of whose view a unit states
in :mod:`argmap.units.voices`; both are re-exported here, beside the tests of greetings, verdicts,
questions and reported speech.
"""

from __future__ import annotations

import re

from argmap import lang
from argmap.units.connectives import ADDITION_LEAD as ADDITION_LEAD
from argmap.units.connectives import CONCLUSION_LEAD as CONCLUSION_LEAD
from argmap.units.connectives import CONTRAST_LEAD as CONTRAST_LEAD
from argmap.units.connectives import EXAMPLE_LEAD as EXAMPLE_LEAD
from argmap.units.connectives import LIST_ITEM as LIST_ITEM
from argmap.units.connectives import LIST_OPENER as LIST_OPENER
from argmap.units.connectives import REASON_LEAD as REASON_LEAD
from argmap.units.connectives import SUMMARY_LEAD as SUMMARY_LEAD
from argmap.units.voices import ANECDOTE as ANECDOTE
from argmap.units.voices import CON_HEADING as CON_HEADING
from argmap.units.voices import CONCEDED as CONCEDED
from argmap.units.voices import CONCESSION_LEAD as CONCESSION_LEAD
from argmap.units.voices import FIRST_PERSON as FIRST_PERSON
from argmap.units.voices import FIRST_PERSON_VIEW as FIRST_PERSON_VIEW
from argmap.units.voices import OBJECTION_FRAME as OBJECTION_FRAME
from argmap.units.voices import OBJECTION_VERB as OBJECTION_VERB
from argmap.units.voices import OPINION as OPINION
from argmap.units.voices import OTHERS_SUBJECT as OTHERS_SUBJECT
from argmap.units.voices import PRO_HEADING as PRO_HEADING

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


_REPORTING_VERB = lang.alternation("speech.reporting_verb")
_FIRST_PERSON_WORDS = lang.words("speech.own_voice")
_NOT_A_SPEAKER = lang.words("speech.not_a_speaker")
_ENDORSING = lang.words("speech.endorsing")
_RELATIVE = lang.words("speech.relative")
_NO_SPEECH = lang.words("speech.no_speech")
_REPORTED_TAIL = re.compile(
    rf",\s*((?:[^\s,]+[\s,]+){{0,14}}?){_REPORTING_VERB}\b(?:\s+\S+){{0,6}}\W*$", re.I
)
_LEADING_CONNECTIVE = lang.words("speech.leading_connective")
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
