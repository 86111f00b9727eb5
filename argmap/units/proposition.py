"""The proposition of a claim, without the words that frame it.

"Critics argue that open models are harder to secure," and "Open models are harder to secure."
make the same point; one reports it. Dedup compares propositions, so connectives ("but",
"because", "admittedly") and attribution frames ("some say that", "Q:") are taken off first.
"""

from __future__ import annotations

import re

from argmap import lang
from argmap.units import cues

_LABEL = re.compile(r"^\s*(?:[A-Z][\w .'-]{0,30}|Q|A)\s*:\s+")
_FRAME = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,6}?" + lang.alternation("frame.verb") + r"\s+(?:that\s+)?", re.I
)
_CONNECTIVE = re.compile(r"^\W*" + lang.alternation("frame.connective") + r"\b[\s,]*", re.I)


def core_text(text: str) -> str:
    t = _LABEL.sub("", text.strip())
    for _ in range(3):
        before = t
        t = _CONNECTIVE.sub("", t)
        m = _FRAME.match(t)
        if m and (cues.OTHERS_SUBJECT.search(m.group()) or cues.CONCESSION_LEAD.search(m.group())):
            t = t[m.end() :]
        if t == before:
            break
    t = t.strip()
    return (t[:1].upper() + t[1:]) if t else text.strip()


_ANAPHOR = re.compile(
    r"^\W*(?:it|its|it's|they|them|their|this|that|these|those|he|she|such)\b",
    re.I,
)


# "It is clear that X", "It would be wrong to Y": "it" stands for what follows, not before
_EXPLETIVE_IT = re.compile(
    r"^\W*it(?:'s|’s|\s+(?:is|was|seems|appears|remains|would be|will be|has been|may be|"
    r"might be|could be|can be|must be|should be))\b[^.;:]*?\b(?:that|to|whether|how|why|if)\b",
    re.I,
)


def is_anaphoric(core: str) -> bool:
    """A proposition whose subject points back into its own text ("They are not.").

    Its meaning lies in the sentence before it, so two such claims from different places are
    not the same point however alike they read.
    """
    return bool(_ANAPHOR.match(core)) and not _EXPLETIVE_IT.match(core)


_META = re.compile(
    r"^\W*(?:saying|claiming|arguing|to say|to claim|the (?:claim|idea|argument|notion|view|"
    r"belief|assumption|suggestion|fear|worry) that)\b",
    re.I,
)


def is_meta(core: str) -> bool:
    """A claim about a claim: "Saying X assumes Y" is about X, and does not assert it."""
    return bool(_META.match(core))


_COMPOUND = re.compile(r",\s+and\s|;\s*\S|:\s+\S|,\s+(?:but|while|whereas)\s")


def is_compound(core: str) -> bool:
    """Two or more points in one sentence ("X, and Y"; "X: Y"; "X; Y").

    Its embedding averages its points, so it comes close to a claim that makes only one of
    them; being that claim takes near-identical wording.
    """
    return bool(_COMPOUND.search(core.rstrip(";,.: ")))
