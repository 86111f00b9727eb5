"""Every pair of vectors above a high similarity, found by banded random-hyperplane hashing.

Why not FAISS IVF for dedup: an inverted file finds a vector's neighbours only when they fall in
the same few cells, and for vectors without strong cluster structure (or a million claims on one
question) its recall fell to 0.94 at 335 s for a million vectors. Dedup asks a narrower
question -- which pairs are near-duplicates, at 0.85 and above -- and for that a hash has a
guarantee instead of a hope: a pair at angle θ agrees on a random hyperplane with probability
``1 - θ/π``, so ``r`` bits agree with ``p**r``, and ``b`` independent bands miss the pair with
``(1 - p**r)**b``. ``r`` and ``b`` are chosen for the requested recall at ``design`` similarity,
with the cost of the false candidates estimated from a sample of the data itself (clustered
data collides more than random data, so it gets longer keys). Candidates are then checked
exactly, so nothing below the threshold is ever returned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

BANDS_PER_GROUP = 16
ROW_CHUNK = 65_536
DENSE_RUN = 256  # a bucket this large is compared as one block instead of pair by pair
# relative costs per unit, measured on 2 cores (a bf16 multiply-add, a checked candidate pair,
# a vector sorted into one band)
_COST_PROJECT = 1.0 / 3.0e11
_COST_CHECK = 1.6e-6
_COST_SORT = 1.0e-7


@dataclass(frozen=True)
class Plan:
    """The hash's shape and what it promises: recall at ``design`` similarity, and the expected
    number of candidate pairs to check."""

    bits: int
    bands: int
    design: float
    recall: float
    candidates: float
    seconds: float


def plan(vecs: np.ndarray, design: float, recall: float = 0.99, seed: int = 0) -> Plan:
    """The cheapest (bits, bands) that finds a pair at ``design`` similarity with probability
    ``recall``, costed on a sample of ``vecs``' own pairs."""
    n, d = vecs.shape
    p = 1.0 - math.acos(min(1.0, max(-1.0, design))) / math.pi
    rng = np.random.default_rng(seed)
    sample = vecs[rng.choice(n, size=min(n, 2000), replace=False)].astype(np.float32)
    sims = sample @ sample.T
    iu = np.triu_indices(len(sample), 1)
    agree = 1.0 - np.arccos(np.clip(sims[iu], -1.0, 1.0)) / math.pi
    best: Plan | None = None
    for bits in range(8, 33):
        q = p**bits
        bands = max(1, math.ceil(math.log(1.0 - recall) / math.log1p(-q)))
        candidates = bands * (n * (n - 1) / 2) * float(np.mean(agree**bits))
        seconds = (
            n * d * bits * bands * 2 * _COST_PROJECT
            + candidates * _COST_CHECK
            + n * bands * _COST_SORT
        )
        got = 1.0 - (1.0 - q) ** bands
        if best is None or seconds < best.seconds:
            best = Plan(bits, bands, design, got, candidates, seconds)
    assert best is not None
    return best


def similar_pairs(
    vecs: np.ndarray,
    threshold: float,
    design: float | None = None,
    recall: float = 0.995,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, similarity) arrays, i < j, of pairs at or above ``threshold`` that share a bucket
    in at least one band; a pair at ``design`` similarity (default ``threshold + 0.05``) is
    found with probability ``recall``, closer pairs more often, pairs between less often."""
    x = np.ascontiguousarray(vecs, dtype=np.float32)
    n, d = x.shape
    design = min(0.999, threshold + 0.05) if design is None else design
    shape = plan(x, design, recall, seed)
    rng = np.random.default_rng(seed + 1)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, shape.bands, BANDS_PER_GROUP):
        group = min(BANDS_PER_GROUP, shape.bands - start)
        planes = rng.standard_normal((d, group * shape.bits), dtype=np.float32)
        keys = _keys(x, planes, group, shape.bits)
        for band in range(group):
            found.append(_bucket_pairs(x, keys[:, band], threshold))
    i = np.concatenate([f[0] for f in found])
    j = np.concatenate([f[1] for f in found])
    s = np.concatenate([f[2] for f in found])
    code, first = np.unique(i * n + j, return_index=True)
    return code // n, code % n, s[first]


def _keys(x: np.ndarray, planes: np.ndarray, group: int, bits: int) -> np.ndarray:
    """One unsigned key per vector and band: the signs of ``bits`` projections, packed."""
    n = len(x)
    out = np.empty((n, group), dtype=np.uint32)
    project = _projector(planes)
    for s in range(0, n, ROW_CHUNK):
        signs = project(x[s : s + ROW_CHUNK]).reshape(-1, group, bits)
        packed = np.packbits(signs, axis=-1)  # (m, group, ceil(bits/8)) bytes, big-endian
        wide = np.zeros(packed.shape[:2] + (4,), dtype=np.uint8)
        wide[..., 4 - packed.shape[-1] :] = packed
        out[s : s + ROW_CHUNK] = wide.view(">u4")[..., 0]
    return out


def _projector(planes: np.ndarray):
    """Signs of ``x @ planes``; in bfloat16 through torch where it is installed (three times
    the float32 speed on CPUs that have it), which changes which bits a vector gets, never
    whether the same vector always gets the same ones."""
    try:
        import torch
    except ImportError:  # pragma: no cover - torch comes with sentence-transformers
        return lambda chunk: (chunk @ planes) > 0
    w = torch.from_numpy(planes).to(torch.bfloat16)

    def project(chunk: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return (torch.from_numpy(chunk).to(torch.bfloat16) @ w > 0).numpy()

    return project


def _bucket_pairs(
    x: np.ndarray, keys: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    sk = keys[order]
    edge = np.flatnonzero(np.diff(sk)) + 1
    starts = np.concatenate([[0], edge])
    lengths = np.diff(np.concatenate([starts, [len(sk)]]))
    ii: list[np.ndarray] = []
    jj: list[np.ndarray] = []
    for length in np.unique(lengths[lengths > 1]):
        runs = starts[lengths == length]
        if length > DENSE_RUN:
            for r in runs:
                members = order[r : r + length]
                block = x[members] @ x[members].T
                a, b = np.nonzero(np.triu(block >= threshold, 1))
                ii.append(members[a])
                jj.append(members[b])
            continue
        u, v = np.triu_indices(int(length), 1)
        ii.append(order[(runs[:, None] + u).ravel()])
        jj.append(order[(runs[:, None] + v).ravel()])
    if not ii:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    a = np.concatenate(ii)
    b = np.concatenate(jj)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    sim = np.empty(len(lo), dtype=np.float32)
    for s in range(0, len(lo), ROW_CHUNK):
        sim[s : s + ROW_CHUNK] = np.einsum(
            "ij,ij->i", x[lo[s : s + ROW_CHUNK]], x[hi[s : s + ROW_CHUNK]]
        )
    keep = sim >= threshold
    return lo[keep].astype(np.int64), hi[keep].astype(np.int64), sim[keep]
