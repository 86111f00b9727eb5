"""Positions for big graphs, computed here rather than by vis-network physics.

Split out of :mod:`argmap.view.network` (which re-exports :func:`spring_positions`): the numeric
layout is its own job, apart from building the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def spring_positions(
    n: int, src: np.ndarray, dst: np.ndarray, iterations: int = 60, seed: int = 7
) -> np.ndarray:
    """Fruchterman-Reingold over dense numpy arrays, (n, 2) positions in about [-1, 1].

    networkx switches to a sparse solver above 500 nodes that took 23 s for 2,000 nodes here;
    this takes about 2 s (n² memory: ~50 MB at 2,000 nodes, which the node cap bounds).
    A weak pull to the centre keeps unconnected claims from drifting off.
    """
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2)).astype(np.float32)
    if n < 2:
        return pos
    k = np.float32(2.0 / np.sqrt(n))
    temp = 0.2
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        w = dx * dx
        w += dy * dy
        np.maximum(w, 1e-4, out=w)
        np.divide(k * k, w, out=w)
        disp = np.stack([(dx * w).sum(axis=1), (dy * w).sum(axis=1)], axis=1)
        if len(src):
            d = pos[src] - pos[dst]
            pull = d * (np.sqrt(np.einsum("ij,ij->i", d, d)) / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= pos * (0.05 * np.sqrt(n))
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), 1e-6)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp -= cool
    pos -= pos.mean(axis=0)
    return pos / max(float(np.abs(pos).max()), 1e-6)


def _layout(
    nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[float, float]]:
    index = {n["id"]: i for i, n in enumerate(nodes)}
    pairs = np.array([(index[e["from"]], index[e["to"]]) for e in edges], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    pos = spring_positions(len(nodes), pairs[:, 0], pairs[:, 1])
    scale = 45.0 * max(1.0, len(nodes) ** 0.5)
    return {nid: (float(pos[i, 0]) * scale, float(pos[i, 1]) * scale) for nid, i in index.items()}
