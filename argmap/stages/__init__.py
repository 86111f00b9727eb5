"""Pipeline stages: claim extraction and relation classification."""

from .base import ClaimExtractor, Extraction, PairClassifier, RelationClassifier
from .discourse import DiscourseExtractor, DiscourseRelations

__all__ = [
    "ClaimExtractor",
    "RelationClassifier",
    "PairClassifier",
    "Extraction",
    "DiscourseExtractor",
    "DiscourseRelations",
]
