"""Why cosine similarity is not enough: a claim and its negation embed almost identically.

These checks look at what an embedding blurs: negation, antonyms and numbers. They are rules of
English, applied to any pair.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_NEG = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "cannot",
        "without",
        "hardly",
        "barely",
        "rarely",
        "seldom",
    ]
)
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
    ("safer", "more dangerous"),
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
    ("cheaper", "more expensive"),
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
    ("must", "must not"),
    ("should", "should not"),
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
]
_ANT: dict[str, set[str]] = {}
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


_PREFIXES = ("un", "in", "ir", "im", "il", "dis", "non")
_DIMINISH = frozenset({"less", "fewer", "lower", "lesser"})


def _overlap(ta: list[str], tb: list[str]) -> float:
    skip = _NEG | _DIMINISH
    sa = {t for t in ta if t not in skip}
    sb = {t for t in tb if t not in skip}
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


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


def _valence(toks: list[str]) -> int:
    """Parity of negators and negative comparatives: "not ... less safe" is positive again."""
    return (sum(1 for t in toks if t in _NEG or t in _NEGATIVE)) % 2


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


def polarity_conflict(a: str, b: str) -> bool:
    """True when two similar texts likely say opposite things.

    Negation and "less" only count where the two texts otherwise share most of their words: in a
    loose paraphrase, "without" or "cannot" in one wording says nothing about polarity.
    """
    ta, tb = tokens(a), tokens(b)
    sa, sb = set(ta), set(tb)
    # an antonym under one more negation says the same again: "not impossible" / "possible"
    same_negation = negations(ta) % 2 == negations(tb) % 2
    swapped = False  # an antonym pair: one more flip of polarity, cancelled by one negation
    for w in sa - sb:
        partners = _ANT.get(w, set()) & (sb - sa)
        if partners:
            if same_negation or w in _NEG or partners & _NEG:  # "always" / "never"
                return True
            swapped = True
        for p in _PREFIXES:  # "reversible" / "irreversible"
            if (p + w) in sb - sa or (w.startswith(p) and w[len(p) :] in sb - sa):
                if same_negation:
                    return True
                swapped = True
    na = {t for t in ta if t[0].isdigit() or t in _NUMBER_WORDS}
    nb = {t for t in tb if t[0].isdigit() or t in _NUMBER_WORDS}
    if na and nb and na != nb:
        return True
    if swapped:  # "easier" / "not harder": an antonym and a negation cancel out
        return False
    overlap = _overlap(ta, tb)
    if overlap >= 0.3 and _valence(ta) != _valence(tb):
        return True
    if overlap < 0.6:
        return False
    if not same_negation:
        return True
    if bool(sa & _DIMINISH) != bool(sb & _DIMINISH):
        return True
    # the same words in another order around a comparison: "A more than B" / "B more than A"
    ca = [t for t in ta if t not in _NEG]
    cb = [t for t in tb if t not in _NEG]
    return sorted(ca) == sorted(cb) and ca != cb and "than" in sa


_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "nor",
        "but",
        "as",
        "is",
        "are",
        "be",
        "been",
        "being",
        "was",
        "were",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "them",
        "we",
        "our",
        "you",
        "your",
        "i",
        "my",
        "he",
        "she",
        "his",
        "her",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "up",
        "down",
        "out",
        "so",
        "than",
        "then",
        "very",
        "also",
        "even",
        "just",
        "only",
        "any",
        "some",
        "all",
        "each",
        "such",
        "into",
        "over",
        "about",
        "after",
        "before",
        "because",
        "while",
        "if",
        "when",
        "which",
        "who",
        "whom",
        "what",
        "how",
        "why",
        "get",
        "gets",
        "got",
        "make",
        "makes",
        "made",
    ]
)


def _stem(w: str) -> str:
    for suf in ("ing", "edly", "ed", "ly", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2]


def substituted_words(a: str, b: str) -> tuple[str, str] | None:
    """When two texts differ in exactly one content word each, that pair of words; else None.

    "Open models are harder to secure" / "... harder to maintain": same frame, another point.
    """
    wa, wb = content_words(a), content_words(b)
    sa, sb = {_stem(w) for w in wa}, {_stem(w) for w in wb}
    ua = sorted({w for w in wa if _stem(w) not in sb})
    ub = sorted({w for w in wb if _stem(w) not in sa})
    if len(ua) == 1 and len(ub) == 1:
        return ua[0], ub[0]
    return None


class PairVeto:
    """Vetoes a merge of two similar texts that likely make different points.

    Two checks an embedding blurs: opposite polarity (negation, antonyms, numbers), and a minimal
    pair — the texts share their frame and differ in one content word that is not a synonym.
    """

    def __init__(self, embedder: object | None = None, synonym_floor: float = 0.6) -> None:
        self.embedder = embedder
        self.synonym_floor = synonym_floor

    def __call__(self, a: str, b: str) -> bool:
        if polarity_conflict(a, b):
            return True
        sub = substituted_words(a, b)
        if sub is None or self.embedder is None:
            return False
        v = self.embedder.encode(list(sub))  # type: ignore[attr-defined]
        return float(v[0] @ v[1]) < self.synonym_floor
