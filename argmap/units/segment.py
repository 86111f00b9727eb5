"""Sentences and argumentative clauses, as exact character offsets into the document text.

Sentences come from syntok (fast, handles abbreviations); a line break always ends a sentence,
because in scraped text and lists each line is its own unit. Clauses are then split where a
discourse connective joins two argumentative units inside one sentence ("X because Y",
"although X, Y", "X, but Y").
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import syntok.segmenter as _syntok

from argmap import lang
from argmap.budget import check
from argmap.ids import digest

MAX_SENTENCE_CHARS = 1500
"""A longer "sentence" (a scraped line with no punctuation, a run-on list) is cut into pieces of
at most this many characters at word boundaries, so no unit, and no step that reads one, grows
with the size of the input."""


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; line breaks are hard boundaries."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        check()
        if line.strip():
            for s, e in _sentences_in_line(line):
                spans.extend(_bounded(line, pos, s, e))
        pos += len(line) + 1
    return spans


def _bounded(line: str, pos: int, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    while e - s > MAX_SENTENCE_CHARS:
        cut = line.rfind(" ", s + 1, s + MAX_SENTENCE_CHARS + 1)
        cut = cut if cut > s else s + MAX_SENTENCE_CHARS
        out.append((pos + s, pos + cut))
        s = cut
        while s < e and line[s].isspace():
            s += 1
    if e > s:
        out.append((pos + s, pos + e))
    return out


def _sentences_in_line(line: str) -> list[tuple[int, int]]:
    out = []
    for paragraph in _syntok.analyze(line):
        for sentence in paragraph:
            toks = list(sentence)
            if not toks:
                continue
            start = toks[0].offset
            end = toks[-1].offset + len(toks[-1].value)
            if line[start:end].strip():
                out.append((start, end))
    return _merge_fragments(line, out)


def _merge_fragments(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces syntok split off that cannot stand alone (a lone closing quote, "e.g.")."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        piece = line[s:e]
        if merged and sum(c.isalpha() for c in piece) < 2:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


_SUBJECT = lang.alternation("clause.subject") + r"\b"

# Where a connective inside a sentence opens a second argumentative unit; the split goes before
# the connective. Each rule names the connective and what must come before and after it.
INFIX_RULES: dict[str, str] = {
    # reasons: "X because Y", "X, since Y", "X in order to Y"
    "reason": r"(?:,\s*|(?<!\bhave)(?<!\bhas)(?<!\bhad)(?<!\bever)(?<!\bbeen)(?<!\blong)"
    r"(?<!\bjust)\s+)(?=(?:because|since(?!\s+(?:then|when|become|been)\b)|given that|"
    r"as long as|in order to)\b)",
    # "X as it Y" -- but not the comparison "X, as we do," (a subject and an auxiliary alone)
    "as": r"(?<!\bsuch)(?<!\bas well)(?<!\bjust)(?<!\bso)(?<!\bsame)(?:,\s*|\s+)(?=as\s+"
    + _SUBJECT
    + r")(?!as\s+\w+\s+(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|"
    r"should|must)(?:n['’]t)?\b(?:\s+(?:not|too|now|today|already))?\s*[^\w\s])",
    # contrast and conclusion after a comma: "X, but Y", "X, so Y"
    "comma_connective": r"(?:,|\s+-|\s+—)\s*(?=(?:but|yet|so|therefore|thus|hence|whereas|"
    r"although|though|even though|which is why|which means|and therefore|and so|and thus|"
    r"and consequently|and hence|while)\b)",
    "bare_but": r"\s+(?=but\b)",
    "bare_so": r"\s+(?=(?:so|therefore|thus)\s+(?:if\b|" + _SUBJECT + r"))",
    # coordination of two clauses: "X, and Y", "X and it Y", "X and if Y"
    "comma_and": r",\s*(?=and\b)",
    "and_subject": r"\s+(?=and\s+(?:if|then|also|" + _SUBJECT + r"))",
    # a comma splice: "X is a good idea, it would help"
    "comma_splice": r",\s*(?=" + _SUBJECT + r"\s+(?!is\s+to\b)[a-z]+)",
    "semicolon": r";\s*",
}
# Measured on the development set: splitting at every ", and" or comma splice cut more units
# than annotators do; these rules gained unit and relation F1 each.
ACTIVE_RULES = ["reason", "as", "comma_connective", "bare_but", "and_subject", "semicolon"]
_INFIX = re.compile("|".join(INFIX_RULES[k] for k in ACTIVE_RULES), re.I)


# "Although X, Y" / "While X, Y" / "Since X, Y": split at the comma that closes the first clause.
_LEADING = re.compile(r"^\s*" + lang.alternation("clause.leading") + r"\b", re.I)
_COMMA_SPLICE = re.compile(r",\s*" + _SUBJECT, re.I)


@dataclass(frozen=True)
class Unit:
    """A candidate argumentative unit: a sentence or a clause of one."""

    start: int
    end: int
    sentence: int  # index of the sentence it belongs to
    clause: int  # 0 for the first clause of its sentence


def trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    """The span ``[s, e)`` without the white space at either end."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _words(s: str) -> int:
    return len(re.findall(r"[A-Za-z]+", s))


