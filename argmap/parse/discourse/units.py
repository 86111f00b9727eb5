"""The discourse stages' units: a document segmented into argumentative units, with headings,
titles, speaker labels and fragments that cannot carry a claim left out.

The bottom layer of the package: what a unit is, before anyone decides its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from argmap.lang import words
from argmap.model.data import Document
from argmap.units import cues
from argmap.units.segment import Unit, segment

STAGE = "discourse"


@dataclass
class _U:
    unit: Unit
    text: str
    para: int
    heading: str  # "pro", "con" or "" for the list section the unit sits in
    role: str = "premise"
    idx: int = 0
    turns: bool = False  # an objection that turns against the unit before it
    speaker: str = ""  # the label of its line in a transcript ("Q", "A", "Dr Lee")
    asks: bool = False  # spoken by whoever asks the questions in an interview
    quoted: bool = False  # on a line quoted from an earlier message ("> ..."): not the author's


def _is_heading(text: str) -> bool:
    t = text.strip()
    return t.endswith(":") and len(t.split()) <= 14


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z]+", text))


def analyse_units(doc: Document) -> list[_U]:
    """Segment a document and mark headings' list sections; headings and titles are not units."""
    units = segment(doc.text)
    para_of_line: list[int] = []
    para = 0
    for ln in doc.text.split("\n"):
        if not ln.strip():
            para += 1
        para_of_line.append(para)
    line_starts = [0]
    for ln in doc.text.split("\n"):
        line_starts.append(line_starts[-1] + len(ln) + 1)

    def line_of(pos: int) -> int:
        lo, hi = 0, len(line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if line_starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    out: list[_U] = []
    section = ""
    last_para = -1
    for u in units:
        text = doc.text[u.start : u.end]
        para_now = para_of_line[line_of(u.start)]
        if para_now != last_para or cues.SUMMARY_LEAD.search(text):
            section = ""  # a headed list ends with its paragraph, or where a summary begins
        last_para = para_now
        if _is_heading(text):
            if cues.CON_HEADING.search(text):
                section = "con"
            elif cues.PRO_HEADING.search(text):
                section = "pro"
            else:
                section = ""
            continue
        line_start = line_starts[line_of(u.start)]
        quote = _QUOTE_MARK.match(doc.text, line_start)
        quoted = quote is not None
        if quote and u.start < quote.end() < u.end:
            u = replace(u, start=quote.end())  # the unit is the quoted words, not the marks
            text = doc.text[u.start : u.end]
        line_text = doc.text[line_start:].lstrip()
        label = _speaker_label(line_text)
        speaker = line_text[:label].strip().rstrip(":").strip()
        first_on_line = not doc.text[line_start : u.start].strip()
        if label and first_on_line and _words(text[label:]) >= 2:
            u = replace(u, start=u.start + label)
            text = doc.text[u.start : u.end]
        if (
            not _is_argumentative(doc.text, u, text)
            or _is_title_line(doc.text, u, text)
            or cues.is_phatic(text)
        ):
            continue
        out.append(_U(u, text, line_of(u.start), section, speaker=speaker, quoted=quoted))
    for i, x in enumerate(out):
        x.idx = i
    # an interview: a speaker labelled as the one who asks ("Q", "Interviewer"), and others
    if any(x.speaker.lower() in _ASKER_LABELS for x in out) and any(
        x.speaker and x.speaker.lower() not in _ASKER_LABELS for x in out
    ):
        for x in out:
            x.asks = x.speaker.lower() in _ASKER_LABELS
    return out


_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "vs",
        "via",
        "per",
        "than",
        "is",
        "are",
        "be",
    ]
)


_QUOTE_MARK = re.compile(r"[ \t]*(?:>[ \t]*)+")  # "> " quoting the message a reply answers
_SUBJECT_LINE = re.compile(r"(?:re|fwd?|subject)\s*:\s", re.I)
# A speaker's name opening a line of an interview, transcript or chat ("Q: ", "A: ", "Dr Lee: "):
# who speaks, not what is claimed, so the unit starts after it.
_SPEAKER_LABEL = re.compile(r"(?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,2}: +(?=[A-Z0-9\"“‘'])")


def _speaker_label(line: str) -> int:
    """Length of the speaker's label a line opens with ("Q: ", "Dr Lee: "); 0 when none."""
    m = _SPEAKER_LABEL.match(line)
    return m.end() if m and not _SUBJECT_LINE.match(line) else 0


# Labels that name whoever asks the questions in an interview. Only these: a rhetorical question
# is no sign of who is interviewing whom, and in a chat or a play everyone asks.
_ASKER_LABELS = frozenset(["q", "question", "interviewer", "host", "moderator"])
# A heading that names a question without asking it: "Why openness matters for science", "How
# the tram came back" -- short, capitalised, no comma, no auxiliary after the question word
# ("What matters most is the cost" is a claim without its full stop).
_WH_TITLE = re.compile(r"(?:Why|How|What|When|Where|Who|Which|Whether)\b")
_AUX = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|must|has|have|had|do|does|did|may|might)\b",
    re.I,
)


def _is_wh_title(line: str) -> bool:
    words = line.split()
    return (
        bool(_WH_TITLE.match(line))
        and len(words) <= 8
        and "," not in line
        and not line.endswith("?")
        and not _AUX.search(" ".join(words[1:]))
    )


def _is_title_line(text: str, unit: Unit, piece: str) -> bool:
    """A title or headline on a line of its own: in headline case, with no full stop, a
    message's subject line ("Re: ..."), or a question named as a heading ("Why X matters").

    "Open Models and the Reproducibility of AI Science" names a topic; it does not claim
    anything, and taking it for a claim would also merge it with other titles.
    """
    first = text.rfind("\n", 0, unit.start) + 1
    last = text.find("\n", unit.end)
    line = text[first : len(text) if last < 0 else last].strip()
    line = line[_speaker_label(line) :]
    if line != piece.strip() or line.rstrip("\"'”’)").endswith((".", "!", ";", ",", ":")):
        return False
    if _SUBJECT_LINE.match(line):  # a message's subject or reference line: "Re: ..."
        return True
    if _is_wh_title(line):
        return True
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if not 2 <= len(content) <= 14:
        return False
    return sum(w[0].isupper() for w in content) >= 0.8 * len(content)


_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|can|could|will|would|"
    r"shall|should|may|might|must|need|needs|\w+(?:s|ed|ing|en))\b|n't\b|'s\b|'re\b",
    re.I,
)


_DANGLING = words("dangling")


def _is_argumentative(text: str, unit: Unit, piece: str) -> bool:
    """Drop pieces that cannot carry a claim: exclamations of a few words, verbless fragments,
    and a sentence cut off mid-way where its line ends (truncated scraped text)."""
    n = _words(piece)
    if n < 2:
        return False
    if n < 5 and not _VERBISH.search(piece):
        return False
    if n <= 3 and piece.rstrip().endswith("!"):
        return False
    line_end = text.find("\n", unit.end)
    line_end = len(text) if line_end < 0 else line_end
    tail = text[unit.end : line_end].strip()
    stripped = piece.rstrip().rstrip("\"'”’)]")
    last = stripped.split()[-1].lower() if stripped.split() else ""
    if not tail and last in _DANGLING:
        first = text.rfind("\n", 0, unit.start) + 1
        if unit.start > first:  # a fragment trailing a longer line: the source was cut off
            return False
    return True
