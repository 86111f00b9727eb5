"""Whose voice a unit is in, and so its role: objections (views the author reports or grants),
rebuttals (the author's answers) and premises, read from connectives and reporting frames."""

from __future__ import annotations

import re

from argmap.budget import check
from argmap.parse.discourse.units import _U
from argmap.units import cues


def _is_quoted(text: str) -> bool:
    """Reported speech: a unit that opens with a quotation mark is someone else's words.

    A news story quotes the people it is about, often at length and on topic; the author's own
    position is not inside the quotation marks.
    """
    return text.lstrip()[:1] in ("“", "„", "«", '"')


def _is_objection(text: str) -> bool:
    """A concession or a view attributed to others."""
    t = text.strip()
    lead = cues.CONCESSION_LEAD.search(t)
    answer = cues.CONTRAST_LEAD.search(t)
    if answer and (lead is None or answer.end() > lead.end()):
        # "despite this", "that being said": the author answers rather than concedes -- unless
        # what follows the connective is someone else's view ("but critics argue that ...")
        return _is_objection(t[answer.end() :])
    if cues.CONCEDED.search(t) or cues.OBJECTION_FRAME.search(t):
        return True
    if lead:
        word = lead.group().strip().lower()
        # "some"/"many people"/"critics": only an objection when they are said to hold a view
        if word in (
            "some",
            "others",
            "many people",
            "a lot of people",
            "those who",
            "people who",
            "proponents of",
            "supporters of",
            "there are those",
            "there are people",
            "critics",
            "opponents",
            "skeptics",
            "sceptics",
            "detractors",
        ):
            return bool(cues.OBJECTION_VERB.search(t))
        return True
    head = " ".join(t.split()[:8])
    verb = cues.OBJECTION_VERB.search(head)
    if verb is None or not cues.OTHERS_SUBJECT.search(head):
        return False
    before = head[: verb.start()]
    if cues.FIRST_PERSON.search(head.split()[0]) or _TOO_MANY.search(before):
        return False
    if _CAUSED.search(head):
        return False  # "the scheme makes many people feel that ...": a claim about the scheme
    # "for this reason I think they ...": the author's own view, whoever "they" are -- but not
    # "many people I know believe", where "I" sits in a relative clause
    said = _SPOKEN_BY_AUTHOR.search(before)
    return not (said and not cues.OTHERS_SUBJECT.search(before[: said.start()]))


# "too many people believe X": the author deplores X rather than grants it
_TOO_MANY = re.compile(r"\b(?:too many|too few|far too many)\b", re.I)
_SPOKEN_BY_AUTHOR = re.compile(r"\b(?:i|we)\s+(?:\w+\s+)?$", re.I)
_CAUSED = re.compile(
    r"\b(?:make|makes|made|making|let|lets|help|helps|helped)\s+(?:\w+\s+){0,2}"
    r"(?:feel|think|believe)\b",
    re.I,
)


SHORT_TEXT_MAX_UNITS = 15
"""A text this short argues one position: when it reports what others say ("people say exams
only test memory") it is to answer them. In the project's 210 annotated short texts, 53 of 57
units that report someone's view are the opponent's. A long report tells its story through what
people on every side say (of four reported views in the magazine seed, two are the other
side's), so there a reported view is not, by itself, an objection."""


def _reports_a_view(text: str) -> bool:
    return _is_objection(text) or cues.is_reported(text)


def _someone_elses(text: str) -> bool:
    """A view the author reports, grants or quotes rather than holds."""
    return _reports_a_view(text) or _is_quoted(text)


_AND = re.compile(r"\W*and\b", re.I)  # a clause joined to the one before by "and"
_BUT_ALSO = re.compile(r"^\W*but\W+(?:\w+\W+)?also\b", re.I)


def _continues(prev: _U, x: _U) -> bool:
    """``x`` goes on with the sentence ``prev`` began, joined by "and" or giving its reason
    ("some say X because Y"): said by the same voice. After an objection, 16 of 18 such clauses
    in the two annotated sets are the objector's."""
    if x.unit.sentence != prev.unit.sentence or cues.FIRST_PERSON_VIEW.search(x.text):
        return False  # "critics argue X, and I think that is nonsense": the author's voice
    return bool(_AND.match(x.text) or cues.REASON_LEAD.search(x.text))


def _answers(text: str) -> bool:
    """A unit opened by "but", "however" ... answers the one before it -- except "but also",
    "not only X, but they also Y", which adds to it."""
    return bool(cues.CONTRAST_LEAD.search(text)) and not _BUT_ALSO.search(text)


_BESIDE = re.compile(r"\W*(?:while|whilst|whereas)\b", re.I)
_ADMITS = re.compile(r"\W*(?:i|we)\s+(?:\w+\s+)?(?:admit|grant|concede|accept|acknowledge)\b", re.I)


def _sets_beside(x: _U) -> bool:
    """A "while"/"whereas" clause after the main clause of its sentence ("the risks are
    manageable, while the costs would be permanent") sets a second point of the author's beside
    the first: it neither concedes nor answers. Sentence-first, "while X, Y" concedes X. In the
    two annotated sets 4 of 4 such trailing clauses are the author's, 11 of 12 leading ones the
    opponent's."""
    m = _BESIDE.match(x.text)
    if x.unit.clause == 0 or m is None:
        return False
    rest = x.text[m.end() :]
    # "X, while critics claim Y", "X, while I admit Y": someone else's view, or a concession
    return not (_someone_elses(rest) or cues.CONCEDED.search(rest) or _ADMITS.match(rest))


def assign_roles(units: list[_U], central: int, after_objection: bool = True) -> None:
    """Mark the central claim, objections and rebuttals.

    A unit opened by a contrast marker ("but", "however", "yet") answers the unit before it: that
    unit is a concession (an objection the author grants), and this one the rebuttal -- or, when
    it is the main claim, simply the author's answer. In the development data this reading holds
    for about four in five such units.
    """
    units[central].role = "central"
    short = len(units) <= SHORT_TEXT_MAX_UNITS
    for x in units:
        check()
        if x.role == "central" or _sets_beside(x):
            continue
        if _is_objection(x.text) or x.quoted or (short and cues.is_reported(x.text)):
            x.role = "objection"  # a line quoted from the post replied to is that poster's view
    for i, x in enumerate(units):
        if i == 0:
            continue
        prev = units[i - 1]
        answers = _answers(x.text) and not _sets_beside(x)
        if x.role == "central":
            # "X is true. But Y": a main claim that answers the unit before concedes that unit
            if answers and prev.role == "premise" and not cues.is_question(prev.text):
                prev.role = "objection"
            continue
        if x.role != "premise":
            continue
        if answers:
            nxt = units[i + 1] if i + 1 < len(units) else None
            if (
                nxt is not None
                and nxt.role in ("premise", "central")
                and _answers(nxt.text)
                and not _sets_beside(nxt)
            ):
                # "A. However, B. But C.": B turns to the other side and C answers it
                x.role = "objection"
                x.turns = prev.role == "premise"
                continue
            if prev.role == "premise":
                prev.role = "objection"
            if prev.role == "objection":
                x.role = "rebuttal"
        elif prev.role == "objection" and _continues(prev, x):
            x.role = "objection"  # "one could argue that X and Y": Y is part of what is argued
        elif prev.role == "objection" and after_objection:
            x.role = "rebuttal"
