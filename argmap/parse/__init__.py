"""Pipeline stages: claim extraction and relation classification."""

from argmap.parse.base import ClaimExtractor, Extraction, PairClassifier, RelationClassifier
from argmap.parse.discourse import DiscourseExtractor, DiscourseRelations

__all__ = [
    "ClaimExtractor",
    "RelationClassifier",
    "PairClassifier",
    "Extraction",
    "DiscourseExtractor",
    "DiscourseRelations",
]
