"""The learned judge of claim pairs, and each claim's side toward a question.

import argmap
argmap.judge([("Uniforms cost families little.", "Uniforms are expensive.")])
argmap.stance_to("Should schools require uniforms?", ["Uniforms stop teasing."])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from argmap.judge.base import PAIR_LABELS, STANCE_LABELS, PairJudge, Verdict
from argmap.judge.cross import CrossJudge
from argmap.judge.minilm import MiniLMJudge

_DEFAULT: list[PairJudge] = []


def default_judge(embedder: Any = None) -> PairJudge:
    """The shipped judge, made once per process.

    It is the cross judge (:class:`CrossJudge`): it reads its own MiniLM layers, whatever
    embedder the map uses, so ``embedder`` does not change it. :class:`MiniLMJudge` (heads over
    the map's frozen sentence vectors) stays available as the cheaper, weaker option."""
    del embedder
    if not _DEFAULT:
        _DEFAULT.append(CrossJudge())
    return _DEFAULT[0]


def judge(pairs: Sequence[tuple[str, str]], judge: PairJudge | None = None) -> list[Verdict]:
    """What ``a`` does to ``b`` for each pair: same, supports, attacks or unrelated."""
    return (judge or default_judge()).judge(pairs)


def stance_to(
    question: str, claims: Sequence[str], judge: PairJudge | None = None
) -> list[Verdict]:
    """Each claim's side toward a question or motion (``pro``, ``con`` or ``neutral``), in one
    batched, offline call. Works for yes/no questions ("Should X?") and motions ("This house
    would X", "We should Y") on any topic."""
    if not str(question).strip():
        from argmap.errors import ArgmapError

        raise ArgmapError("stance_to needs a question or motion")
    return (judge or default_judge()).stance(question, list(claims))


__all__ = [
    "PAIR_LABELS",
    "STANCE_LABELS",
    "PairJudge",
    "Verdict",
    "CrossJudge",
    "MiniLMJudge",
    "default_judge",
    "judge",
    "stance_to",
]
