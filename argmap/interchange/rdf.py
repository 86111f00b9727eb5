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
"""

from __future__ import annotations

import builtins
import json
import math
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SDO
from rdflib.term import Node

from argmap.chars import NOT_XML
from argmap.errors import ArgmapError, MapFormatError, brief, excerpt
from argmap.ids import digest
from argmap.interchange.foreign import ForeignEdge, map_from_nodes
from argmap.interchange.vocab import AIF, ARGMAP, OA, PREFIXES, iri, local_id
from argmap.model.amap import FORMAT, ArgumentMap
from argmap.model.data import Claim, Document, KeyPoint, Member, Mention, Relation

#: Characters of context kept on each side in a TextQuoteSelector.
QUOTE_CONTEXT = 32

#: rdflib format names of the RDF syntaxes, and the file extension each is written with.
RDF_FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "json-ld": ".jsonld",
    "nt": ".nt",
    "xml": ".rdf",
    "trig": ".trig",
}

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


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


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


def _check_xml_chars(graph: Graph) -> None:
    """Refuse, by name, what RDF/XML cannot carry, rather than write a file no parser reads.

    Turtle, N-Triples, TriG and JSON-LD escape any character, so they are the way out.
    """
    for s, p, o in graph:
        if isinstance(o, Literal):
            bad = NOT_XML.search(str(o))
            if bad:
                raise MapFormatError(
                    f"RDF/XML cannot hold the character U+{ord(bad.group()):04X} found in "
                    f"{p.n3(graph.namespace_manager)} of {s}; export as turtle, nt, trig or "
                    "json-ld instead, which can"
                )


def parse_graph(data: str | bytes, fmt: str, source: str = "RDF") -> Graph:
    """Parse RDF text into one Graph; for TriG, the union of all its graphs."""
    if fmt not in RDF_FORMATS:
        raise MapFormatError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    if fmt == "json-ld":
        _refuse_remote_contexts(data, source)
    if fmt == "xml":
        _refuse_entities(data, source)
    try:
        if fmt == "trig":
            ds = Dataset()
            ds.parse(data=data, format="trig")
            return _union(ds)
        g = Graph()
        g.parse(data=data, format=fmt)
        return g
    except Exception as e:  # rdflib raises many unrelated types for bad input
        raise MapFormatError(f"{source}: not valid {fmt} ({brief(e)})") from e


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _refuse_entities(data: str | bytes, source: str) -> None:
    """Entities declared in a DTD expand inside the parser: six nested levels in a 1 KB file
    ("billion laughs") take minutes and gigabytes. RDF/XML has no need of them (argmap and the
    tools it reads from never declare any), so a file that declares one is refused by name."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if _ENTITY_DECL.search(raw):
        raise MapFormatError(
            f"{source}: RDF/XML declaring entities (<!ENTITY ...>) is refused: expanding them "
            "can take minutes; remove the DTD or export the file as turtle"
        )


def _refuse_remote_contexts(data: str | bytes, source: str) -> None:
    """A JSON-LD ``@context`` (or ``@import``) given as a URL or path would make the parser fetch
    it: a file could make argmap talk to any host the user can reach, or read a local file. Only
    inline contexts are accepted; the error says so, naming the file."""
    import json

    try:
        doc = json.loads(data)
    except RecursionError as e:
        raise MapFormatError(f"{source}: JSON nested too deeply to read") from e
    except ValueError as e:
        raise MapFormatError(f"{source}: not valid json-ld ({excerpt(str(e))})") from e
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key in ("@context", "@import"):
                refs = value if isinstance(value, list) else [value]
                for ref in refs:
                    if isinstance(ref, str):
                        raise MapFormatError(
                            f"{source}: json-ld {key} {ref[:80]!r} points outside the file; "
                            "argmap never fetches contexts (inline the context instead)"
                        )
            stack.append(value)


def _union(ds: Dataset) -> Graph:
    g = Graph()
    _bind(g)
    for s, p, o, _ctx in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# ---- import --------------------------------------------------------------------------------
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
                    edges.append(ForeignEdge(str(p), str(c), kind))
    rephrases = [
        (str(p), str(c))
        for s in sorted(g.subjects(RDF.type, AIF["MA-node"]), key=str)
        for p in g.objects(s, AIF.Premise)
        for c in g.objects(s, AIF.Conclusion)
    ]
    return map_from_nodes(nodes, edges, source, "aif-rdf", rephrases)


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
