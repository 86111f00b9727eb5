"""Reading a map back from RDF: argmap's own export exactly, or foreign AIF RDF.

Kept apart from the writer (:mod:`argmap.interchange.rdf`) because reading is the other half
of the round-trip promise, and has to be strict about every triple it finds.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from argmap.errors import ArgmapError, MapFormatError, excerpt
from argmap.interchange.foreign import ForeignEdge, build_from_nodes
from argmap.interchange.rdf_parse import _union, parse_graph
from argmap.interchange.vocab import AIF, ARGMAP, OA, local_id
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, KeyPoint, Member, Mention, Relation
from argmap.model.serialise import FORMAT


class _Reader:
    def __init__(self, g: Graph, source: str) -> None:
        self.g = g
        self.source = source

    def fail(self, msg: str) -> MapFormatError:
        return MapFormatError(f"{self.source}: {msg}")

    def opt(self, s: Node, p: URIRef) -> Node | None:
        values = list(self.g.objects(s, p))
        if len(values) > 1:
            raise self.fail(f"{s} has {len(values)} values for {p}, expected one")
        return values[0] if values else None

    def one(self, s: Node, p: URIRef) -> Node:
        v = self.opt(s, p)
        if v is None:
            raise self.fail(f"{s} has no {p}")
        return v

    def text(self, s: Node, p: URIRef) -> str:
        return str(self.one(s, p))

    def float(self, s: Node, p: URIRef) -> float:
        v = self.one(s, p)
        try:
            return float(str(v))
        except ValueError as e:
            raise self.fail(f"{s} {p} is not a number: {v!r}") from e

    def int(self, s: Node, p: URIRef) -> int:
        v = self.one(s, p)
        try:
            return int(str(v))
        except ValueError as e:
            raise self.fail(f"{s} {p} is not an integer: {v!r}") from e

    def json(self, s: Node, p: URIRef, default: Any) -> Any:
        v = self.opt(s, p)
        if v is None:
            return default
        try:
            return json.loads(str(v))
        except json.JSONDecodeError as e:
            raise self.fail(f"{s} {p} is not JSON ({e.msg})") from e

    def ordered(self, nodes: Iterable[Node]) -> list[Node]:
        return sorted(set(nodes), key=lambda n: (self.int(n, ARGMAP.order), str(n)))

    def mentions(self, owner: Node) -> tuple[Mention, ...]:
        out = []
        for ann in self.ordered(self.g.objects(owner, ARGMAP.mention)):
            target = self.one(ann, OA.hasTarget)
            doc = local_id(str(self.one(target, OA.hasSource)), "document")
            pos = [
                s
                for s in self.g.objects(target, OA.hasSelector)
                if (s, RDF.type, OA.TextPositionSelector) in self.g
            ]
            if len(pos) != 1:
                raise self.fail(f"{ann} needs exactly one TextPositionSelector")
            out.append(Mention(doc, self.int(pos[0], OA.start), self.int(pos[0], OA.end)))
        return tuple(out)

    def document(self, node: Node) -> Document:
        main = self.opt(node, ARGMAP.mainClaimId)
        return Document(
            id=self.text(node, ARGMAP.id),
            source=self.text(node, ARGMAP.source),
            title=self.text(node, DCTERMS.title),
            text=self.text(node, ARGMAP.text),
            media_type=self.text(node, ARGMAP.mediaType),
            main_claim=None if main is None else str(main),
            metadata=self.json(node, ARGMAP.metadataJSON, {}),
            position=self.opt_text(node, ARGMAP.position),
            position_confidence=self.opt_float(node, ARGMAP.positionConfidence),
        )

    def opt_text(self, s: Node, p: URIRef) -> str | None:
        v = self.opt(s, p)
        return None if v is None else str(v)

    def opt_float(self, s: Node, p: URIRef) -> builtins.float | None:
        return None if self.opt(s, p) is None else self.float(s, p)

    def key_point(self, node: Node) -> KeyPoint:
        claims = self.json(node, ARGMAP.claimsJSON, [])
        if not isinstance(claims, list):
            raise self.fail(f"key point {node}: member list is not a JSON list")
        return KeyPoint(
            id=self.text(node, ARGMAP.id),
            label=self.text(node, ARGMAP.label),
            side=self.text(node, ARGMAP.side),
            claims=tuple(str(c) for c in claims),
            documents=self.int(node, ARGMAP.documentCount),
            mentions=self.int(node, ARGMAP.mentionCount),
            side_confidence=self.float(node, ARGMAP.sideConfidence),
            attacks=self.int(node, ARGMAP.attackCount),
            defences=self.int(node, ARGMAP.defenceCount),
            crux=str(self.one(node, ARGMAP.crux)).lower() == "true",
        )

    def member(self, node: Node) -> Member:
        return Member(
            id=self.text(node, ARGMAP.id),
            text=self.text(node, AIF.claimText),
            mentions=self.mentions(node),
            stance=self.text(node, ARGMAP.stance),
            confidence=self.float(node, ARGMAP.confidence),
            similarity=self.float(node, ARGMAP.similarity),
            stage=self.text(node, ARGMAP.stage),
        )

    def claim(self, node: Node) -> Claim:
        acceptance = self.opt(node, ARGMAP.acceptance)
        strength = self.opt(node, ARGMAP.strength)
        mentions = self.mentions(node)
        cid = self.text(node, ARGMAP.id)
        if not mentions:
            raise self.fail(f"claim {cid} has no mention")
        return Claim(
            id=cid,
            text=self.text(node, AIF.claimText),
            mentions=mentions,
            stance=self.text(node, ARGMAP.stance),
            confidence=self.float(node, ARGMAP.confidence),
            stage=self.text(node, ARGMAP.stage),
            members=tuple(
                self.member(m) for m in self.ordered(self.g.objects(node, ARGMAP.member))
            ),
            acceptance=None if acceptance is None else str(acceptance),
            strength=None if strength is None else float(str(strength)),
            metadata=self.json(node, ARGMAP.metadataJSON, {}),
            side=self.opt_text(node, ARGMAP.side),
            side_confidence=self.opt_float(node, ARGMAP.sideConfidence),
            side_source=self.opt_text(node, ARGMAP.sideSource),
        )

    def relation(self, node: Node) -> Relation:
        try:
            source = local_id(str(self.one(node, AIF.Premise)), "claim")
            target = local_id(str(self.one(node, AIF.Conclusion)), "claim")
            return Relation(
                source=source,
                target=target,
                type=self.text(node, ARGMAP.relationType),
                confidence=self.float(node, ARGMAP.confidence),
                stage=self.text(node, ARGMAP.stage),
                count=self.int(node, ARGMAP.count),
                scope=self.text(node, ARGMAP.scope),
                pairs=tuple((str(p[0]), str(p[1])) for p in self.json(node, ARGMAP.pairsJSON, [])),
                rule=str(self.opt(node, ARGMAP.rule) or ""),
                inference=tuple(str(x) for x in self.json(node, ARGMAP.inferenceJSON, [])),
            )
        except ValueError as e:
            raise self.fail(f"relation {node}: {e}") from e

    def read(self, map_node: Node) -> ArgumentMap:
        g = self.g
        fmt = self.text(map_node, ARGMAP.format)
        if fmt != FORMAT:
            raise self.fail(f"map format is {fmt!r}, expected {FORMAT!r}")
        docs = [self.document(n) for n in self.ordered(g.subjects(RDF.type, ARGMAP.Document))]
        claims = [self.claim(n) for n in self.ordered(g.subjects(RDF.type, ARGMAP.Claim))]
        rels = [self.relation(n) for n in self.ordered(g.subjects(RDF.type, ARGMAP.Relation))]
        meta = self.json(map_node, ARGMAP.metadataJSON, {})
        if not isinstance(meta, Mapping):
            raise self.fail("map metadata is not a JSON object")
        kps = None
        if self.opt(map_node, ARGMAP.hasKeyPoints) is not None:
            kps = [self.key_point(n) for n in self.ordered(g.subjects(RDF.type, ARGMAP.KeyPoint))]
        return ArgumentMap(docs, claims, rels, meta, kps)


def _foreign(g: Graph, source: str) -> ArgumentMap:
    """AIF RDF from another tool: I-nodes with claim texts, RA/CA/MA nodes between them."""
    nodes = sorted((str(s), str(t)) for s, t in g.subject_objects(AIF.claimText))
    edges = []
    for kind, node_type in (("supports", AIF["RA-node"]), ("attacks", AIF["CA-node"])):
        for s in sorted(g.subjects(RDF.type, node_type), key=str):
            for p in g.objects(s, AIF.Premise):
                for c in g.objects(s, AIF.Conclusion):
                    if (c, RDF.type, AIF["RA-node"]) in g:  # a conflict with an inference
                        first = sorted(g.objects(c, AIF.Premise), key=str)[:1]
                        for c2 in g.objects(c, AIF.Conclusion):
                            edges += [
                                ForeignEdge(str(p), str(c2), kind, inference=(str(q), str(c2)))
                                for q in first
                            ]
                        continue
                    edges.append(ForeignEdge(str(p), str(c), kind))
    rephrases = [
        (str(p), str(c))
        for s in sorted(g.subjects(RDF.type, AIF["MA-node"]), key=str)
        for p in g.objects(s, AIF.Premise)
        for c in g.objects(s, AIF.Conclusion)
    ]
    return build_from_nodes(nodes, edges, source, "aif-rdf", rephrases)[0]


def from_rdf(graph: Graph | Dataset, source: str = "RDF") -> ArgumentMap:
    """Rebuild a map from RDF that :func:`to_rdf` wrote (exactly), or from foreign AIF RDF.

    Raises:
        MapFormatError: the graph holds several argmap maps, or a required triple is missing.
    """
    g = _union(graph) if isinstance(graph, Dataset) else graph
    maps = sorted(set(g.subjects(RDF.type, ARGMAP.ArgumentMap)), key=str)
    if not maps:
        return _foreign(g, source)
    if len(maps) > 1:
        raise MapFormatError(f"{source}: holds {len(maps)} argument maps; export them one a file")
    try:
        amap = _Reader(g, source).read(maps[0])
    except MapFormatError:
        raise
    except (ValueError, KeyError, TypeError, ArithmeticError) as e:  # a value the reader cannot use
        raise MapFormatError(f"{source}: not a valid argmap map ({excerpt(str(e))})") from e
    try:
        amap.validate()
    except ArgmapError as e:
        raise MapFormatError(f"{source}: {e}") from e
    return amap


def parse(data: str | bytes, fmt: str, source: str = "RDF") -> ArgumentMap:
    """:func:`from_rdf` on RDF text in one of :data:`RDF_FORMATS`."""
    return from_rdf(parse_graph(data, fmt, source), source)
