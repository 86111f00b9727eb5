"""SPARQL over a map: in memory with rdflib, or in an on-disk Oxigraph store for large maps.

Values reach a query only as bound variables (rdflib ``initBindings``, Oxigraph
``substitutions``), never by pasting text into the query, so a value such as ``"} DROP ALL {``
is just a string literal that matches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from argmap.chars import LONE_SURROGATE
from argmap.errors import ArgmapError, MissingDependency, brief, excerpt
from argmap.interchange.rdf import _num, map_iri, to_rdf
from argmap.interchange.vocab import ARGMAP, PREFIXES

if TYPE_CHECKING:
    from argmap.model.amap import ArgumentMap

Row = dict[str, Any]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


# What an IRI may not hold (RFC 3987: spaces, controls, <>"{}|\\^`), and lone surrogates
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f\ud800-\udfff]')
_IRI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def to_term(value: Any) -> Node:
    """A Python value as the RDF term argmap's export would use for it.

    Floats become exact ``xsd:decimal`` like the export, so a bound confidence matches.
    """
    if isinstance(value, URIRef):
        bad = _BAD_IRI.search(str(value))
        if bad or not _IRI_SCHEME.match(str(value)):
            why = f"holds {bad.group()!r}" if bad else "has no scheme (such as https:)"
            raise ArgmapError(f"cannot bind <{excerpt(str(value), 80)}>: not an IRI, it {why}")
        return value
    if isinstance(value, (Literal, BNode)):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ArgmapError(f"cannot bind {value} in a SPARQL query")
        return Literal(format(value, "f"), datatype=XSD.decimal)
    if isinstance(value, str):
        if LONE_SURROGATE.search(value):
            raise ArgmapError(
                f"cannot bind {excerpt(value, 80)!r}: it holds a lone surrogate, not text"
            )
        return Literal(value)
    raise ArgmapError(f"cannot bind a {type(value).__name__} in a SPARQL query")


def from_term(node: Any) -> Any:
    """An RDF term as plain Python: IRIs and strings as str, numbers as int/float."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, Literal):
        v = node.toPython()
        if isinstance(v, bool | int | float | str):
            return v
        if isinstance(v, Decimal):
            return float(v)
        return str(node)
    return str(node)


def _check_names(bindings: Mapping[str, Any]) -> None:
    for name in bindings:
        if not _NAME.match(name):
            raise ArgmapError(f"bad variable name {name!r} to bind (letters, digits, _)")


def query_graph(graph: Graph, query: str, **bindings: Any) -> list[Row]:
    """Run a query on an rdflib graph. SELECT gives rows; ASK one row ``{"ask": bool}``;
    CONSTRUCT/DESCRIBE one row per triple.

    Raises:
        ArgmapError: the query does not parse or fails to run.
    """
    _check_names(bindings)
    init: dict[str, Any] = {k: to_term(v) for k, v in bindings.items()}
    try:
        res = graph.query(query, initNs=PREFIXES, initBindings=init)
        if res.type == "ASK":
            return [{"ask": bool(res.askAnswer)}]
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            assert res.graph is not None
            return [
                {"subject": from_term(s), "predicate": from_term(p), "object": from_term(o)}
                for s, p, o in res.graph
            ]
        names = [str(v) for v in res.vars or []]
        rows: list[Any] = list(res)
        return [{n: from_term(row[i]) for i, n in enumerate(names)} for row in rows]
    except ArgmapError:
        raise
    except Exception as e:  # pyparsing and rdflib evaluation errors have no common base
        raise ArgmapError(f"SPARQL query failed: {brief(e)}") from e


def query(amap: ArgumentMap, query: str, **bindings: Any) -> list[Row]:
    """Run SPARQL over the map's RDF export (:func:`argmap.interchange.rdf.to_rdf`).

    Prefixes ``aif:``, ``argmap:``, ``oa:``, ``prov:``, ``schema:``, ``dcterms:``, ``xsd:`` and
    ``rdfs:`` are predeclared. Keyword arguments bind variables (``document="d12"`` binds
    ``?document``).
    """
    return query_graph(to_rdf(amap), query, **bindings)


# ---- Oxigraph -----------------------------------------------------------------------------
def _ox() -> Any:
    try:
        import pyoxigraph
    except ImportError as e:
        raise MissingDependency("pyoxigraph", purpose="an on-disk SPARQL store (--store)") from e
    return pyoxigraph


