"""Cross-document linking cost: candidate pairs considered grow as n·k, not n².

    .venv/bin/python bench/crossdoc_scale.py 1000 10000 50000

Synthetic maps: claims spread over documents, with vectors drawn around a few hundred "points"
so that some claims in different documents are close. Prints claims, pairs considered, pairs per
claim, links made and seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

import numpy as np

from argmap.link.crossdoc import CrossDocumentLinker
from argmap.model import Claim, Document, Mention
from argmap.model.amap import ArgumentMap


class TableEmbedder:
    """Returns precomputed vectors by text: the linker's cost without the model's."""

    name = "table"

    def __init__(self, table: dict[str, np.ndarray]) -> None:
        self.table = table

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.table[t] for t in texts])


def synthetic(n: int, docs: int = 200, points: int = 300, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((points, 384)).astype(np.float32)
    documents = [Document.create(f"document {i} " + "x" * 50, f"mem://{i}") for i in range(docs)]
    table: dict[str, np.ndarray] = {}
    claims = []
    for i in range(n):
        v = centres[rng.integers(points)] + 0.04 * rng.standard_normal(384).astype(np.float32)
        v /= np.linalg.norm(v)
        text = f"claim {i}"
        table[text] = v
        d = documents[i % docs]
        claims.append(Claim(f"c{i}", text, (Mention.of(d, 0, 8),), "pro" if i % 3 else "con"))
    return ArgumentMap(documents, claims, []), TableEmbedder(table)


def main(sizes: list[int]) -> None:
    print(
        f"{'claims':>8} {'neighbours examined':>20} {'pairs >= min sim':>17} {'per claim':>10} "
        f"{'links':>7} {'seconds':>8}"
    )
    for n in sizes:
        amap, emb = synthetic(n)
        t = time.perf_counter()
        out = CrossDocumentLinker(emb, k=5).link(amap)
        dt = time.perf_counter() - t
        s = out.metadata["crossdoc_stats"]
        print(
            f"{n:>8} {s['neighbours_examined']:>20} {s['pairs_considered']:>17} "
            f"{s['pairs_considered'] / n:>10.2f} {s['links']:>7} {dt:>8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 50000])
