"""Dedup candidate search at scale: time, memory and recall of planted near-duplicates.

    .venv/bin/python bench/dedup_scale.py 10000 100000 1000000

Random unit vectors (384-d, like all-MiniLM-L6-v2) with 1% of them given a planted near-duplicate
(cosine about 0.9); recall is the share of planted pairs found at threshold 0.85. Exact search
is skipped above 200k vectors (hours on 2 cores); FAISS IVF-Flat is what argmap uses above
``APPROX_ABOVE``.
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np

from argmap.dedup.index import APPROX_ABOVE, neighbour_pairs


def planted(n: int, dim: int = 384, share: float = 0.01, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, dim), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    k = int(n * share)
    src = rng.choice(n, size=2 * k, replace=False)
    a, b = src[:k], src[k:]
    noise = rng.standard_normal((k, dim), dtype=np.float32)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    x[b] = 0.9 * x[a] + np.sqrt(1 - 0.9**2) * noise
    x[b] /= np.linalg.norm(x[b], axis=1, keepdims=True)
    return x, {(min(i, j), max(i, j)) for i, j in zip(a, b, strict=False)}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(sizes: list[int]) -> None:
    print(f"approximate index used above {APPROX_ABOVE} vectors")
    print(f"{'n':>9} {'method':>6} {'seconds':>8} {'peak RSS MB':>12} {'recall':>7} {'pairs':>8}")
    for n in sizes:
        x, truth = planted(n)
        for method in ("exact", "faiss"):
            if method == "exact" and n > 200_000:
                print(f"{n:>9} {method:>6} {'skipped (hours on 2 cores)':>30}")
                continue
            t = time.perf_counter()
            pairs = neighbour_pairs(x, 0.85, k=5, approx=(method == "faiss"))
            dt = time.perf_counter() - t
            found = {(i, j) for _, i, j in pairs}
            recall = len(truth & found) / len(truth)
            print(
                f"{n:>9} {method:>6} {dt:>8.1f} {rss_mb():>12.0f} {recall:>7.3f} {len(pairs):>8}",
                flush=True,
            )
        del x


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
