"""A small trained classifier over pair features, stored as a few numpy arrays.

Training (``bench/train_judge.py``) uses torch; reading needs only numpy, so the weights load in
milliseconds and weigh kilobytes. The file records its labels and feature names, and a head
whose features do not match the code that computes them is refused rather than misread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_bytes


@dataclass(frozen=True)
class Head:
    """``softmax(relu(standardise(x) @ w1 + b1) @ w2 + b2)``; with no hidden layer, ``w1`` maps
    straight to the labels (``w2`` is empty)."""

    labels: tuple[str, ...]
    features: tuple[str, ...]
    mean: np.ndarray
    std: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray

    def logits(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mean) / self.std
        h = z @ self.w1 + self.b1
        if self.w2.size:
            h = np.maximum(h, 0.0) @ self.w2 + self.b2
        return h

    def proba(self, x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        z = self.logits(x.astype(np.float32))
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)

    def arrays(self, prefix: str = "") -> dict[str, np.ndarray]:
        return {
            prefix + "labels": np.array(self.labels),
            prefix + "features": np.array(self.features),
            prefix + "mean": self.mean.astype(np.float32),
            prefix + "std": self.std.astype(np.float32),
            prefix + "w1": self.w1.astype(np.float16),
            prefix + "b1": self.b1.astype(np.float32),
            prefix + "w2": self.w2.astype(np.float16),
            prefix + "b2": self.b2.astype(np.float32),
        }

    @classmethod
    def load(cls, path: str | Path, prefix: str = "") -> Head:
        try:
            with np.load(path, allow_pickle=False) as z:
                p = prefix
                return cls(
                    labels=tuple(str(x) for x in z[p + "labels"]),
                    features=tuple(str(x) for x in z[p + "features"]),
                    mean=z[p + "mean"].astype(np.float32),
                    std=z[p + "std"].astype(np.float32),
                    w1=z[p + "w1"].astype(np.float32),
                    b1=z[p + "b1"].astype(np.float32),
                    w2=z[p + "w2"].astype(np.float32),
                    b2=z[p + "b2"].astype(np.float32),
                )
        except (OSError, KeyError, ValueError) as e:
            raise ArgmapError(f"cannot read judge weights {path} ({e})") from e


def save_heads(path: str | Path, heads: dict[str, Head], **extra: np.ndarray) -> None:
    """Several heads in one compressed file, each under ``<name>_``; ``extra`` arrays beside."""
    arrays: dict[str, np.ndarray] = dict(extra)
    for name, head in heads.items():
        arrays.update(head.arrays(name + "_"))
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)  # type: ignore[arg-type]
    atomic_write_bytes(path, buf.getvalue())
