"""Hashed dedup search: only true pairs come back, nearly all of them, the same way every time,
and the hash grows longer keys for data whose vectors crowd together."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.dedup import index
from argmap.dedup.lsh import plan, similar_pairs


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def clustered(n: int, seed: int = 0) -> np.ndarray:
    """Vectors around 40 topics (cosine about 0.5 within a topic), with 3% of them given a
    near-copy at 0.88-0.97: closer to real claims than uniform noise."""
    rng = np.random.default_rng(seed)
    centres = unit(rng.standard_normal((40, 64)))
    x = unit(centres[rng.integers(0, 40, n)] + 0.9 * unit(rng.standard_normal((n, 64))))
    k = int(0.03 * n)
    src = rng.choice(n, size=k, replace=False)
    dst = rng.choice(np.setdiff1d(np.arange(n), src), size=k, replace=False)
    for a, b, w in zip(src, dst, rng.uniform(0.2, 0.45, k), strict=True):
        x[b] = unit((x[a] + w * unit(rng.standard_normal((1, 64)))[0])[None])[0]
    return x


def exact_pairs(x: np.ndarray, threshold: float) -> dict[tuple[int, int], float]:
    sims = x @ x.T
    i, j = np.nonzero(np.triu(sims >= threshold, 1))
    return {(int(a), int(b)): float(sims[a, b]) for a, b in zip(i, j, strict=True)}


def test_lsh_returns_only_true_pairs_and_finds_nearly_all() -> None:
    x = clustered(6000)
    truth = exact_pairs(x, 0.85)
    i, j, s = similar_pairs(x, 0.85)
    got = dict(zip(zip(i.tolist(), j.tolist(), strict=True), s.tolist(), strict=True))
    assert got, "no pairs found"
    assert set(got) <= set(truth)  # candidates are checked exactly: nothing below the threshold
    for pair, sim in got.items():
        assert sim == pytest.approx(truth[pair], abs=1e-5)
    close = {p for p, v in truth.items() if v >= 0.9}
    assert len(close) > 50
    assert len(close & set(got)) / len(close) >= 0.98
    again = similar_pairs(x, 0.85)
    assert np.array_equal(again[0], i) and np.array_equal(again[1], j)  # seeded


def test_lsh_plan_grows_keys_for_crowded_data_and_keeps_its_promise() -> None:
    rng = np.random.default_rng(1)
    spread = unit(rng.standard_normal((20_000, 64)))
    crowded = unit(spread + 2.0 * unit(rng.standard_normal((1, 64))))  # all share a direction
    a, b = plan(spread, 0.9), plan(crowded, 0.9)
    assert b.bits > a.bits
    assert a.recall >= 0.99 and b.recall >= 0.99


def test_neighbour_pairs_uses_the_hash_above_the_cut_and_agrees_with_exact(monkeypatch) -> None:
    x = clustered(3000, seed=2)
    exact = {(i, j) for _s, i, j in index.neighbour_pairs(x, 0.85, k=5, approx=False)}
    calls = []
    real = index.similar_pairs
    monkeypatch.setattr(index, "similar_pairs", lambda *a, **kw: calls.append(1) or real(*a, **kw))
    hashed = index.neighbour_pairs(x, 0.85, k=5, approx=True)
    assert calls, "the hashed search was not used for a dedup threshold"
    assert [s for s, _i, _j in hashed] == sorted((s for s, _i, _j in hashed), reverse=True)
    found = {(i, j) for _s, i, j in hashed}
    assert len(found & exact) / len(exact) >= 0.97
    assert len(found - exact) <= 0.01 * len(exact)
    calls.clear()
    index.neighbour_pairs(x, 0.6, k=5, approx=True)  # a linking threshold: FAISS, not the hash
    assert not calls


@pytest.mark.parametrize("threshold", [0.3, 0.85, -1.0])
def test_exact_search_keeps_each_vectors_k_best_above_the_threshold(threshold: float) -> None:
    # 0.85 takes the few passing entries of each row, -1.0 partitions every row: both must give
    # what a full sort of the similarity matrix gives
    x = clustered(900, seed=3)
    k = 5
    got = {(i, j) for _s, i, j in index.neighbour_pairs(x, threshold, k=k, approx=False)}
    sims = x @ x.T
    np.fill_diagonal(sims, -np.inf)
    want: set[tuple[int, int]] = set()
    for i, row in enumerate(sims):
        for j in np.argsort(-row, kind="stable")[:k]:
            if row[j] >= threshold:
                want.add((min(i, int(j)), max(i, int(j))))
    assert got == want
    assert threshold < 0.5 or len(got) < 900 * k  # the high threshold really drops pairs
