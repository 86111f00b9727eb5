"""Reading RDF text defensively, kept apart from the map reader and writer.

RDF files come from anywhere, and the parsers behind rdflib will expand DTD entities, fetch
remote JSON-LD contexts and write RDF/XML that no parser reads back. Every check that stands
between argmap and those parsers lives here, in one place, for both directions.
"""

from __future__ import annotations

import re

from rdflib import Dataset, Graph, Literal

from argmap.chars import NOT_XML
from argmap.errors import MapFormatError, brief, excerpt
from argmap.interchange.vocab import PREFIXES

#: rdflib format names of the RDF syntaxes, and the file extension each is written with.
RDF_FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "json-ld": ".jsonld",
    "nt": ".nt",
    "xml": ".rdf",
    "trig": ".trig",
}


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)


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
