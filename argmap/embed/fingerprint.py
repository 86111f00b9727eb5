"""An embedder identified by what it does, not only by name.

A name ("all-MiniLM-L6-v2", a folder) can point at different weights on different machines;
the vectors of a few fixed sentences, rounded past float noise, cannot. A map records this so a
rebuild can tell that it is using the same model.
"""

from __future__ import annotations

import hashlib

import numpy as np

from argmap.embed.base import Embedder

PROBES = (
    "The proposal would lower costs for most households.",
    "Critics argue the evidence does not support that conclusion.",
    "Nobody disputes that the river floods every spring.",
)


def fingerprint(embedder: Embedder) -> str:
    vecs = np.asarray(embedder.encode(list(PROBES)), dtype=np.float64)
    rounded = np.round(vecs, 3) + 0.0  # + 0.0 turns -0.0 into 0.0
    return hashlib.sha256(rounded.tobytes()).hexdigest()[:16]
