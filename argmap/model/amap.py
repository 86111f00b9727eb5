"""ArgumentMap: documents, claims and relations over a networkx MultiDiGraph, saved as one JSON file.

The JSON format (``argmap/1``) is a contract read by outside tools and scorers: fields are only
ever added, never renamed or dropped.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from argmap.chars import LONE_SURROGATE
from argmap.errors import ArgmapError, MapFormatError, MentionError, brief, excerpt
from argmap.fileio import atomic_write_text
from argmap.model.data import Claim, Document, KeyPoint, Relation

if TYPE_CHECKING:
    from rdflib import Graph

    from argmap.embed.base import Embedder

FORMAT = "argmap/1"


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
        self._embedder: Embedder | None = None

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
        for k in self.key_points or ():
            missing = [c for c in k.claims if c not in self.claims_by_id]
            if missing:
                raise MapFormatError(f"key point {k.id} names unknown claim {missing[0]}")

    def to_dict(self) -> dict[str, Any]:
        docs = self.documents
        d: dict[str, Any] = {
            "format": FORMAT,
            "metadata": self.metadata,
            "documents": [d.to_dict() for d in docs.values()],
            "claims": [c.to_dict(docs) for c in self.claims_by_id.values()],
            "relations": [r.to_dict() for r in self.relations],
        }
        if self.key_points is not None:
            d["key_points"] = [k.to_dict() for k in self.key_points]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], source: str = "map") -> ArgumentMap:
        if not isinstance(d, Mapping):
            raise MapFormatError(f"{source}: not an argmap map (expected a JSON object)")
        fmt = d.get("format")
        if fmt != FORMAT:
            raise MapFormatError(f"{source}: format is {fmt!r}, expected {FORMAT!r}")
        _check_shape(d, source)
        try:
            amap = cls(
                documents=[Document.from_dict(x) for x in d.get("documents", [])],
                claims=[Claim.from_dict(x) for x in d.get("claims", [])],
                relations=[Relation.from_dict(x) for x in d.get("relations", [])],
                metadata=d.get("metadata") or {},
                key_points=None
                if d.get("key_points") is None
                else [KeyPoint.from_dict(x) for x in d["key_points"]],
            )
        except (KeyError, TypeError, ValueError) as e:
            raise MapFormatError(f"{source}: malformed map ({brief(e)})") from e
        try:
            amap.validate()
        except ArgmapError as e:
            raise MapFormatError(f"{source}: {e}") from e
        return amap

    def dumps(self) -> str:
        try:
            return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
        except ValueError as e:  # a NaN or infinite number set through the API
            raise MapFormatError(f"the map holds a number JSON cannot carry ({e})") from e

    def save(self, path: str | Path) -> None:
        """Write atomically: a temp file in the same folder, then a rename."""
        atomic_write_text(path, self.dumps())

    @classmethod
    def load(cls, path: str | Path) -> ArgumentMap:
        path = Path(path)
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError as e:
            raise MapFormatError(f"{path}: no such map file") from e
        except (OSError, UnicodeDecodeError) as e:
            raise MapFormatError(f"{path}: cannot read ({e})") from e
        try:
            data = json.loads(raw, parse_constant=_no_constant)
        except json.JSONDecodeError as e:
            raise MapFormatError(f"{path}: not valid JSON ({e.msg} at line {e.lineno})") from e
        except RecursionError as e:
            raise MapFormatError(f"{path}: JSON nested too deeply to read") from e
        except ValueError as e:  # NaN / Infinity, or a number too long to convert
            raise MapFormatError(f"{path}: not valid map JSON ({excerpt(str(e))})") from e
        try:
            return cls.from_dict(data, source=str(path))
        except MapFormatError:
            raise
        except (TypeError, KeyError, ValueError, AttributeError, OverflowError) as e:
            raise MapFormatError(f"{path}: not a valid map ({brief(e)})") from e

    # ---- interchange ----------------------------------------------------------------------
    def to_rdf(self) -> Graph:
        """The map as an rdflib Graph: AIF nodes, PROV-O provenance, Web Annotation mentions.

        Lossless: :meth:`from_rdf` gives back an equal map.
        """
        from argmap.interchange.rdf import to_rdf

        return to_rdf(self)

    @classmethod
    def from_rdf(cls, graph: Graph, source: str = "RDF") -> ArgumentMap:
        """A map from RDF that :meth:`to_rdf` wrote (exactly), or from foreign AIF RDF."""
        from argmap.interchange.rdf import from_rdf

        return from_rdf(graph, source)

    def export(self, path: str | Path, fmt: str | None = None) -> str:
        """Write the map as RDF, AIF JSON, Argdown or GraphML (format from the extension)."""
        from argmap.interchange import write_map

        return write_map(self, path, fmt)

    def sparql(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        """Rows of a SPARQL query over :meth:`to_rdf`; keyword values bind ``?name`` safely.

        Values are bound, never pasted into the query text, so document text cannot change
        what a query does.
        """
        from argmap.interchange.sparql import query as run

        return run(self, query, **bindings)

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
        sub = ArgumentMap(
            [d for d in self.documents.values() if d.id in doc_ids],
            claims,
            [r for r in self.relations if r.source in keep and r.target in keep],
            self.metadata,
            None
            if self.key_points is None
            else [k for k in self.key_points if set(k.claims) & keep],
        )
        sub._embedder = self._embedder
        return sub

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

    def use_embedder(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def _get_embedder(self) -> Embedder:
        if self._embedder is None:
            from argmap.embed import make_embedder

            self._embedder = make_embedder(str(self.metadata.get("embedder") or "") or None)
        return self._embedder

    def search(self, text: str, k: int = 10) -> list[tuple[Claim, float]]:
        """Claims closest in meaning to ``text`` (cosine similarity of sentence embeddings)."""
        claims = list(self.claims_by_id.values())
        if not claims or not text.strip():
            return []
        emb = self._get_embedder()
        vecs = emb.encode([c.text for c in claims])
        q = emb.encode([text])[0]
        sims = vecs @ q
        order = sims.argsort()[::-1][:k]
        return [(claims[i], round(float(sims[i]), 4)) for i in order]

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
        new._embedder = self._embedder
        return new

    # ---- which claims stand ----------------------------------------------------------------
    def _edges(self, kind: str) -> list[tuple[str, str, float]]:
        return [
            (r.source, r.target, r.confidence)
            for r in self.relations
            if r.type == kind and r.source != r.target
        ]

    def acceptance(self) -> dict[str, str]:
        """Grounded labelling (in / out / undecided) over attacks plus supported attacks."""
        from argmap.reason import semantics as sem

        nodes = list(self.claims_by_id)
        att = sem.derived_attacks(
            nodes,
            [(a, b) for a, b, _ in self._edges("attacks")],
            [(a, b) for a, b, _ in self._edges("supports")],
        )
        return sem.grounded(nodes, att)

    def preferred(self) -> list[frozenset[str]] | None:
        """Preferred extensions, or None when the map is too tangled to enumerate exactly."""
        from argmap.reason import semantics as sem

        nodes = list(self.claims_by_id)
        att = sem.derived_attacks(
            nodes,
            [(a, b) for a, b, _ in self._edges("attacks")],
            [(a, b) for a, b, _ in self._edges("supports")],
        )
        return sem.preferred(nodes, att)

    def strength(self) -> dict[str, float]:
        """DF-QuAD gradual strength in [0, 1], starting from each claim's confidence."""
        from argmap.reason import semantics as sem

        base = {c.id: c.confidence for c in self.claims_by_id.values()}
        return sem.df_quad(
            list(self.claims_by_id), self._edges("attacks"), self._edges("supports"), base
        )

    def with_semantics(self) -> ArgumentMap:
        """A copy whose claims carry ``acceptance`` and ``strength`` (saved in the JSON)."""
        lab, st = self.acceptance(), self.strength()
        claims = [
            c.with_(acceptance=lab[c.id], strength=round(st[c.id], 4))
            for c in self.claims_by_id.values()
        ]
        return self.replace(claims, self.relations)

    def remerge(self, threshold: float, embedder: Embedder | None = None) -> ArgumentMap:
        """The same map merged at another dedup threshold, without re-extracting anything.

        Merges are undone (members and member-level relation pairs are kept for this), then
        redone; links across documents are kept as they were.
        """
        from argmap.dedup.apply import explode, home_of, merge

        emb = embedder or self._get_embedder()
        claims, rels = explode(list(self.claims_by_id.values()), self.relations)
        merged, merged_rels = merge(claims, rels, emb, threshold)
        home = home_of(merged)
        docs = [
            dataclasses.replace(d, main_claim=home.get(d.main_claim or "", d.main_claim))
            for d in self.documents.values()
        ]
        meta = dict(self.metadata, dedup_threshold=threshold)
        new = ArgumentMap(docs, merged, merged_rels, meta)
        new._embedder = emb
        return new.with_semantics()

    def __len__(self) -> int:
        return len(self.claims_by_id)

    def __repr__(self) -> str:
        s = self.stats()
        return (
            f"<ArgumentMap {s['documents']} documents, {s['claims']} claims, "
            f"{s['supports']} supports, {s['attacks']} attacks>"
        )


