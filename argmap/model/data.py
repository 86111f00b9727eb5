"""The plain data model: documents, mentions into their text, claims and relations.

Everything here is a frozen dataclass with ``to_dict``/``from_dict`` that round-trip exactly, so a
map saved, loaded and saved again is byte-identical. A mention is three numbers into the stored,
cleaned document text; its text is read from the document, never copied from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from argmap.errors import MentionError
from argmap.ids import document_id

Stance = Literal["pro", "con"]
RelationType = Literal["supports", "attacks"]
STANCES: tuple[str, ...] = ("pro", "con")
RELATION_TYPES: tuple[str, ...] = ("supports", "attacks")


@dataclass(frozen=True)
class Document:
    """A source after cleaning. ``text`` is what was analysed; every offset points into it."""

    id: str
    source: str
    title: str
    text: str
    media_type: str = "text/plain"
    main_claim: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    position: str | None = None
    position_confidence: float | None = None

    def __hash__(self) -> int:
        return hash(self.id)

    @classmethod
    def create(
        cls,
        text: str,
        source: str,
        title: str = "",
        media_type: str = "text/plain",
        metadata: Mapping[str, Any] | None = None,
    ) -> Document:
        return cls(
            id=document_id(text),
            source=source,
            title=title,
            text=text,
            media_type=media_type,
            metadata=dict(metadata or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "media_type": self.media_type,
            "main_claim": self.main_claim,
            "metadata": dict(self.metadata),
        }
        if self.position is not None:
            d["position"] = self.position
            d["position_confidence"] = self.position_confidence
        d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Document:
        return cls(
            id=str(d["id"]),
            source=str(d.get("source", "")),
            title=str(d.get("title", "")),
            text=str(d["text"]),
            media_type=str(d.get("media_type", "text/plain")),
            main_claim=_opt_str(d.get("main_claim"), "main_claim"),
            metadata=dict(d.get("metadata") or {}),
            position=_opt_str(d.get("position"), "position"),
            position_confidence=_opt_float(d.get("position_confidence")),
        )


def _opt_str(x: Any, field_name: str) -> str | None:
    """A claim id or label, or nothing: a list or number here is a malformed file, not a value."""
    if x is None or isinstance(x, str):
        return x
    raise ValueError(f"{field_name} must be a string, not {type(x).__name__}")


def _opt_float(x: Any) -> float | None:
    return None if x is None else float(x)


@dataclass(frozen=True)
class Mention:
    """Characters ``[start, end)`` of one document's stored text."""

    document: str
    start: int
    end: int

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Mention:
        """Make a mention, checking it points at real, non-blank characters of ``doc``."""
        if not (0 <= start < end <= len(doc.text)):
            raise MentionError(
                f"mention [{start}, {end}) is outside document {doc.id} ({len(doc.text)} chars)"
            )
        if not doc.text[start:end].strip():
            raise MentionError(f"mention [{start}, {end}) of document {doc.id} is blank")
        return cls(doc.id, start, end)

    def text_in(self, doc: Document) -> str:
        if doc.id != self.document:
            raise MentionError(f"mention of {self.document} read from document {doc.id}")
        return doc.text[self.start : self.end]

    def to_dict(self, doc: Document | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {"document": self.document, "start": self.start, "end": self.end}
        if doc is not None:
            d["text"] = self.text_in(doc)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Mention:
        return cls(str(d["document"]), int(d["start"]), int(d["end"]))


@dataclass(frozen=True)
class Member:
    """One claim as extracted, before dedup merged it into a node; kept so a merge can be undone."""

    id: str
    text: str
    mentions: tuple[Mention, ...]
    stance: str
    confidence: float
    similarity: float = 1.0
    stage: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "stance": self.stance,
            "confidence": self.confidence,
            "similarity": self.similarity,
            "stage": self.stage,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Member:
        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            mentions=tuple(Mention.from_dict(m) for m in d.get("mentions", [])),
            stance=str(d.get("stance", "pro")),
            confidence=float(d.get("confidence", 1.0)),
            similarity=float(d.get("similarity", 1.0)),
            stage=str(d.get("stage", "")),
        )