# "anyone but X", "nothing but the truth": here "but" means "except" and joins no clause.
_EXCEPT_BUT = re.compile(
    r"\b(?:any|every|no|some)(?:one|body|thing|where)\s+$|\b(?:no one|none)\s+$", re.I
)
# Words that open a phrase around a modifier: "with real but bounded risks", "too slow but sure".
_PHRASE_OPENER = lang.words("clause.phrase_opener")
# What opens a clause after "but": a determiner, a pronoun, an auxiliary or an adverb that
# cannot modify a noun.
_CLAUSE_OPENER = lang.words("clause.clause_opener")
# Adverbs that focus a reason clause and belong to it: "largely because", "specifically because".
_FOCUS_ADVERB = re.compile(
    r"(?:\b(?:largely|partly|mainly|mostly|precisely|exactly|specifically|primarily|chiefly|"
    r"in part|in large part))\s*$",
    re.I,
)
# "X only because Y", "X, not because Y": the reason restricts or is denied within one claim, and
# annotators keep it whole (each such reason in the annotated sets is unsplit).
_RESTRICTED_REASON = re.compile(r"\b(?:only|solely|not)\s*$", re.I)
_BECAUSE = re.compile(r"\s*(?:because|since)\b", re.I)
# A sentence that asks from its first word: an auxiliary or a question word.
_ASKS = re.compile(
    r"\W*(?:is|are|was|were|am|do|does|did|have|has|had|can|could|will|would|shall|should|may|"
    r"might|must|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|don['’]t|doesn['’]t|didn['’]t|"
    r"can['’]t|won['’]t|wouldn['’]t|shouldn['’]t|why|what|how|who|whom|whose|where|when|which|"
    r"whether)\b",
    re.I,
)


def _phrase_but(sent: str, at: int) -> bool:
    """Whether the bare "but" at ``at`` joins words or phrases rather than two clauses.

    Without parts of speech only the plain cases are read: one word up to the next stop ("real
    but manageable,"), a modifier pair after a preposition or article ("with real but bounded
    risks"), and "but" after "anyone", "nothing" unless a clause of some length follows ("I
    called everyone but nobody answered").
    """
    phrase = re.split(r"[,.;:!?—]", sent[at + 3 :], maxsplit=1)[0]
    right = re.findall(r"[A-Za-z'’-]+", phrase)
    if not right:
        return False
    opens_clause = right[0].lower() in _CLAUSE_OPENER
    if _EXCEPT_BUT.search(sent[:at]):
        return not (opens_clause and len(right) >= 4)
    if opens_clause:
        return False
    left = re.findall(r"[A-Za-z'’-]+", sent[:at])[-2:]
    return len(right) == 1 or (
        len(right) == 2 and len(left) == 2 and left[0].lower() in _PHRASE_OPENER
    )


# "Secrecy reduces, but does not remove, the risk": a verb phrase set between commas shares the
# sentence's object, and is no clause of its own.
_INTERPOSED = re.compile(
    r"(?:but|yet)\s+(?:does|do|did|is|are|was|were|can|could|will|would|may|might)\s+"
    r"(?:not|never)\b[^,;.]{0,30},\s*\S",
    re.I,
)
# "A policy that keeps X closed, while releasing everything else, would ...": a participle set
# between commas is the circumstance of its clause (17 of 17 "while -ing" phrases in the
# annotated sets are unsplit). With a finite verb inside ("while housing costs have doubled,")
# it is a clause after all.
_INTERPOSED_WHILE = re.compile(r"(?:while|whilst)\s+[a-z]+ing\b([^,;.]{0,60}),\s*\S")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|do|does|did|will|would|can|could|shall|should|may|"
    r"might|must)\b|n['’]t\b",
    re.I,
)


# "The question is not whether X, but whether Y": one claim that corrects the question, with the
# same word opening both halves; cut, its first half would read as the other side's view.
_NOT_THAT = re.compile(
    r"\b(?:is|are|was|were|['’]s)\s+not\s+(that|whether|about|how|why|what|who)\b", re.I
)


def _corrects(sent: str, at: int) -> bool:
    found = list(_NOT_THAT.finditer(sent, 0, at))
    if not found:
        return False
    opener = found[-1].group(1)  # the half that comes last before the cut
    return bool(re.match(r"but\s+" + opener + r"\b", sent[at:], re.I))