def _to_ox(ox: Any, term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _from_ox(ox: Any, term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return from_term(
            Literal(
                term.value,
                lang=term.language,
                datatype=None if term.language else URIRef(term.datatype.value),
            )
        )
    return str(term)


# Where the store keeps note of the graphs this class loaded, so it only ever replaces those.
_LEDGER = "urn:argmap:store"


class OxigraphStore:
    """A map loaded into an on-disk Oxigraph store, queried natively.

    The map lives in a named graph of its own, named by the map's IRI (which carries a hash of
    the map's content), and queries see that graph as their default graph. Opening the store
    for a map that is already there loads nothing. The store caches one map at a time: a graph
    this class loaded for another map is dropped, and the class keeps note of the graphs it
    loaded (in the graph ``urn:argmap:store``), marked complete only once a load has finished,
    so an interrupted load is redone rather than reused. Anything it did not load -- the
    default graph, other named graphs, an argmap TriG export someone loaded by hand -- is never
    touched.

    Oxigraph substitutes only variables that a SELECT projects (SPARQL-dev SEP-0007); a query
    that binds any other variable is answered by rdflib over the same map instead, with the
    same results, and ``fallbacks`` counts how often that happened.
    """

    def __init__(self, path: str | Path, amap: ArgumentMap) -> None:
        ox = _ox()
        self._ox = ox
        self._amap = amap
        self._rdflib: Graph | None = None
        self.fallbacks = 0
        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self.store = ox.Store(str(self.path))
        except OSError as e:
            raise ArgmapError(f"cannot open SPARQL store {self.path}: {e}") from e
        self.graph = ox.NamedNode(str(map_iri(amap)))
        ledger = ox.NamedNode(_LEDGER)
        loading = ox.NamedNode(str(ARGMAP.loadingGraph))
        loaded = ox.NamedNode(str(ARGMAP.loadedGraph))

        def noted(pred: Any) -> set[Any]:
            return {
                q.object
                for q in self.store.quads_for_pattern(ledger, pred, None, ledger)
                if isinstance(q.object, ox.NamedNode)
            }

        done, started = noted(loaded), noted(loading)
        self.reused = self.graph in done
        if not self.reused:
            if self.store.contains_named_graph(self.graph) and self.graph not in started:
                raise ArgmapError(
                    f"SPARQL store {self.path} already holds a graph named {self.graph.value} "
                    "that argmap did not load; use another --store folder"
                )
            # graphs this class loaded (or began to load) for other maps, and only those
            for g in done | started:
                self.store.remove(ox.Quad(ledger, loaded, g, ledger))
                self.store.remove(ox.Quad(ledger, loading, g, ledger))
                self.store.remove_graph(g)
            self.store.add(ox.Quad(ledger, loading, self.graph, ledger))
            self.store.flush()
            data = to_rdf(amap).serialize(format="nt", encoding="utf-8")
            self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=self.graph)
            self.store.flush()
            self.store.remove(ox.Quad(ledger, loading, self.graph, ledger))
            self.store.add(ox.Quad(ledger, loaded, self.graph, ledger))  # complete: note it
            self.store.flush()

    def __len__(self) -> int:
        """Triples of this map (not of everything else the store may hold)."""
        return sum(1 for _ in self.store.quads_for_pattern(None, None, None, self.graph))

    def query(self, query: str, **bindings: Any) -> list[Row]:
        """Like :func:`query`, run by Oxigraph; bindings go in as ``substitutions``."""
        ox = self._ox
        _check_names(bindings)
        subs = {ox.Variable(k): _to_ox(ox, to_term(v)) for k, v in bindings.items()}
        try:
            res = self.store.query(
                query, prefixes=PREFIXES, substitutions=subs, default_graph=self.graph
            )
        except (SyntaxError, OSError, ValueError, RuntimeError) as e:
            if bindings and "projection" in str(e):
                self.fallbacks += 1
                if self._rdflib is None:
                    self._rdflib = to_rdf(self._amap)
                return query_graph(self._rdflib, query, **bindings)
            raise ArgmapError(f"SPARQL query failed: {excerpt(str(e))}") from e
        if isinstance(res, ox.QueryBoolean):
            return [{"ask": bool(res)}]
        if isinstance(res, ox.QueryTriples):
            return [
                {
                    "subject": _from_ox(ox, t.subject),
                    "predicate": _from_ox(ox, t.predicate),
                    "object": _from_ox(ox, t.object),
                }
                for t in res
            ]
        names = [v.value for v in res.variables]
        return [{n: _from_ox(ox, sol[n]) for n in names} for sol in res]
