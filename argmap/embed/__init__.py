"""Sentence embedders. Any object with ``encode(texts) -> (n, d) unit-norm array`` plugs in."""

from .base import CachedEmbedder, Embedder
from .factory import make_embedder
from .hashing import HashingEmbedder
from .st import DEFAULT_MODEL, SentenceTransformerEmbedder

__all__ = [
    "Embedder",
    "CachedEmbedder",
    "HashingEmbedder",
    "SentenceTransformerEmbedder",
    "DEFAULT_MODEL",
    "make_embedder",
]
