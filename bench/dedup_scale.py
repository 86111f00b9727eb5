"""Dedup candidate search at scale: time, memory and recall of planted near-duplicates.

    .venv/bin/python bench/dedup_scale.py 10000 100000 1000000

Random unit vectors (384-d, like all-MiniLM-L6-v2) with 1% of them given a planted near-duplicate
(cosine 0.90 +- 0.01); recall is the share of planted pairs found at threshold 0.85. For ``lsh``
the plan's promised recall is printed too, at 0.90 and right at the threshold (0.85), where a
hash finds fewer: the recall a pair gets falls with its similarity. Exact search is skipped above 200k vectors (hours on 2 cores). ``lsh``
(banded hyperplane hashing, ``argmap.dedup.lsh``) is what argmap uses for dedup above
``APPROX_ABOVE``; ``faiss`` (IVF-Flat) is what it used before, and still uses for the lower
thresholds of linking and key points. ``--methods exact,lsh`` picks some.
"""

from __future__ import annotations

import math
import resource
import sys
import time

import numpy as np

from argmap.dedup.index import APPROX_ABOVE, neighbour_pairs
from argmap.dedup.lsh import plan


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


def promised(p, sim: float) -> float:
    agree = 1.0 - math.acos(sim) / math.pi
    return 1.0 - (1.0 - agree**p.bits) ** p.bands


def search(x: np.ndarray, method: str) -> list[tuple[float, int, int]]:
    return neighbour_pairs(x, 0.85, k=5, approx=False if method == "exact" else method)


def main(sizes: list[int], methods: list[str]) -> None:
    print(f"approximate index used above {APPROX_ABOVE} vectors")
    print(f"{'n':>9} {'method':>6} {'seconds':>8} {'peak RSS MB':>12} {'recall':>7} {'pairs':>8}")
    for n in sizes:
        x, truth = planted(n)
        for method in methods:
            if method == "exact" and n > 200_000:
                print(f"{n:>9} {method:>6} {'skipped (hours on 2 cores)':>30}")
                continue
            if method == "lsh":
                p = plan(x, 0.9, 0.995)
                print(
                    f"{'':>9} {'':>6} plan: {p.bits} bits x {p.bands} bands, "
                    f"{p.candidates:.2g} candidate pairs expected; promised recall "
                    f"{promised(p, 0.9):.3f} at 0.90, {promised(p, 0.85):.3f} at 0.85"
                )
            t = time.perf_counter()
            pairs = search(x, method)
            dt = time.perf_counter() - t
            found = {(i, j) for _, i, j in pairs}
            recall = len(truth & found) / len(truth)
            print(
                f"{n:>9} {method:>6} {dt:>8.1f} {rss_mb():>12.0f} {recall:>7.3f} {len(pairs):>8}",
                flush=True,
            )
        del x


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = ["exact", "lsh", "faiss"]
    if "--methods" in args:
        at = args.index("--methods")
        chosen = args[at + 1].split(",")
        del args[at : at + 2]
    main([int(a) for a in args] or [10_000, 100_000], chosen)
