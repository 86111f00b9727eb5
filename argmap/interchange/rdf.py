"""An argument map as RDF, and back, with nothing lost.

Vocabulary: claims are AIF ``I-node``s (and ``schema:Claim``), a support is an ``RA-node`` and an
attack a ``CA-node`` with ``aif:Premise``/``aif:Conclusion``; a dedup merge is an ``MA-node``
(rephrase) from a member to its claim. Documents and stages are PROV-O entities and activities,
each mention a W3C Web Annotation with a position and a quote selector. Whatever those
vocabularies have no word for lives in ``argmap:`` (see :mod:`argmap.interchange.vocab`).

Two promises, tested for every RDF syntax: map -> RDF -> map gives an equal ``to_dict()``, and
RDF -> map -> RDF gives the same graph. That is why:

* there are no blank nodes: every IRI derives from content-hash ids, so exporting twice gives
  the same triples, and isomorphism is plain set equality;
* list positions are stored (``argmap:order``) because RDF has no order;
* floats are ``xsd:decimal`` literals written from ``repr``: rdflib's Turtle writer prints
  ``xsd:double`` with six digits, which would lose precision;
* the JSON in metadata is stored as a string literal, exactly as ``json.dumps`` wrote it.

This module writes. Safe parsing lives in :mod:`argmap.interchange.rdf_parse` and reading a map
back in :mod:`argmap.interchange.rdf_read`; their names are re-exported here, so callers keep
importing everything from ``argmap.interchange.rdf``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO
from rdflib.term import Node

from argmap.errors import MapFormatError
from argmap.ids import digest
from argmap.interchange.rdf_parse import _ENTITY_DECL as _ENTITY_DECL
from argmap.interchange.rdf_parse import RDF_FORMATS as RDF_FORMATS
from argmap.interchange.rdf_parse import _bind as _bind
from argmap.interchange.rdf_parse import _check_xml_chars as _check_xml_chars
from argmap.interchange.rdf_parse import _refuse_entities as _refuse_entities
from argmap.interchange.rdf_parse import _refuse_remote_contexts as _refuse_remote_contexts
from argmap.interchange.rdf_parse import _union as _union
from argmap.interchange.rdf_parse import parse_graph as parse_graph
from argmap.interchange.rdf_read import _foreign as _foreign
from argmap.interchange.rdf_read import _Reader as _Reader
from argmap.interchange.rdf_read import from_rdf as from_rdf
from argmap.interchange.rdf_read import parse as parse
from argmap.interchange.vocab import AIF, ARGMAP, OA, iri
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, KeyPoint, Member, Mention, Relation
from argmap.model.serialise import FORMAT

#: Characters of context kept on each side in a TextQuoteSelector.
QUOTE_CONTEXT = 32

_SCHEME = {"supports": "Default Inference", "attacks": "Default Conflict"}
_NODE_TYPE = {"supports": AIF["RA-node"], "attacks": AIF["CA-node"]}


# ---- literals ------------------------------------------------------------------------------
def _num(x: float) -> Literal:
    """A float as an exact literal (see the module docstring for why not ``xsd:double``)."""
    x = float(x)
    if not math.isfinite(x):
        return Literal(
            "NaN" if math.isnan(x) else ("INF" if x > 0 else "-INF"), datatype=XSD.double
        )
    lex = format(Decimal(repr(x)), "f")
    if "." not in lex:
        lex += ".0"
    return Literal(lex, datatype=XSD.decimal)


def _int(n: int) -> Literal:
    return Literal(str(int(n)), datatype=XSD.integer)


def _str(s: str) -> Literal:
    return Literal(str(s))


def _json(value: Any) -> Literal:
    return Literal(json.dumps(value, ensure_ascii=False))


def content_hash(amap: ArgumentMap) -> str:
    """A digest of the whole map; names the map's IRI, so a store can tell if it holds it."""
    return digest(json.dumps(amap.to_dict(), ensure_ascii=False, sort_keys=True), size=24)


def map_iri(amap: ArgumentMap) -> URIRef:
    return iri("map", content_hash(amap))