@dataclass(frozen=True)
class Claim:
    """A node of the map: one point, made in one or more places.

    ``stance`` is toward the main claim of the document it came from (for a merged claim, that of
    its canonical member); ``side`` is toward the debate's question (``pro`` / ``con`` /
    ``neutral``), with the evidence that decided it in ``side_source``. ``members`` lists what dedup merged into it; a claim that merged
    nothing has no members recorded.
    """

    id: str
    text: str
    mentions: tuple[Mention, ...]
    stance: str = "pro"
    confidence: float = 1.0
    stage: str = ""
    members: tuple[Member, ...] = ()
    acceptance: str | None = None
    strength: float | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    side: str | None = None
    side_confidence: float | None = None
    side_source: str | None = None

    def __post_init__(self) -> None:
        if not self.mentions:
            raise MentionError(f"claim {self.id} has no mention")

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def documents(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.document, None)
        return tuple(seen)

    def with_(self, **changes: Any) -> Claim:
        return replace(self, **changes)

    def to_dict(self, docs: Mapping[str, Document] | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "stance": self.stance,
            "confidence": self.confidence,
            "stage": self.stage,
            "mentions": [
                m.to_dict(docs.get(m.document) if docs is not None else None) for m in self.mentions
            ],
            "sources": len(self.documents),
        }
        if self.members:
            d["members"] = [m.to_dict() for m in self.members]
        if self.acceptance is not None:
            d["acceptance"] = self.acceptance
        if self.strength is not None:
            d["strength"] = self.strength
        if self.side is not None:
            d["side"] = self.side
            d["side_confidence"] = self.side_confidence
            d["side_source"] = self.side_source
        if self.metadata:
            d["metadata"] = dict(self.metadata)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Claim:
        return cls(
            id=str(d["id"]),
            text=str(d["text"]),
            mentions=tuple(Mention.from_dict(m) for m in d.get("mentions", [])),
            stance=str(d.get("stance", "pro")),
            confidence=float(d.get("confidence", 1.0)),
            stage=str(d.get("stage", "")),
            members=tuple(Member.from_dict(m) for m in d.get("members", [])),
            acceptance=d.get("acceptance"),
            strength=None if d.get("strength") is None else float(d["strength"]),
            metadata=dict(d.get("metadata") or {}),
            side=d.get("side"),
            side_confidence=_opt_float(d.get("side_confidence")),
            side_source=d.get("side_source"),
        )


@dataclass(frozen=True)
class Relation:
    """``source`` supports or attacks ``target``.

    ``count`` is how many extracted relations were combined into this edge after dedup;
    ``pairs`` keeps the member-level (source, target) ids so a merge can be undone. ``rule``
    names what the stage read the relation from (a connective, a role, position), so a reader
    can see why an edge is there (the ``discourse`` stage sets ``confidence`` to that rule's
    measured precision).
    """

    source: str
    target: str
    type: str
    confidence: float = 1.0
    stage: str = ""
    count: int = 1
    scope: str = "document"
    pairs: tuple[tuple[str, str], ...] = ()
    rule: str = ""
    inference: tuple[str, ...] = ()
    """``(premise, conclusion)`` when this attack is on the inference from one claim to another
    (an undercut: AIF's conflict on an inference node), not on a claim; ``target`` is then the
    conclusion, so claim-level readers see the claim whose support it weakens."""

    def __post_init__(self) -> None:
        if self.inference and (len(self.inference) != 2 or self.type != "attacks"):
            raise ValueError("inference must be (premise, conclusion) on an attacks relation")
        if self.type not in RELATION_TYPES:
            raise ValueError(f"relation type must be one of {RELATION_TYPES}, not {self.type!r}")

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "target": self.target,
            "type": self.type,
            "confidence": self.confidence,
            "stage": self.stage,
            "count": self.count,
            "scope": self.scope,
        }
        if self.pairs:
            d["pairs"] = [list(p) for p in self.pairs]
        if self.rule:
            d["rule"] = self.rule
        if self.inference:
            d["inference"] = list(self.inference)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Relation:
        return cls(
            source=str(d["source"]),
            target=str(d["target"]),
            type=str(d["type"]),
            confidence=float(d.get("confidence", 1.0)),
            stage=str(d.get("stage", "")),
            count=int(d.get("count", 1)),
            scope=str(d.get("scope", "document")),
            pairs=tuple((str(a), str(b)) for a, b in d.get("pairs", [])),
            rule=str(d.get("rule", "")),
            inference=tuple(str(x) for x in d.get("inference", ())),
        )


def round_conf(x: float) -> float:
    """Confidences are stored to 4 places so JSON round trips are exact and diffs stay readable."""
    return round(float(x), 4)


def unique_documents(docs: Sequence[Document]) -> list[Document]:
    seen: set[str] = set()
    out = []
    for d in docs:
        if d.id not in seen:
            seen.add(d.id)
            out.append(d)
    return out


SIDES: tuple[str, ...] = ("pro", "con", "neutral")
POSITIONS: tuple[str, ...] = ("for", "against", "mixed", "neutral")


@dataclass(frozen=True)
class KeyPoint:
    """A point several sources make, looser than a dedup merge: its member claims, its most
    central wording as ``label``, and whether the sides fight over it (``crux``)."""

    id: str
    label: str
    side: str
    claims: tuple[str, ...]
    documents: int
    mentions: int
    side_confidence: float = 0.0
    attacks: int = 0
    defences: int = 0
    crux: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "side": self.side,
            "side_confidence": self.side_confidence,
            "documents": self.documents,
            "mentions": self.mentions,
            "claims": list(self.claims),
            "attacks": self.attacks,
            "defences": self.defences,
            "crux": self.crux,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> KeyPoint:
        return cls(
            id=str(d["id"]),
            label=str(d["label"]),
            side=str(d.get("side", "neutral")),
            claims=tuple(str(x) for x in d.get("claims", [])),
            documents=int(d.get("documents", 0)),
            mentions=int(d.get("mentions", 0)),
            side_confidence=float(d.get("side_confidence", 0.0)),
            attacks=int(d.get("attacks", 0)),
            defences=int(d.get("defences", 0)),
            crux=bool(d.get("crux", False)),
        )
