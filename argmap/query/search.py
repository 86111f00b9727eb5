"""Claims closest in meaning to a text, with the embedding model the map was built with.

The model is not part of the map: a caller that already holds one (the app, a notebook that
searches many times) passes it in; otherwise the one the map records is made by name.
"""

from __future__ import annotations

from argmap.embed import Embedder, make_embedder
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim


def embedder_of(amap: ArgumentMap) -> Embedder:
    """The embedder a map names in ``metadata.embedder`` (the bundled model when it names none)."""
    return make_embedder(str(amap.metadata.get("embedder") or "") or None)


def search(
    amap: ArgumentMap, text: str, k: int = 10, embedder: Embedder | None = None
) -> list[tuple[Claim, float]]:
    """The ``k`` claims closest to ``text`` by cosine similarity, best first."""
    claims = list(amap.claims_by_id.values())
    if not claims or not text.strip():
        return []
    emb = embedder or embedder_of(amap)
    vecs = emb.encode([c.text for c in claims])
    q = emb.encode([text])[0]
    sims = vecs @ q
    order = sims.argsort()[::-1][:k]
    return [(claims[i], round(float(sims[i]), 4)) for i in order]
