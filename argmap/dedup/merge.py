"""Clustering near-duplicate claims: a pure function over vectors, texts and document sets.

Greedy average-linkage with vetoes: pairs are taken from most to least similar; two clusters join
only when their average similarity clears the threshold, no cross pair says opposite things, and
claims from the same document clear a stricter threshold (an author restating a point within one
text is usually doing it on purpose).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from argmap.dedup.index import neighbour_pairs
from argmap.judge.polarity import polarity_conflict

DEFAULT_THRESHOLD = 0.72
CROSS_STANCE_THRESHOLD = 0.85
# within one document, as across stances: near-identical wording (bench/dedup_threshold.py)
SAME_DOCUMENT_THRESHOLD = CROSS_STANCE_THRESHOLD


def cluster(
    texts: Sequence[str],
    vecs: np.ndarray,
    documents: Sequence[frozenset[str]],
    threshold: float = DEFAULT_THRESHOLD,
    same_document_threshold: float = SAME_DOCUMENT_THRESHOLD,
    conflict: Callable[[str, str], bool] = polarity_conflict,
    k: int = 10,
    stances: Sequence[str] | None = None,
    cross_stance_threshold: float = CROSS_STANCE_THRESHOLD,
    strict: Callable[[str, str], bool] | None = None,
) -> list[list[int]]:
    """Group indices of near-duplicates. Every index appears in exactly one group.

    Claims whose stances differ (each toward its own document's main claim) merge only above
    ``cross_stance_threshold``: opposite stances are evidence of different points, so such a
    merge needs near-identical wording, as when an author restates an opponent's claim.
    Pairs for which ``strict`` is true need the same.
    """
    n = len(texts)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = neighbour_pairs(vecs, min(threshold, same_document_threshold), k=k)
    for _sim, i, j in pairs:
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        a, b = members[ri], members[rj]
        cross = vecs[a] @ vecs[b].T
        if float(cross.mean()) < threshold:
            continue
        ok = True
        for x_i, x in enumerate(a):
            for y_i, y in enumerate(b):
                if documents[x] & documents[y] and cross[x_i, y_i] < same_document_threshold:
                    ok = False
                    break
                if (
                    stances is not None
                    and stances[x] != stances[y]
                    and cross[x_i, y_i] < cross_stance_threshold
                ):
                    ok = False
                    break
                if (
                    strict is not None
                    and cross[x_i, y_i] < cross_stance_threshold
                    and strict(texts[x], texts[y])
                ):
                    ok = False
                    break
                if conflict(texts[x], texts[y]):
                    ok = False
                    break
            if not ok:
                break
        if not ok:
            continue
        parent[rj] = ri
        members[ri] = a + b
        del members[rj]
    return [sorted(g) for g in sorted(members.values(), key=min)]


def medoid(group: Sequence[int], vecs: np.ndarray) -> int:
    """The member most similar on average to the others: the most representative wording."""
    if len(group) == 1:
        return group[0]
    sub = vecs[list(group)]
    sims = sub @ sub.T
    score = sims.sum(axis=1) - 1.0
    return group[int(np.argmax(score))]
