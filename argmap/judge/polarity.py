"""Why cosine similarity is not enough: a claim and its negation embed almost identically.

These checks look at what an embedding blurs: negation, antonyms and numbers. They are rules of
English, applied to any pair. The word lists and patterns they use live in
:mod:`argmap.judge.polarity_words` and are re-exported here.
"""

from __future__ import annotations

import re

from argmap.judge.polarity_words import (
    _ANT,
    _CLAUSE,
    _DIMINISH,
    _ENDINGS,
    _FRAME_WORDS,
    _NEG,
    _NEGATIVE,
    _NUMBER_WORDS,
    _PREFIXES,
    _STOP,
    _TOKEN,
)
from argmap.judge.polarity_words import _ANTONYMS as _ANTONYMS


def tokens(text: str) -> list[str]:
    t = text.lower().replace("’", "'").replace("n't", " not")
    t = re.sub(r"\bcan not\b", "cannot", t)
    return _TOKEN.findall(t)


def negations(toks: list[str]) -> int:
    return sum(1 for t in toks if t in _NEG)


def _overlap(ta: list[str], tb: list[str]) -> float:
    skip = _NEG | _DIMINISH
    sa = {t for t in ta if t not in skip}
    sb = {t for t in tb if t not in skip}
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def _valence(toks: list[str]) -> int:
    """Parity of negators and negative comparatives: "not ... less safe" is positive again."""
    return (sum(1 for t in toks if t in _NEG or t in _NEGATIVE)) % 2


def polarity_conflict(a: str, b: str, quantities: bool = True) -> bool:
    """True when two similar texts likely say opposite things.

    Negation and "less" only count where the two texts otherwise share most of their words: in a
    loose paraphrase, "without" or "cannot" in one wording says nothing about polarity.
    Different figures ("12 million" / "80 million") keep two texts from merging; with
    ``quantities=False`` they do not count, for callers asking whether two texts take opposite
    sides -- both sides of a debate cite figures, and differ on them without disagreeing.
    """
    ta, tb = tokens(a), tokens(b)
    sa, sb = set(ta), set(tb)
    # an antonym under one more negation says the same again ("easier" / "not harder"), but
    # only when that is all that differs: with other words changed, the antonym and the
    # negation may each flip a different part ("open ... harder" / "closed ... not secure")
    same_negation = negations(ta) % 2 == negations(tb) % 2
    for w in sa - sb:
        partners = (_ANT.get(w, set()) & (sb - sa)) | {
            x for p in _PREFIXES for x in (p + w, w[len(p) :] if w.startswith(p) else "")
            if x and x in sb - sa
        }  # fmt: skip
        if not partners:
            continue
        rest = ((sa - sb) - {w}) | ((sb - sa) - partners)
        # otherwise the antonym and the negation cancel out: no conflict
        return bool(same_negation or w in _NEG or partners & _NEG or rest - _NEG)
    # "12 million" / "80 million" differ; "tens of millions" / "tens or hundreds of millions"
    # only add to each other
    if quantities and _quantities_differ(ta, tb):
        return True
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


def _stem(w: str) -> str:
    for suf in ("ing", "edly", "ed", "ly", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2]


def _root(w: str) -> str:
    """A word without one inflectional or derivational ending ("auditability" -> "audit")."""
    for end in _ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 4:
            w = w[: -len(end)]
            break
    return w[:-1] if len(w) > 3 and w[-1] == w[-2] else w  # "runn(ing)" -> "run"


def _same_word(x: str, y: str) -> bool:
    """Crude morphology: "open"/"openly", "auditable"/"auditability", "run"/"running".

    Only whole endings come off, so words that merely start alike ("internet"/"interest",
    "content"/"context") stay different.
    """
    rx, ry = _root(x), _root(y)
    if rx == ry:
        return True
    short, long_ = sorted((rx, ry), key=len)
    return len(short) >= 5 and long_.startswith(short) and len(long_) - len(short) <= 3


