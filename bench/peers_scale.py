"""Cost of reading a build's documents together (the main-claim peers), without the model.

    .venv/bin/python bench/peers_scale.py 1000 10000

Synthetic short texts (8 sentences each) whose sentences map to random unit vectors through a
table, so the figures are the extractor's own cost -- segmentation, the ranker, and comparing
every unit with every other document's provisional main claim -- not the embedding model's.
Prints documents, units, seconds to extract every document alone (``peer_weight=0``), seconds
for ``prepare`` and for extracting every document with peers, and how many main claims the peers
moved (random vectors rarely clear the floor, so few should move).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence

import numpy as np

from argmap.model import Document
from argmap.parse.discourse import DiscourseExtractor, analyse_units


class TableEmbedder:
    name = "table"

    def __init__(self, dim: int = 384, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.dim = dim
        self.table: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = []
        for t in texts:
            if t not in self.table:
                v = self.rng.standard_normal(self.dim).astype(np.float32)
                self.table[t] = v / np.linalg.norm(v)
            out.append(self.table[t])
        return np.stack(out)


def corpus(n: int) -> list[Document]:
    docs = []
    for i in range(n):
        sentences = [f"Document {i} makes point number {j} about topic {i % 97}." for j in range(8)]
        docs.append(Document.create(" ".join(sentences), source=f"mem://{i}"))
    return docs


def main(sizes: list[int]) -> None:
    print(
        f"{'documents':>10} {'units':>8} {'alone s':>8} {'prepare s':>10} {'extract s':>10}"
        f" {'moved':>6}"
    )
    for n in sizes:
        docs = corpus(n)
        emb = TableEmbedder()
        alone = DiscourseExtractor(emb, peer_weight=0.0)
        emb.encode([u.text for d in docs for u in analyse_units(d)])  # the table, not timed
        t = time.perf_counter()
        before = {d.id: alone.extract(d).main_claim for d in docs}
        t_alone = time.perf_counter() - t
        ext = DiscourseExtractor(emb)
        t0 = time.perf_counter()
        ext.prepare(docs)
        t1 = time.perf_counter()
        found = [ext.extract(d) for d in docs]
        t2 = time.perf_counter()
        units = sum(len(f.claims) for f in found)
        moved = sum(f.main_claim != before[d.id] for f, d in zip(found, docs, strict=True))
        print(f"{n:>10} {units:>8} {t_alone:>8.2f} {t1 - t0:>10.2f} {t2 - t1:>10.2f} {moved:>6}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
