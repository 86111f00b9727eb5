"""One way to make an embedder from what a user names: the bundled model, a folder, or a fake."""

from __future__ import annotations

from typing import Any

from argmap.embed.base import CachedEmbedder, Embedder
from argmap.embed.hashing import HashingEmbedder
from argmap.embed.st import DEFAULT_MODEL, SentenceTransformerEmbedder


def make_embedder(name: Any = None) -> Embedder:
    """An embedder for ``name``: None or ``all-MiniLM-L6-v2`` (the bundled model), a local model
    folder or hub name (sentence-transformers), ``hashing`` (a model-free fake for tests), or an
    embedder object, returned as it is. Real models are wrapped in a content-hash cache."""
    if name is not None and not isinstance(name, str):
        return name  # type: ignore[no-any-return]
    if name == "hashing":
        return HashingEmbedder()
    return CachedEmbedder(SentenceTransformerEmbedder(name or DEFAULT_MODEL))