def shared_words(a: str, b: str) -> float:
    """Share of the shorter text's content words that the other text also uses (0..1)."""
    wa, wb = set(content_words(a)) - _NEG, set(content_words(b)) - _NEG
    if not wa or not wb:
        return 0.0
    short, other = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return sum(1 for w in short if any(_same_word(w, o) for o in other)) / len(short)


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


def _words(clause: str) -> set[str]:
    """Content words of a clause, from :func:`tokens` so that "don't" is "do not", not "don"."""
    skip = _STOP | _NEG | _FRAME_WORDS
    return {t for t in tokens(clause) if t.isalpha() and len(t) > 2 and t not in skip}


def _quantities_differ(ta: list[str], tb: list[str]) -> bool:
    """Both token lists state quantities and neither set of them contains the other."""
    na = {t for t in ta if t[0].isdigit() or t in _NUMBER_WORDS}
    nb = {t for t in tb if t[0].isdigit() or t in _NUMBER_WORDS}
    return bool(na and nb and not (na <= nb or nb <= na))


def same_statement(a: str, b: str, min_shared: float = 0.8) -> int:
    """Whether a clause of ``a`` and a clause of ``b`` make the same statement: -1 when one of
    them asserts what the other denies, 1 when they agree, 0 when no clause of one says what a
    clause of the other says.

    Two clauses say the same thing when they share ``min_shared`` of the content words of each
    (antonyms aside) and each has at least three: "that is security through obscurity" names
    only a subject, and does not restate "security through obscurity fails". Their polarity is
    opposite when one has one more negation, or an antonym ("harder" / "easier"); both together
    cancel out. Stricter than :func:`polarity_conflict`, which only has to keep two texts from
    merging and may err on the side of caution: taken as evidence that one claim *attacks*
    another, a "no" anywhere in a long sentence is too weak ("the data is kept secret, and the
    licence has restrictions no open licence would accept" does not deny that the data is kept
    secret), so polarity is compared clause by clause. Clauses with different quantities are
    not the same statement.
    """
    found = 0
    for ca in _CLAUSE.split(a):
        wa = _words(ca)
        if len(wa) < 3:
            continue
        for cb in _CLAUSE.split(b):
            wb = _words(cb)
            if len(wb) < 3:
                continue
            if _quantities_differ(tokens(ca), tokens(cb)):
                continue  # "costs 12 million" / "costs 80 million": not the same statement
            flips = {w for w in wa - wb if _ANT.get(w, set()) & (wb - wa)}
            partners = {x for w in flips for x in _ANT[w] & (wb - wa)}
            ra, rb = wa - flips, wb - partners
            common = shared_words(" ".join(ra), " ".join(rb)) * min(len(ra), len(rb))
            if common < min_shared * max(len(ra), len(rb)):
                continue
            negated = negations(tokens(ca)) % 2 != negations(tokens(cb)) % 2
            if negated != (len(flips) % 2 == 1):
                return -1
            found = 1
    return found


def restates(claim: str, meta: str, min_shared: float = 0.6) -> int:
    """Whether ``meta``, a claim about a claim ("Saying X assumes Y", "The claim that X is
    wrong"), is about what ``claim`` asserts: 1 when it is about that very claim, -1 when
    ``claim`` denies the claim ``meta`` is about, 0 when ``meta`` is about something else.

    ``meta`` is about ``claim`` when it holds ``min_shared`` of its content words; the claim
    it is about runs up to the last of them, and its polarity is compared there, not over the
    whole sentence (whose own verdict, "is wrong", "ignores the data", is what it says of it).
    """
    words = _words(claim)
    if len(words) < 3:
        return 0
    toks = tokens(meta)
    hits = [i for i, t in enumerate(toks) if any(_same_word(t, w) for w in words)]
    found = {w for w in words if any(_same_word(toks[i], w) for i in hits)}
    if len(found) < min_shared * len(words):
        return 0
    inner = toks[: hits[-1] + 1]
    return -1 if negations(inner) % 2 != negations(tokens(claim)) % 2 else 1
