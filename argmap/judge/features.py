"""What the judge sees of a pair of texts: their sentence vectors, and the old rules as features.

The hand-written polarity tests (negation, antonyms, figures, clause-level denial) were once
decisions; here each is one number the trained head weighs beside the vectors. So are a few
word lists (the lexicon's ``judge.*`` lists, ``argmap/lang/en/lexicon.json``): what a claim
praises or condemns, and whether a motion takes something away ("ban", "abolish") or grants it
("allow", "fund") -- the product of the two is the usual shape of a side ("X harms children" is
for banning X).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from argmap import lang
from argmap.judge.polarity import (
    negations,
    polarity_conflict,
    same_statement,
    shared_words,
    tokens,
)
from argmap.units.cues import is_question
from argmap.units.proposition import core_text, is_meta

_NUMBER = re.compile(r"\d")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The judge's word lists, by their short names (``positive`` is ``judge.positive``)."""
    return {
        name.removeprefix("judge."): lang.words(name)
        for name in lang.lexicon()
        if name.startswith("judge.")
    }


LEXICAL_NAMES: tuple[str, ...] = (
    "cosine",
    "shared_words",
    "polarity_conflict",
    "polarity_conflict_no_figures",
    "same_statement_agrees",
    "same_statement_denies",
    "negations_a",
    "negations_b",
    "negation_parity_differs",
    "figures_both",
    "figures_differ",
    "question_a",
    "question_b",
    "motion_frame_b",
    "restrict_b",
    "permit_b",
    "valence_a",
    "valence_b",
    "valence_a_x_direction_b",
    "valence_a_x_negated_b",
    "hedge_a",
    "meta_a",
    "meta_b",
    "length_a",
    "length_b",
    "length_ratio",
)


def _valence(toks: Sequence[str], lex: dict[str, frozenset[str]]) -> float:
    """Praise minus blame, flipped by an odd number of negations ("does not help")."""
    pos = sum(1 for t in toks if t in lex["positive"])
    neg = sum(1 for t in toks if t in lex["negative"])
    v = math.tanh(pos - neg)
    return -v if negations(list(toks)) % 2 else v


def lexical(a: str, b: str, cosine: float) -> list[float]:
    """The rule features of one pair, in the order of :data:`LEXICAL_NAMES`."""
    lex = lexicon()
    ta, tb = tokens(a), tokens(b)
    na, nb = negations(ta), negations(tb)
    ca, cb = core_text(a), core_text(b)
    said = same_statement(ca, cb)
    fig_a, fig_b = bool(_NUMBER.search(a)), bool(_NUMBER.search(b))
    low_b = " ".join(tb)
    frame_b = any(low_b.startswith(p.rstrip(":")) for p in lex["motion_frame"])
    restrict_b = sum(1 for t in tb if t in lex["restrict"])
    permit_b = sum(1 for t in tb if t in lex["permit"])
    direction_b = math.tanh(permit_b - restrict_b)
    va, vb = _valence(ta, lex), _valence(tb, lex)
    neg_b = -1.0 if nb % 2 else 1.0
    la, lb = max(1, len(ta)), max(1, len(tb))
    conflict, conflict_no_figures = polarity_conflict(a, b), polarity_conflict(a, b, False)
    return [
        cosine,
        shared_words(a, b),
        float(conflict),
        float(conflict_no_figures),
        float(said > 0),
        float(said < 0),
        min(na, 3) / 3,
        min(nb, 3) / 3,
        float(na % 2 != nb % 2),
        float(fig_a and fig_b),
        float(fig_a and fig_b and conflict and not conflict_no_figures),
        float(is_question(a)),
        float(is_question(b)),
        float(frame_b),
        min(restrict_b, 3) / 3,
        min(permit_b, 3) / 3,
        va,
        vb,
        va * direction_b,
        va * neg_b,
        min(sum(1 for t in ta if t in lex["hedge"]), 3) / 3,
        float(is_meta(ca)),
        float(is_meta(cb)),
        math.log(la) / 4,
        math.log(lb) / 4,
        math.log(la / lb) / 2,
    ]


def pair_features(
    a_texts: Sequence[str], b_texts: Sequence[str], u: np.ndarray, v: np.ndarray
) -> np.ndarray:
    """One row per pair: ``u·v`` elementwise, ``|u − v|``, then the rule features.

    The raw vectors ``u`` and ``v`` are left out on purpose: they name the topic, and a head that
    sees the topic learns which topics lean which way instead of what a side looks like.
    """
    cos = np.einsum("ij,ij->i", u, v)
    lex = np.array(
        [lexical(a, b, float(c)) for a, b, c in zip(a_texts, b_texts, cos, strict=True)],
        dtype=np.float32,
    ).reshape(len(a_texts), len(LEXICAL_NAMES))
    return np.hstack([u * v, np.abs(u - v), lex]).astype(np.float32)
