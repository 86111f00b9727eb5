"""The judge's contract: what one pair of claims is to each other, and a claim's side on a question.

Every place that weighs a pair of claims (dedup's merge veto, cross-document links, each claim's
side toward the debated question) asks one object that satisfies :class:`PairJudge`, so a better
judge -- a bigger model a user has, a fine-tuned cross-encoder -- improves all of them at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

PAIR_LABELS: tuple[str, ...] = ("same", "supports", "attacks", "unrelated")
STANCE_LABELS: tuple[str, ...] = ("pro", "con", "neutral")


@dataclass(frozen=True)
class Verdict:
    """A label with the judge's probability for it; ``scores`` holds every label's."""

    label: str
    confidence: float
    scores: Mapping[str, float] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.label} ({self.confidence:.2f})"


@runtime_checkable
class PairJudge(Protocol):
    """Judges pairs in batches: one call for a whole map, never one per pair."""

    name: str

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Verdict]:
        """For each ``(a, b)``: ``same`` | ``supports`` | ``attacks`` | ``unrelated``, read as
        what ``a`` does to ``b``."""
        ...

    def stance(self, question: str, claims: Sequence[str]) -> list[Verdict]:
        """For each claim: ``pro`` | ``con`` | ``neutral`` toward a question or motion."""
        ...
