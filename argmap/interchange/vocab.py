"""The vocabularies the RDF export speaks, as closed ``DefinedNamespace`` classes.

Closed (``_fail = True``) so a typo in a term name is an AttributeError at import time instead
of a silently wrong IRI in every exported graph. AIF terms with hyphens (``I-node``) are not
Python names and are listed in ``_extras``; reach them with ``AIF["I-node"]``.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

#: Where argmap's own resources live; ids are content hashes, so IRIs are stable across runs.
ID_BASE = "https://argmap.dev/id/"


class AIF(DefinedNamespace):
    """Argument Interchange Format, as AIFdb writes it in RDF."""

    _NS = Namespace("http://www.arg.tech/aif#")
    _fail = True
    _extras = ["I-node", "RA-node", "CA-node", "MA-node", "S-node", "Node"]

    claimText: URIRef
    Premise: URIRef
    Conclusion: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the terms a mention needs."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    identifying: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef


class ARGMAP(DefinedNamespace):
    """argmap's own terms: whatever AIF, PROV-O and Web Annotation have no word for."""

    _NS = Namespace("https://argmap.dev/ns#")
    _fail = True

    # classes
    ArgumentMap: URIRef
    Document: URIRef
    Claim: URIRef
    Member: URIRef
    Relation: URIRef
    Stage: URIRef
    KeyPoint: URIRef
    # structure
    inMap: URIRef
    member: URIRef
    mention: URIRef
    order: URIRef
    id: URIRef
    # map and documents
    format: URIRef
    metadataJSON: URIRef
    source: URIRef
    text: URIRef
    mediaType: URIRef
    mainClaimId: URIRef
    mainClaim: URIRef
    # claims, members, relations
    stance: URIRef
    confidence: URIRef
    strength: URIRef
    acceptance: URIRef
    similarity: URIRef
    stage: URIRef
    relationType: URIRef
    count: URIRef
    scope: URIRef
    pairsJSON: URIRef
    inferenceJSON: URIRef
    rule: URIRef
    contentHash: URIRef
    # the debate: sides toward the question, positions, key points
    side: URIRef
    sideConfidence: URIRef
    sideSource: URIRef
    position: URIRef
    positionConfidence: URIRef
    keyPoint: URIRef
    keyPointMember: URIRef
    label: URIRef
    documentCount: URIRef
    mentionCount: URIRef
    attackCount: URIRef
    defenceCount: URIRef
    crux: URIRef
    hasKeyPoints: URIRef
    claimsJSON: URIRef
    # the on-disk store's own notes (argmap.interchange.sparql.OxigraphStore), never in an export
    loadingGraph: URIRef
    loadedGraph: URIRef


PREFIXES: dict[str, str] = {
    "aif": str(AIF._NS),
    "argmap": str(ARGMAP._NS),
    "oa": str(OA._NS),
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def iri(kind: str, *parts: str) -> URIRef:
    """``https://argmap.dev/id/<kind>/<part>/...``, each part percent-encoded.

    Ids from other tools may hold any character; encoding keeps every IRI valid and lets
    :func:`local_id` recover the exact id.
    """
    return URIRef(ID_BASE + kind + "/" + "/".join(quote(p, safe="") for p in parts))


def local_id(node: URIRef | str, kind: str) -> str:
    """The id inside an IRI made by :func:`iri` (single-part form)."""
    s = str(node)
    head = ID_BASE + kind + "/"
    if not s.startswith(head):
        raise ValueError(f"{s} is not an argmap {kind} IRI")
    return unquote(s[len(head) :])
