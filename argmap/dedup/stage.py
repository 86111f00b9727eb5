"""Dedup as a pipeline stage: near-duplicate claims of all documents become one node.

Behind a Protocol like the other stages, so a user can pass another way of merging (exact
text only, a different model) and the map records which one ran and with what thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from argmap.dedup.apply import merge
from argmap.dedup.merge import DEFAULT_THRESHOLD, SAME_DOCUMENT_THRESHOLD
from argmap.embed.base import Embedder
from argmap.errors import ArgmapError
from argmap.model.data import Claim, Relation


@runtime_checkable
class Deduplicator(Protocol):
    name: str

    def merge(
        self, claims: Sequence[Claim], relations: Sequence[Relation]
    ) -> tuple[list[Claim], list[Relation]]: ...


class EmbeddingDeduplicator:
    """Merges claims whose propositions are closer than ``threshold`` in embedding space
    (stricter, ``same_document_threshold``, inside one document), with polarity vetoes."""

    name = "embedding"

    def __init__(
        self,
        embedder: Embedder,
        threshold: float = DEFAULT_THRESHOLD,
        same_document_threshold: float = SAME_DOCUMENT_THRESHOLD,
    ) -> None:
        for label, value in (
            ("threshold", threshold),
            ("same_document_threshold", same_document_threshold),
        ):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ArgmapError(f"dedup {label} must be a number, not {value!r}")
            if not 0.0 < float(value) <= 1.0:
                raise ArgmapError(f"dedup {label} must be in (0, 1], not {value}")
        self.embedder = embedder
        self.threshold = float(threshold)
        self.same_document_threshold = float(same_document_threshold)

    def merge(
        self, claims: Sequence[Claim], relations: Sequence[Relation]
    ) -> tuple[list[Claim], list[Relation]]:
        return merge(claims, relations, self.embedder, self.threshold, self.same_document_threshold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "threshold": self.threshold,
            "same_document_threshold": self.same_document_threshold,
        }
