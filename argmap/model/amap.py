"""ArgumentMap: documents, claims and relations over a networkx MultiDiGraph, saved as one JSON file.

The container only holds the map, answers questions about its graph and hands reading and
writing to :mod:`argmap.model.serialise`. What is computed from a map lives in the layers above
it: search in :mod:`argmap.query`, re-merging in :mod:`argmap.dedup`, which claims stand in
:mod:`argmap.reason`, other formats in :mod:`argmap.interchange`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from argmap.errors import ArgmapError, MapFormatError, MentionError
from argmap.fileio import atomic_write_text
from argmap.model import serialise
from argmap.model.data import Claim, Document, KeyPoint, Relation
from argmap.model.serialise import FORMAT

__all__ = ["ArgumentMap", "FORMAT"]

#: how ``add_documents`` grows a map: set by ``argmap`` itself (the pipeline sits above this
#: layer, so the container names it only through this hook)
_GROWERS: list[Any] = []


def register_grower(fn: Any) -> None:
    _GROWERS[:] = [fn]


class ArgumentMap:
    """An argument map. Build one with :func:`argmap.build`, or load one from JSON."""

    def __init__(
        self,
        documents: Iterable[Document] = (),
        claims: Iterable[Claim] = (),
        relations: Iterable[Relation] = (),
        metadata: Mapping[str, Any] | None = None,
        key_points: Iterable[KeyPoint] | None = None,
    ) -> None:
        self.documents: dict[str, Document] = {d.id: d for d in documents}
        self.claims_by_id: dict[str, Claim] = {c.id: c for c in claims}
        self.relations: list[Relation] = list(relations)
        self.metadata: dict[str, Any] = dict(metadata or {})
        # None: the debate stage never ran on this map (older maps); [] : it found none
        self.key_points: list[KeyPoint] | None = None if key_points is None else list(key_points)
        self._graph: nx.MultiDiGraph | None = None

    # ---- construction -------------------------------------------------------------------
    def validate(self) -> None:
        """Check every mention and relation points at something real."""
        for c in self.claims_by_id.values():
            for m in c.mentions:
                doc = self.documents.get(m.document)
                if doc is None:
                    raise MentionError(f"claim {c.id} cites unknown document {m.document}")
                if not (0 <= m.start < m.end <= len(doc.text)):
                    raise MentionError(
                        f"claim {c.id} has mention [{m.start}, {m.end}) outside document {doc.id}"
                    )
        for r in self.relations:
            if r.source not in self.claims_by_id or r.target not in self.claims_by_id:
                raise MapFormatError(f"relation {r.source} -> {r.target} names an unknown claim")
            if any(x not in self.claims_by_id for x in r.inference):
                raise MapFormatError(
                    f"undercut {r.source} -> {r.target} names an unknown claim in its inference"
                )
        for k in self.key_points or ():
            missing = [c for c in k.claims if c not in self.claims_by_id]
            if missing:
                raise MapFormatError(f"key point {k.id} names unknown claim {missing[0]}")

    def to_dict(self) -> dict[str, Any]:
        return serialise.to_dict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], source: str = "map") -> ArgumentMap:
        return serialise.from_dict(cls, d, source)

    def dumps(self) -> str:
        return serialise.dumps(self)

    def save(self, path: str | Path) -> None:
        """Write atomically: a temp file in the same folder, then a rename."""
        atomic_write_text(path, self.dumps())

    @classmethod
    def load(cls, path: str | Path) -> ArgumentMap:
        return serialise.load(cls, path)

    def add_documents(self, inputs: Any, **options: Any) -> ArgumentMap:
        """This map with more documents (files, folders or Documents) read and merged in, as
        a full build of all of them would give; this map is not changed. See
        :func:`argmap.grow.add_documents` for the options (``map_path``, ``embedder``,
        ``pipeline``, ``progress``)."""
        if not _GROWERS:
            raise ArgmapError("import argmap to grow a map")
        result: ArgumentMap = _GROWERS[0](self, inputs, **options)
        return result

    # ---- graph --------------------------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """Claims as nodes, relations as edges keyed by type. A fresh copy each call."""
        return self.graph.copy()

    @property
    def graph(self) -> nx.MultiDiGraph:
        if self._graph is None:
            g = nx.MultiDiGraph()
            for c in self.claims_by_id.values():
                g.add_node(
                    c.id,
                    text=c.text,
                    stance=c.stance,
                    confidence=c.confidence,
                    sources=len(c.documents),
                    mentions=len(c.mentions),
                )
            for r in self.relations:
                g.add_edge(
                    r.source,
                    r.target,
                    key=r.type,
                    type=r.type,
                    confidence=r.confidence,
                    count=r.count,
                    scope=r.scope,
                )
            self._graph = g
        return self._graph

    def _changed(self) -> None:
        self._graph = None

    # ---- queries ------------------------------------------------------------------------
    def claims(self, stance: str | None = None, document: str | None = None) -> list[Claim]:
        """Claims, optionally only one stance, or only those made in one document (id or source)."""
        out = list(self.claims_by_id.values())
        if stance is not None:
            out = [c for c in out if c.stance == stance]
        if document is not None:
            ids = {d.id for d in self.documents.values() if document in (d.id, d.source)}
            out = [c for c in out if ids & set(c.documents)]
        return out

    def claim(self, claim_id: str) -> Claim:
        c = self.claims_by_id.get(claim_id)
        if c is None:
            matches = [k for k in self.claims_by_id if k.startswith(claim_id)] if claim_id else []
            if len(matches) == 1:
                return self.claims_by_id[matches[0]]
            raise ArgmapError(f"no claim with id {claim_id!r}")
        return c

    def _related(self, claim_id: str, kind: str, depth: int) -> list[Claim]:
        start = self.claim(claim_id).id
        g = self.graph
        found: dict[str, None] = {}
        frontier = [start]
        for _ in range(max(1, depth)):
            nxt = []
            for node in frontier:
                for src, _t, data in g.in_edges(node, data=True):
                    if data["type"] == kind and src not in found and src != start:
                        found[src] = None
                        nxt.append(src)
            frontier = nxt
        return [self.claims_by_id[i] for i in found]

    def supporters(self, claim_id: str, depth: int = 1) -> list[Claim]:
        """Claims that support this one (with ``depth`` > 1, supporters of supporters too)."""
        return self._related(claim_id, "supports", depth)

    def attackers(self, claim_id: str, depth: int = 1) -> list[Claim]:
        return self._related(claim_id, "attacks", depth)

    def relations_of(self, claim_id: str) -> list[Relation]:
        cid = self.claim(claim_id).id
        return [r for r in self.relations if cid in (r.source, r.target)]

    def neighbourhood(self, claim_id: str, depth: int = 1) -> ArgumentMap:
        """The sub-map within ``depth`` edges of a claim, in either direction."""
        start = self.claim(claim_id).id
        und = self.graph.to_undirected(as_view=True)
        keep = set(nx.single_source_shortest_path_length(und, start, cutoff=depth))
        return self.subset(keep)

    def subset(self, claim_ids: Iterable[str]) -> ArgumentMap:
        keep = set(claim_ids)
        claims = [c for c in self.claims_by_id.values() if c.id in keep]
        doc_ids = {d for c in claims for d in c.documents}
        return ArgumentMap(
            [d for d in self.documents.values() if d.id in doc_ids],
            claims,
            [r for r in self.relations if r.source in keep and r.target in keep],
            self.metadata,
            None
            if self.key_points is None
            else [k for k in self.key_points if set(k.claims) & keep],
        )

    def documents_for(self, claim_id: str) -> list[Document]:
        return [self.documents[d] for d in self.claim(claim_id).documents if d in self.documents]

    def passages(self, claim_id: str, context: int = 160) -> list[dict[str, Any]]:
        """Each mention with the document it is in and the text around it."""
        out = []
        for m in self.claim(claim_id).mentions:
            doc = self.documents[m.document]
            a = max(0, m.start - context)
            b = min(len(doc.text), m.end + context)
            out.append(
                {
                    "document": doc.id,
                    "source": doc.source,
                    "title": doc.title,
                    "start": m.start,
                    "end": m.end,
                    "before": doc.text[a : m.start],
                    "text": doc.text[m.start : m.end],
                    "after": doc.text[m.end : b],
                }
            )
        return out

    def most_contested(self, n: int = 10) -> list[tuple[Claim, int]]:
        """Claims with the most attacks on them (counting combined edges by their count)."""
        counts: dict[str, int] = {}
        for r in self.relations:
            if r.type == "attacks":
                counts[r.target] = counts.get(r.target, 0) + r.count
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(self.claims_by_id[cid], k) for cid, k in ranked]

    def main_claims(self) -> list[Claim]:
        ids = [d.main_claim for d in self.documents.values() if d.main_claim]
        return [self.claims_by_id[i] for i in dict.fromkeys(ids) if i in self.claims_by_id]

    def text_search(self, text: str) -> list[Claim]:
        """Claims whose text or merged variants contain ``text`` (case-insensitive)."""
        t = text.lower()
        return [
            c
            for c in self.claims_by_id.values()
            if t in c.text.lower() or any(t in m.text.lower() for m in c.members)
        ]

    def stats(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "claims": len(self.claims_by_id),
            "mentions": sum(len(c.mentions) for c in self.claims_by_id.values()),
            "merged": sum(1 for c in self.claims_by_id.values() if c.members),
            "supports": sum(1 for r in self.relations if r.type == "supports"),
            "attacks": sum(1 for r in self.relations if r.type == "attacks"),
        }

    def replace(self, claims: Sequence[Claim], relations: Sequence[Relation]) -> ArgumentMap:
        new = ArgumentMap(
            self.documents.values(), claims, relations, self.metadata, self.key_points
        )
        return new

    def __len__(self) -> int:
        return len(self.claims_by_id)

    def __repr__(self) -> str:
        s = self.stats()
        return (
            f"<ArgumentMap {s['documents']} documents, {s['claims']} claims, "
            f"{s['supports']} supports, {s['attacks']} attacks>"
        )
