"""Candidate pairs for dedup and cross-document linking: exact for small maps, hashed or FAISS
for big.

Exact search is a chunked matrix product (n·n/chunk memory). Above ``APPROX_ABOVE`` vectors a
high threshold (dedup's, ``LSH_FROM`` and up) is met by banded hyperplane hashing
(``argmap.dedup.lsh``), which promises its recall; lower thresholds (linking, key points), where
hashing would need short keys and check too many pairs, use an inverted-file index (nlist =
4·sqrt(n), nprobe = 8), which keeps the cost near n·k.
"""

from __future__ import annotations

import numpy as np

from argmap.dedup.lsh import similar_pairs

APPROX_ABOVE = 20_000
LSH_FROM = 0.8
CHUNK = 2048
SPARSE_PER_ROW = 64  # above this many passing entries per row, partition the rows instead


def neighbour_pairs(
    vecs: np.ndarray, threshold: float, k: int = 10, approx: bool | str | None = None
) -> list[tuple[float, int, int]]:
    """(similarity, i, j) with i < j for each of every vector's k nearest neighbours at or above
    ``threshold``, most similar first. ``approx``: None chooses by size and threshold (see the
    module doc), False is exact, True approximate (hashed or FAISS by the threshold), and
    ``"lsh"`` or ``"faiss"`` names the index (the benches compare them)."""
    n = len(vecs)
    if n < 2:
        return []
    k = min(k, n - 1)
    if isinstance(approx, str):
        if approx not in ("lsh", "faiss"):
            raise ValueError(f"approx must be 'lsh' or 'faiss' when named, not {approx!r}")
        kind = approx
    elif approx if approx is not None else n > APPROX_ABOVE:
        kind = "lsh" if threshold >= LSH_FROM else "faiss"
    else:
        kind = "exact"
    if kind == "lsh":
        return _top_k(*similar_pairs(vecs, threshold), n, k)
    if kind == "faiss":
        sims, idx = _faiss_knn(vecs, k + 1)
    else:
        sims, idx = _exact_knn(vecs, k + 1, threshold)
    seen: dict[tuple[int, int], float] = {}
    for i in range(n):
        for s, j in zip(sims[i], idx[i], strict=False):
            j = int(j)
            if j < 0 or j == i or s < threshold:
                continue
            key = (i, j) if i < j else (j, i)
            if key not in seen:
                seen[key] = float(s)
    return sorted(((s, i, j) for (i, j), s in seen.items()), key=lambda x: (-x[0], x[1], x[2]))


def _top_k(
    i: np.ndarray, j: np.ndarray, s: np.ndarray, n: int, k: int
) -> list[tuple[float, int, int]]:
    """The pairs where one end is among the other's ``k`` most similar, as the k-nearest
    searches give them, so every index returns the same kind of answer."""
    src = np.concatenate([i, j])
    dst = np.concatenate([j, i])
    sim = np.concatenate([s, s])
    order = np.lexsort((dst, -sim, src))
    src, dst, sim = src[order], dst[order], sim[order]
    first = np.searchsorted(src, src, side="left")
    keep = (np.arange(len(src)) - first) < k
    lo, hi = np.minimum(src[keep], dst[keep]), np.maximum(src[keep], dst[keep])
    code, at = np.unique(lo * n + hi, return_index=True)
    kept = sim[keep][at]
    return sorted(
        ((float(v), int(c // n), int(c % n)) for v, c in zip(kept, code, strict=True)),
        key=lambda x: (-x[0], x[1], x[2]),
    )


def _exact_knn(
    vecs: np.ndarray, k: int, threshold: float = -np.inf
) -> tuple[np.ndarray, np.ndarray]:
    """Each vector's ``k`` most similar (itself among them), most similar first; slots with no
    neighbour at or above ``threshold`` hold index -1. Above a threshold most of a block falls
    below it, and ranking the few that pass is far cheaper than partitioning every row (the
    partition was most of the time of a grown map's searches)."""
    n = len(vecs)
    k = min(k, n)
    all_s = np.full((n, k), -np.inf, dtype=np.float32)
    all_i = np.full((n, k), -1, dtype=np.int64)
    for s in range(0, n, CHUNK):
        block = vecs[s : s + CHUNK] @ vecs.T
        passing = block >= threshold
        if np.count_nonzero(passing) <= SPARSE_PER_ROW * len(block):
            rows, cols = np.nonzero(passing)
            sims = block[rows, cols]
            order = np.lexsort((cols, -sims, rows))
            rows, cols, sims = rows[order], cols[order], sims[order]
            rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
            keep = rank < k
            all_i[s + rows[keep], rank[keep]] = cols[keep]
            all_s[s + rows[keep], rank[keep]] = sims[keep]
            continue
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        ps = np.take_along_axis(block, part, axis=1)
        order = np.argsort(-ps, axis=1)
        all_i[s : s + CHUNK] = np.take_along_axis(part, order, axis=1)
        all_s[s : s + CHUNK] = np.take_along_axis(ps, order, axis=1)
    return all_s, all_i


def _faiss_knn(vecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    try:
        import faiss
    except ImportError:
        return _exact_knn(vecs, k)
    x = np.ascontiguousarray(vecs, dtype=np.float32)
    n, d = x.shape
    nlist = max(1, int(4 * np.sqrt(n)))
    quantizer = faiss.IndexFlatIP(d)
    index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
    train = (
        x if n <= 50 * nlist else x[np.random.default_rng(0).choice(n, 50 * nlist, replace=False)]
    )
    index.train(train)
    index.add(x)
    index.nprobe = 8
    sims, idx = index.search(x, k)
    return sims, idx
