"""Dedup: near-duplicate claims become one node that keeps every mention."""

from argmap.dedup.merge import DEFAULT_THRESHOLD, SAME_DOCUMENT_THRESHOLD, cluster, medoid
from argmap.judge.polarity import polarity_conflict

__all__ = ["cluster", "medoid", "polarity_conflict", "DEFAULT_THRESHOLD", "SAME_DOCUMENT_THRESHOLD"]
