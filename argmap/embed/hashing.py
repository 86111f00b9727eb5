"""A deterministic, model-free embedder for fast unit tests and for machines with no torch.

Hashes word unigrams and bigrams into a fixed-size vector. It knows nothing of synonyms, so it is
no substitute for the real model; it is a fake with the right shape and honest behaviour.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from argmap.embed.base import normalise

_TOKEN = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            toks = _TOKEN.findall(t.lower())
            feats = toks + [a + " " + b for a, b in zip(toks, toks[1:], strict=False)]
            for f in feats:
                h = zlib.crc32(f.encode())
                out[i, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        return normalise(out)
