"""The embedder contract and a content-hash cache in front of any embedder."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from argmap.ids import digest


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors; similar meaning, high dot product."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class CachedEmbedder:
    """Skipping work beats speeding it up: each distinct text is encoded once per process."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [digest(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            by_key = {k: t for k, t in zip(keys, texts, strict=False)}
            vecs = self.inner.encode([by_key[k] for k in missing])
            for k, v in zip(missing, vecs, strict=False):
                self._cache[k] = v
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys]).astype(np.float32)

    def known(self) -> dict[str, np.ndarray]:
        """Every vector encoded so far, by the digest of its text (to save beside a map)."""
        return dict(self._cache)

    def preload(self, vectors: dict[str, np.ndarray]) -> None:
        """Vectors saved from an earlier build with this model: never encoded again."""
        self._cache.update(vectors)


def normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32)
