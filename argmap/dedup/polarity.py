"""Why cosine similarity is not enough: a claim and its negation embed almost identically.

These checks look at what an embedding blurs: negation, antonyms and numbers. They are rules of
English, applied to any pair.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_NEG = frozenset("not no never none nobody nothing neither nor cannot without hardly barely "
                 "rarely seldom".split())
_ANTONYMS = [
    ("harder", "easier"), ("hard", "easy"), ("more", "less"), ("more", "fewer"),
    ("increase", "decrease"), ("increases", "decreases"), ("increased", "decreased"),
    ("raise", "lower"), ("raises", "lowers"), ("higher", "lower"), ("high", "low"),
    ("better", "worse"), ("good", "bad"), ("best", "worst"), ("safer", "riskier"),
    ("safe", "unsafe"), ("safe", "dangerous"), ("secure", "insecure"), ("safer", "more dangerous"),
    ("strengthen", "weaken"), ("strengthens", "weakens"), ("help", "hurt"), ("helps", "hurts"),
    ("helps", "harms"), ("help", "harm"), ("benefit", "harm"), ("benefits", "harms"),
    ("speeds", "slows"), ("speed", "slow"), ("accelerate", "slow"), ("accelerates", "slows"),
    ("faster", "slower"), ("open", "closed"), ("always", "never"), ("all", "none"),
    ("cheap", "expensive"), ("cheaper", "costlier"), ("cheaper", "more expensive"),
    ("possible", "impossible"), ("legal", "illegal"), ("likely", "unlikely"),
    ("true", "false"), ("right", "wrong"), ("win", "lose"), ("gain", "loss"),
    ("support", "oppose"), ("supports", "opposes"), ("agree", "disagree"),
    ("allow", "forbid"), ("allow", "prevent"), ("allows", "prevents"), ("enable", "prevent"),
    ("enables", "prevents"), ("encourage", "discourage"), ("encourages", "discourages"),
    ("reduce", "increase"), ("reduces", "increases"), ("improve", "worsen"),
    ("improves", "worsens"), ("rise", "fall"), ("rises", "falls"), ("grow", "shrink"),
    ("grows", "shrinks"), ("up", "down"), ("pro", "anti"), ("for", "against"),
    ("must", "must not"), ("should", "should not"), ("transparent", "opaque"),
    ("public", "private"), ("public", "secret"), ("centralised", "decentralised"),
    ("centralized", "decentralized"), ("democratise", "concentrate"),
    ("democratize", "concentrate"), ("succeed", "fail"), ("succeeds", "fails"),
    ("strong", "weak"), ("stronger", "weaker"), ("many", "few"), ("most", "least"),
]
_ANT = {}
for a, b in _ANTONYMS:
    _ANT.setdefault(a, set()).add(b)
    _ANT.setdefault(b, set()).add(a)


def tokens(text: str) -> list[str]:
    t = text.lower().replace("n't", " not").replace("’", "'")
    t = re.sub(r"\bcan not\b", "cannot", t)
    return _TOKEN.findall(t)


def negations(toks: list[str]) -> int:
    n = sum(1 for t in toks if t in _NEG)
    n += sum(1 for t in toks if t.startswith(("un", "in", "im", "ir", "il")) and False)
    return n


def polarity_conflict(a: str, b: str) -> bool:
    """True when two similar texts likely say opposite things."""
    ta, tb = tokens(a), tokens(b)
    if negations(ta) % 2 != negations(tb) % 2:
        return True
    sa, sb = set(ta), set(tb)
    for w in sa - sb:
        if _ANT.get(w, set()) & (sb - sa):
            return True
    na = {t for t in ta if t[0].isdigit()}
    nb = {t for t in tb if t[0].isdigit()}
    return bool(na and nb and na != nb)
