"""Contracts for the pipeline stages. Any object with these methods plugs in.

Extraction and relation classification are separate stages so a user can pair the offline
discourse extractor with an LLM relation classifier, or the reverse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol, runtime_checkable

from argmap.errors import ArgmapError
from argmap.model.data import Claim, Document, Relation


class Role(str, Enum):
    """What a unit does in its document's argument."""

    CENTRAL = "central"
    PREMISE = "premise"
    OBJECTION = "objection"  # a view the author reports or concedes, against their own
    REBUTTAL = "rebuttal"  # the author's answer to an objection


@dataclass(frozen=True)
class ClaimUnit:
    """Where one claim sits in its document: what a relation stage that reads the document's
    layout needs, as typed fields rather than keys it has to hope are in ``Claim.metadata``."""

    role: Role
    sentence: int  # index of its sentence in the document
    clause: int = 0  # 0 for the first clause of its sentence
    paragraph: int = 0
    section: str = ""  # "pro" or "con" under a heading that takes a side, else ""
    turns: bool = False  # an objection that turns against the unit before it ("However, ...")


@dataclass
class Extraction:
    """What an extractor found in one document: its claims (one mention each) and its main claim.

    ``claims`` carry an initial stance; the pipeline settles the final stance from the relations.
    ``units``, when the extractor segments the document itself, runs parallel to ``claims``:
    an extractor that fills it declares ``gives = {"units"}``.
    """

    claims: list[Claim] = field(default_factory=list)
    main_claim: str | None = None
    units: list[ClaimUnit] | None = None

    def central_index(self) -> int:
        """Where the main claim sits among ``claims``: 0 when it names none of them (a relation
        stage then treats the first claim as the one the others lean on)."""
        ids = [c.id for c in self.claims]
        return ids.index(self.main_claim) if self.main_claim in ids else 0

    def __post_init__(self) -> None:
        if self.units is not None and len(self.units) != len(self.claims):
            raise ArgmapError(
                f"an extraction has {len(self.claims)} claims but {len(self.units)} units; "
                "units run parallel to claims"
            )


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


def check_pairing(extractor: Any, relations: Any) -> None:
    """Refuse a relation stage whose inputs the extractor does not give.

    A relation stage names what it reads beyond the claims in ``needs`` (the discourse
    relations read each claim's unit: its role, sentence, clause, paragraph, section and
    turns); an extractor names what it gives in ``gives``. A stage that names nothing needs
    and gives nothing extra: a third-party extractor pairs with the llm and cross-encoder
    relations as it is, and with the discourse relations once it declares
    ``gives = {"units"}`` and fills ``Extraction.units``. Refusing here is better than the silent
    defaults the relation stage would otherwise fall back on."""
    needs = set(getattr(relations, "needs", ()) or ())
    gives = set(getattr(extractor, "gives", ()) or ())
    missing = sorted(needs - gives)
    if missing:
        raise ArgmapError(
            f"the relation stage {getattr(relations, 'name', type(relations).__name__)!r} reads "
            f"{', '.join(missing)} that the extractor "
            f"{getattr(extractor, 'name', type(extractor).__name__)!r} does not give; pair it "
            "with an extractor that does (the discourse extractor) or choose another relation "
            "stage (llm, cross-encoder)"
        )
