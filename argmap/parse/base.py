"""Contracts for the pipeline stages. Any object with these methods plugs in.

Extraction and relation classification are separate stages so a user can pair the offline
discourse extractor with an LLM relation classifier, or the reverse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from argmap.model.data import Claim, Document, Relation


@dataclass
class Extraction:
    """What an extractor found in one document: its claims (one mention each) and its main claim.

    ``claims`` carry an initial stance; the pipeline settles the final stance from the relations.
    """

    claims: list[Claim] = field(default_factory=list)
    main_claim: str | None = None


@runtime_checkable
class ClaimExtractor(Protocol):
    name: str

    def extract(self, document: Document) -> Extraction: ...


@runtime_checkable
class CorpusAware(Protocol):
    """An extractor that reads the documents of a build together before extracting from each
    (the discourse extractor weighs a short text's main claim against the others'). Optional:
    the pipeline calls ``prepare`` when a stage has it, and ``prepare(())`` when the build ends.
    """

    def prepare(self, documents: Sequence[Document]) -> None: ...


@runtime_checkable
class RelationClassifier(Protocol):
    name: str

    def relate(self, document: Document, extraction: Extraction) -> list[Relation]: ...


@runtime_checkable
class PairClassifier(Protocol):
    """Labels candidate claim pairs across documents: 'supports', 'attacks' or None (unrelated)."""

    name: str

    def classify_pairs(
        self, pairs: Sequence[tuple[str, str]]
    ) -> list[tuple[str | None, float]]: ...