# ---- export --------------------------------------------------------------------------------
class _Writer:
    """Adds one map's triples to a graph; keeps the IRIs it handed out unique."""

    def __init__(self, amap: ArgumentMap, graph: Graph) -> None:
        self.amap = amap
        self.g = graph
        self.used: set[URIRef] = set()
        self.map = map_iri(amap)

    def unique(self, kind: str, *parts: str) -> URIRef:
        """``iri(kind, digest(parts))``; a repeat (same content twice) gets a counter."""
        n = 0
        while True:
            node = iri(kind, digest(*parts, *([str(n)] if n else [])))
            if node not in self.used:
                self.used.add(node)
                return node
            n += 1

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def write(self) -> None:
        a = self.add
        m = self.map
        a(m, RDF.type, ARGMAP.ArgumentMap)
        a(m, RDF.type, PROV.Entity)
        a(m, ARGMAP.format, _str(FORMAT))
        a(m, ARGMAP.contentHash, _str(content_hash(self.amap)))
        a(m, ARGMAP.metadataJSON, _json(self.amap.metadata))
        for i, d in enumerate(self.amap.documents.values()):
            self.document(d, i)
        for i, c in enumerate(self.amap.claims_by_id.values()):
            self.claim(c, i)
        for i, r in enumerate(self.amap.relations):
            self.relation(r, i)
        self.rephrases()
        if self.amap.key_points is not None:
            a(m, ARGMAP.hasKeyPoints, Literal(True))
            for i, k in enumerate(self.amap.key_points):
                self.key_point(k, i)

    def key_point(self, k: KeyPoint, order: int) -> None:
        """A key point is its own node, linked to the I-nodes of its member claims."""
        a = self.add
        node = iri("keypoint", k.id)
        a(node, RDF.type, ARGMAP.KeyPoint)
        a(node, ARGMAP.inMap, self.map)
        a(node, ARGMAP.order, _int(order))
        a(node, ARGMAP.id, _str(k.id))
        a(node, ARGMAP.label, _str(k.label))
        a(node, RDFS.label, _str(k.label))
        a(node, ARGMAP.side, _str(k.side))
        a(node, ARGMAP.sideConfidence, _num(k.side_confidence))
        a(node, ARGMAP.documentCount, _int(k.documents))
        a(node, ARGMAP.mentionCount, _int(k.mentions))
        a(node, ARGMAP.attackCount, _int(k.attacks))
        a(node, ARGMAP.defenceCount, _int(k.defences))
        a(node, ARGMAP.crux, Literal(k.crux))
        a(node, ARGMAP.claimsJSON, _json(list(k.claims)))  # the members' order
        for cid in k.claims:
            claim = iri("claim", cid)
            a(node, ARGMAP.keyPointMember, claim)
            a(claim, ARGMAP.keyPoint, node)

    def stage(self, node: URIRef, stage: str) -> None:
        a = self.add
        a(node, ARGMAP.stage, _str(stage))
        if stage:
            act = iri("stage", stage)
            a(node, PROV.wasGeneratedBy, act)
            a(act, RDF.type, PROV.Activity)
            a(act, RDF.type, ARGMAP.Stage)
            a(act, RDFS.label, _str(stage))

    def document(self, d: Document, order: int) -> None:
        a = self.add
        node = iri("document", d.id)
        a(node, RDF.type, ARGMAP.Document)
        a(node, RDF.type, PROV.Entity)
        a(node, ARGMAP.inMap, self.map)
        a(node, ARGMAP.order, _int(order))
        a(node, ARGMAP.id, _str(d.id))
        a(node, ARGMAP.source, _str(d.source))
        a(node, DCTERMS.title, _str(d.title))
        a(node, ARGMAP.mediaType, _str(d.media_type))
        a(node, DCTERMS.format, _str(d.media_type))
        a(node, ARGMAP.text, _str(d.text))
        a(node, ARGMAP.metadataJSON, _json(dict(d.metadata)))
        if d.position is not None:
            a(node, ARGMAP.position, _str(d.position))
            if d.position_confidence is not None:
                a(node, ARGMAP.positionConfidence, _num(d.position_confidence))
        if d.main_claim is not None:
            a(node, ARGMAP.mainClaimId, _str(d.main_claim))
            if d.main_claim in self.amap.claims_by_id:
                a(node, ARGMAP.mainClaim, iri("claim", d.main_claim))

    def mentions(self, owner: URIRef, mentions: Iterable[Mention]) -> None:
        a = self.add
        for i, m in enumerate(mentions):
            ann = self.unique("mention", str(owner), m.document, str(m.start), str(m.end))
            target, pos, quote = (URIRef(f"{ann}#{x}") for x in ("target", "position", "quote"))
            doc_node = iri("document", m.document)
            a(owner, ARGMAP.mention, ann)
            a(ann, RDF.type, OA.Annotation)
            a(ann, OA.motivatedBy, OA.identifying)
            a(ann, OA.hasBody, owner)
            a(ann, ARGMAP.order, _int(i))
            a(ann, OA.hasTarget, target)
            a(target, RDF.type, OA.SpecificResource)
            a(target, OA.hasSource, doc_node)
            a(target, OA.hasSelector, pos)
            a(target, OA.hasSelector, quote)
            a(pos, RDF.type, OA.TextPositionSelector)
            a(pos, OA.start, Literal(str(m.start), datatype=XSD.nonNegativeInteger))
            a(pos, OA.end, Literal(str(m.end), datatype=XSD.nonNegativeInteger))
            a(owner, PROV.wasDerivedFrom, doc_node)
            doc = self.amap.documents.get(m.document)
            if doc is not None:
                text = doc.text
                a(quote, RDF.type, OA.TextQuoteSelector)
                a(quote, OA.exact, _str(text[m.start : m.end]))
                a(quote, OA.prefix, _str(text[max(0, m.start - QUOTE_CONTEXT) : m.start]))
                a(quote, OA.suffix, _str(text[m.end : m.end + QUOTE_CONTEXT]))

    def claim(self, c: Claim, order: int) -> None:
        a = self.add
        node = iri("claim", c.id)
        a(node, RDF.type, AIF["I-node"])
        a(node, RDF.type, SDO.Claim)
        a(node, RDF.type, ARGMAP.Claim)
        a(node, RDF.type, PROV.Entity)
        a(node, ARGMAP.inMap, self.map)
        a(node, ARGMAP.order, _int(order))
        a(node, ARGMAP.id, _str(c.id))
        a(node, AIF.claimText, _str(c.text))
        a(node, ARGMAP.stance, _str(c.stance))
        a(node, ARGMAP.confidence, _num(c.confidence))
        self.stage(node, c.stage)
        if c.acceptance is not None:
            a(node, ARGMAP.acceptance, _str(c.acceptance))
        if c.strength is not None:
            a(node, ARGMAP.strength, _num(c.strength))
        if c.side is not None:
            a(node, ARGMAP.side, _str(c.side))
            if c.side_confidence is not None:
                a(node, ARGMAP.sideConfidence, _num(c.side_confidence))
            if c.side_source is not None:
                a(node, ARGMAP.sideSource, _str(c.side_source))
        if c.metadata:
            a(node, ARGMAP.metadataJSON, _json(dict(c.metadata)))
        self.mentions(node, c.mentions)
        for i, mem in enumerate(c.members):
            self.member(node, c, mem, i)

    def member(self, claim_node: URIRef, c: Claim, mem: Member, order: int) -> None:
        a = self.add
        node = self.unique("member", c.id, mem.id)
        a(claim_node, ARGMAP.member, node)
        a(node, RDF.type, ARGMAP.Member)
        a(node, RDF.type, PROV.Entity)
        a(node, ARGMAP.order, _int(order))
        a(node, ARGMAP.id, _str(mem.id))
        a(node, AIF.claimText, _str(mem.text))
        a(node, ARGMAP.stance, _str(mem.stance))
        a(node, ARGMAP.confidence, _num(mem.confidence))
        a(node, ARGMAP.similarity, _num(mem.similarity))
        self.stage(node, mem.stage)
        self.mentions(node, mem.mentions)
        if mem.id != c.id:
            # a variant merged into the claim: AIF says it is a rephrase of it
            a(node, RDF.type, AIF["I-node"])
            ma = self.unique("rephrase", c.id, mem.id)
            a(ma, RDF.type, AIF["MA-node"])
            a(ma, RDFS.label, _str("Default Rephrase"))
            a(ma, AIF.Premise, node)
            a(ma, AIF.Conclusion, claim_node)

    def rephrases(self) -> None:
        """Links another tool's file made with MA nodes, kept as two claims: MA nodes again."""
        for a_id, b_id in self.amap.metadata.get("rephrases", []) or []:
            if a_id in self.amap.claims_by_id and b_id in self.amap.claims_by_id:
                ma = self.unique("rephrase", b_id, a_id)
                self.add(ma, RDF.type, AIF["MA-node"])
                self.add(ma, RDFS.label, _str("Default Rephrase"))
                self.add(ma, AIF.Premise, iri("claim", a_id))
                self.add(ma, AIF.Conclusion, iri("claim", b_id))

    def relation(self, r: Relation, order: int) -> None:
        a = self.add
        node = self.unique("relation", r.source, r.target, r.type)
        a(node, RDF.type, _NODE_TYPE[r.type])
        a(node, RDF.type, ARGMAP.Relation)
        a(node, RDFS.label, _str(_SCHEME[r.type]))
        a(node, ARGMAP.inMap, self.map)
        a(node, ARGMAP.order, _int(order))
        a(node, ARGMAP.relationType, _str(r.type))
        a(node, AIF.Premise, iri("claim", r.source))
        a(node, AIF.Conclusion, iri("claim", r.target))
        a(node, ARGMAP.confidence, _num(r.confidence))
        self.stage(node, r.stage)
        a(node, ARGMAP.count, _int(r.count))
        a(node, ARGMAP.scope, _str(r.scope))
        if r.pairs:
            a(node, ARGMAP.pairsJSON, _json([list(p) for p in r.pairs]))
        if r.rule:
            a(node, ARGMAP.rule, _str(r.rule))
        if r.inference:
            a(node, ARGMAP.inferenceJSON, _json(list(r.inference)))


def to_rdf(amap: ArgumentMap) -> Graph:
    """The map as an rdflib Graph (no blank nodes; the same map always gives the same triples)."""
    g = Graph()
    _bind(g)
    _Writer(amap, g).write()
    return g


def to_dataset(amap: ArgumentMap) -> Dataset:
    """The map's triples in one named graph, named by the map's IRI (for TriG and quad stores)."""
    ds = Dataset()
    _bind(ds)
    g = ds.graph(map_iri(amap))
    _Writer(amap, g).write()
    return ds


def serialize(amap: ArgumentMap, fmt: str = "turtle") -> str:
    """The map written in one of :data:`RDF_FORMATS`."""
    if fmt not in RDF_FORMATS:
        raise MapFormatError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    if fmt == "trig":
        return to_dataset(amap).serialize(format="trig")
    graph = to_rdf(amap)
    if fmt == "xml":
        _check_xml_chars(graph)
    return graph.serialize(format=fmt)