def _check_shape(d: Mapping[str, Any], source: str) -> None:
    """What the field-by-field readers would let through silently, each refused by its place:
    text holding a lone surrogate (no encoder can write it back), offsets that are not whole
    numbers (``1.5`` or ``true`` would be truncated), and ids given twice (one claim would
    silently replace the other)."""
    stack: list[tuple[str, Any]] = [("", d)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            if LONE_SURROGATE.search(node):
                raise MapFormatError(
                    f"{source}: {where or 'a key'} holds a lone surrogate, not text"
                )
        elif isinstance(node, dict):
            for k, v in node.items():
                stack.append((f"{where}.{k}" if where else str(k), v))
                if isinstance(k, str) and LONE_SURROGATE.search(k):
                    raise MapFormatError(f"{source}: a key in {where} holds a lone surrogate")
        elif isinstance(node, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(node))
    for kind in ("documents", "claims"):
        items = d.get(kind)
        if not isinstance(items, list):
            continue
        seen: set[Any] = set()
        for i, x in enumerate(items):
            xid = x.get("id") if isinstance(x, dict) else None
            if xid in seen:
                raise MapFormatError(
                    f"{source}: {kind}[{i}] repeats the id {excerpt(str(xid), 60)!r}"
                )
            seen.add(xid)
            mentions = []
            if isinstance(x, dict):
                mentions = [(f"{kind}[{i}]", x.get("mentions"))]
                for j, m in enumerate(x.get("members") or []):
                    if isinstance(m, dict):
                        mentions.append((f"{kind}[{i}].members[{j}]", m.get("mentions")))
            for at, ms in mentions:
                for j, m in enumerate(ms if isinstance(ms, list) else []):
                    for key in ("start", "end"):
                        v = m.get(key) if isinstance(m, dict) else None
                        if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                            raise MapFormatError(
                                f"{source}: {at}.mentions[{j}].{key} is {excerpt(json.dumps(v), 40)}, "
                                "not a whole number of characters"
                            )


def _no_constant(name: str) -> float:
    """NaN and Infinity are not JSON; a map that holds them would be re-saved as invalid JSON."""
    raise ValueError(f"{name} is not a JSON number")
