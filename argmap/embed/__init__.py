"""Sentence embedders. Any object with ``encode(texts) -> (n, d) unit-norm array`` plugs in."""

from argmap.embed.base import CachedEmbedder, Embedder
from argmap.embed.factory import make_embedder
from argmap.embed.hashing import HashingEmbedder
from argmap.embed.st import DEFAULT_MODEL, SentenceTransformerEmbedder

__all__ = [
    "Embedder",
    "CachedEmbedder",
    "HashingEmbedder",
    "SentenceTransformerEmbedder",
    "DEFAULT_MODEL",
    "make_embedder",
]
