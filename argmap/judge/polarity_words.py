"""The word lists and patterns behind :mod:`argmap.judge.polarity`: negators, antonyms, figures,
stop words, endings and clause breaks.

Split out so that the English data sits apart from the rules that use it; every name here is
also importable from :mod:`argmap.judge.polarity`.
"""

from __future__ import annotations

import re

from argmap.lang import words

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_NEG = words("negation") | {"seldom"}
_ANTONYMS = [
    ("harder", "easier"),
    ("hard", "easy"),
    ("more", "less"),
    ("more", "fewer"),
    ("increase", "decrease"),
    ("increases", "decreases"),
    ("increased", "decreased"),
    ("raise", "lower"),
    ("raises", "lowers"),
    ("higher", "lower"),
    ("high", "low"),
    ("better", "worse"),
    ("good", "bad"),
    ("best", "worst"),
    ("safer", "riskier"),
    ("safe", "unsafe"),
    ("safe", "dangerous"),
    ("secure", "insecure"),
    ("strengthen", "weaken"),
    ("strengthens", "weakens"),
    ("help", "hurt"),
    ("helps", "hurts"),
    ("helps", "harms"),
    ("help", "harm"),
    ("benefit", "harm"),
    ("benefits", "harms"),
    ("speeds", "slows"),
    ("speed", "slow"),
    ("accelerate", "slow"),
    ("accelerates", "slows"),
    ("faster", "slower"),
    ("open", "closed"),
    ("always", "never"),
    ("all", "none"),
    ("cheap", "expensive"),
    ("cheaper", "costlier"),
    ("possible", "impossible"),
    ("legal", "illegal"),
    ("likely", "unlikely"),
    ("true", "false"),
    ("right", "wrong"),
    ("win", "lose"),
    ("gain", "loss"),
    ("support", "oppose"),
    ("supports", "opposes"),
    ("agree", "disagree"),
    ("allow", "forbid"),
    ("allow", "prevent"),
    ("allows", "prevents"),
    ("enable", "prevent"),
    ("enables", "prevents"),
    ("encourage", "discourage"),
    ("encourages", "discourages"),
    ("reduce", "increase"),
    ("reduces", "increases"),
    ("improve", "worsen"),
    ("improves", "worsens"),
    ("rise", "fall"),
    ("rises", "falls"),
    ("grow", "shrink"),
    ("grows", "shrinks"),
    ("up", "down"),
    ("pro", "anti"),
    ("for", "against"),
    ("transparent", "opaque"),
    ("public", "private"),
    ("public", "secret"),
    ("centralised", "decentralised"),
    ("centralized", "decentralized"),
    ("democratise", "concentrate"),
    ("democratize", "concentrate"),
    ("succeed", "fail"),
    ("succeeds", "fails"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("many", "few"),
    ("most", "least"),
    ("most", "few"),
    ("allows", "forbids"),
    ("allow", "ban"),
    ("allows", "bans"),
    ("permits", "forbids"),
    ("permit", "prohibit"),
    ("permits", "prohibits"),
    ("rare", "common"),
    ("rarely", "often"),
    ("concentrate", "spread"),
    ("concentrates", "spreads"),
    ("concentrate", "distribute"),
    ("include", "exclude"),
    ("includes", "excludes"),
    ("accept", "reject"),
    ("accepts", "rejects"),
    ("cause", "prevent"),
    ("causes", "prevents"),
    ("protect", "endanger"),
    ("protects", "endangers"),
    ("gain", "lose"),
    ("gains", "loses"),
    ("add", "remove"),
    ("adds", "removes"),
    ("before", "after"),
    ("above", "below"),
    ("maximise", "minimise"),
    ("maximize", "minimize"),
    ("overestimate", "underestimate"),
    ("attack", "defend"),
    ("attacks", "defends"),
    ("attacker", "defender"),
    ("attackers", "defenders"),
    ("offence", "defence"),
    ("offense", "defense"),
    ("offensive", "defensive"),
]
_ANT: dict[str, set[str]] = {}
for a, b in _ANTONYMS:
    _ANT.setdefault(a, set()).add(b)
    _ANT.setdefault(b, set()).add(a)

_PREFIXES = ("un", "in", "ir", "im", "il", "dis", "non")
_DIMINISH = frozenset({"less", "fewer", "lower", "lesser"})

_NEGATIVE = frozenset(
    [
        "less",
        "fewer",
        "lower",
        "harder",
        "worse",
        "difficult",
        "unsafe",
        "insecure",
        "dangerous",
        "riskier",
        "weaker",
        "slower",
    ]
)

# Quantities in words: "a few hundred dollars" and "a few thousand dollars" embed alike.
_NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "tens",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
        "trillion",
        "trillions",
        "dozen",
        "dozens",
    ]
)

_STOP = words("stop")

_ENDINGS = sorted(
    [
        "ability",
        "ibility",
        "ation",
        "ition",
        "ness",
        "ment",
        "able",
        "ible",
        "ity",
        "ing",
        "ion",
        "ive",
        "ies",
        "ed",
        "es",
        "ly",
        "er",
        "al",
        "s",
        "e",
        "y",
    ],
    key=len,
    reverse=True,
)

_CLAUSE = re.compile(r"[,;:—–()]|\s(?:but|and|which|while|whereas|because|since|than)\s", re.I)

# "it is (not) true that X", "it is not the case that X": a frame around X, not part of it
_FRAME_WORDS = frozenset(["true", "case", "fact"])
