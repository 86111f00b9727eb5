"""The proposition of a claim, without the words that frame it.

"Critics argue that open models are harder to secure," and "Open models are harder to secure."
make the same point; one reports it. Dedup compares propositions, so connectives ("but",
"because", "admittedly") and attribution frames ("some say that", "Q:") are taken off first.
"""

from __future__ import annotations

import re

from ..stages import cues

_LABEL = re.compile(r"^\s*(?:[A-Z][\w .'-]{0,30}|Q|A)\s*:\s+")
_FRAME = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,6}?(?:argue|argues|argued|say|says|said|claim|claims|claimed|"
    r"believe|believes|think|thinks|worry|worries|fear|fears|insist|insists|contend|contends|"
    r"object|objects|suggest|suggests|point out|points out|assert|asserts|maintain|maintains|"
    r"would have us believe|tell us|tells us|will tell you|might say|may say|would say|"
    r"could argue|might argue|would argue|may argue)\s+(?:that\s+)?",
    re.I,
)
_CONNECTIVE = re.compile(
    r"^\W*(?:but|however|yet|so|thus|therefore|hence|because|since|as|although|though|while|"
    r"whereas|and|also|moreover|furthermore|admittedly|indeed|in fact|of course|granted|"
    r"certainly|still|nevertheless|nonetheless|finally|first|second|third|ultimately|"
    r"in conclusion|overall)\b[\s,]*",
    re.I,
)


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