def _interposed(sent: str, at: int) -> bool:
    if _INTERPOSED.match(sent, at):
        return True
    m = _INTERPOSED_WHILE.match(sent, at)
    return m is not None and not _FINITE.search(m.group(1))


def split_clauses(text: str, start: int, end: int, min_words: int = 3) -> list[tuple[int, int]]:
    """Split one sentence at argumentative connectives; every piece keeps ``min_words`` words.

    A sentence that asks from its first word stays whole: its "because" or "but" is part of
    what is asked ("Is that worry overblown, or am I being naive because ...?"), and a piece
    cut from it would read as a claim. Annotators never split one (0 of 9 questions in the
    development set). A statement that ends in a question ("X because Y, so why not Z?") splits
    as usual.
    """
    sent = text[start:end]
    if sent.rstrip().rstrip("\"'”’)").endswith("?") and _ASKS.match(sent):
        return [trim_span(text, start, end)]
    cuts: list[int] = []
    lead = _LEADING.match(sent)
    if lead:
        comma = sent.find(",", lead.end())
        # the comma must close a clause of some length and leave a main clause after it
        if (
            comma > 0
            and _words(sent[lead.end() : comma]) >= 2
            and _words(sent[comma:]) >= min_words
        ):
            cuts.append(comma + 1)
    for m in _INFIX.finditer(sent):
        g = m.group().strip()
        cut = m.end() if g.startswith((",", ";", "-", "—")) else m.start()
        if _COMMA_SPLICE.match(sent, m.start()) and _words(sent[:cut]) < 4:
            continue  # "In my view, it is..." is an opening phrase, not a clause
        if not g and sent[m.end() : m.end() + 3].lower() == "but" and _phrase_but(sent, m.end()):
            continue
        if g.startswith(",") and (_interposed(sent, m.end()) or _corrects(sent, m.end())):
            continue
        if not g and _BECAUSE.match(sent, m.end()):
            if _RESTRICTED_REASON.search(sent[:cut]):
                continue
            focus = _FOCUS_ADVERB.search(sent[:cut])
            if focus and _words(sent[: focus.start()]) >= min_words:
                cut = focus.start()
        cuts.append(cut)
    pieces: list[tuple[int, int]] = []
    prev = 0
    for c in sorted(set(cuts)):
        if c <= prev:
            continue
        if _words(sent[prev:c]) >= min_words and _words(sent[c:]) >= min_words:
            pieces.append((prev, c))
            prev = c
    pieces.append((prev, len(sent)))
    out = []
    for s, e in pieces:
        s2, e2 = trim_span(text, start + s, start + e)
        if e2 > s2:
            out.append((s2, e2))
    return out


MEMO_SIZE = 50_000
"""Texts whose units are remembered: a build reads each document twice (once with the others,
to weigh main claims, then alone), and a map that grows reads its documents again; sentence
splitting is most of the rule-based reading's time."""
_MEMO: OrderedDict[str, tuple[Unit, ...]] = OrderedDict()
_MEMO_LOCK = threading.Lock()


def segment(text: str, clauses: bool = True) -> list[Unit]:
    """Sentences, then clauses, as units with exact offsets."""
    key = _key(text, clauses)
    with _MEMO_LOCK:
        hit = _MEMO.get(key)
        if hit is not None:
            _MEMO.move_to_end(key)
            return list(hit)
    units: list[Unit] = []
    for i, (s, e) in enumerate(split_sentences(text)):
        check()
        spans = split_clauses(text, s, e) if clauses else [(s, e)]
        for j, (cs, ce) in enumerate(spans):
            units.append(Unit(cs, ce, i, j))
    remember(key, units)
    return units


def remember(key: str, units: Sequence[Unit]) -> None:
    with _MEMO_LOCK:
        _MEMO[key] = tuple(units)
        _MEMO.move_to_end(key)
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)


def _key(text: str, clauses: bool) -> str:
    return digest(text, "clauses" if clauses else "sentences")


def segment_key(text: str) -> str:
    """The memo's key for ``segment(text)``, as :func:`known_units` takes it."""
    return _key(text, True)


def known_units(keys: Sequence[str]) -> dict[str, list[list[int]]]:
    """The remembered units of these texts (by :func:`segment_key`), as plain lists, to save."""
    with _MEMO_LOCK:
        return {
            k: [[u.start, u.end, u.sentence, u.clause] for u in _MEMO[k]]
            for k in keys
            if k in _MEMO
        }


def preload_units(saved: dict[str, list[list[int]]]) -> None:
    """Units saved by :func:`known_units`: those texts are never split again."""
    for k, rows in saved.items():
        remember(k, [Unit(int(a), int(b), int(c), int(d)) for a, b, c, d in rows])
