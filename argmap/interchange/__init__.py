"""Export and import: RDF (AIF + PROV-O + Web Annotation), AIFdb JSON, Argdown, GraphML, SPARQL.

A registry (:mod:`argmap.interchange.formats`) maps format names to writers and readers, so
the CLI and Python callers name formats the same way; heavy modules load only when their format
is used. The functions below are the map-level conveniences over it.

    from argmap.interchange import export_text, read_map
    text = export_text(amap, "turtle")
    same = read_map("map.ttl")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import MapFormatError
from argmap.fileio import atomic_write_text
from argmap.interchange import formats

if TYPE_CHECKING:
    from rdflib import Graph

    from argmap.model.amap import ArgumentMap

#: rdflib syntaxes, in the order the CLI offers them.
RDF_FORMATS = tuple(formats.rdf_syntaxes())
#: Every format ``export`` writes, with the extension a file in it gets.
EXPORT_FORMATS: dict[str, str] = {n: formats.get(n).extensions[0] for n in formats.writable()}
#: Formats ``import`` reads.
IMPORT_FORMATS = tuple(formats.readable())


def guess_format(path: str | Path) -> str | None:
    """The format a file name suggests (``map.ttl`` -> ``turtle``), or None."""
    f = formats.for_path(path)
    return f.name if f else None


def export_text(amap: ArgumentMap, fmt: str) -> str:
    """The map written in ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    if fmt not in EXPORT_FORMATS and fmt not in formats.writable():
        raise MapFormatError(
            f"unknown export format {fmt!r}; use one of {', '.join(formats.writable())}"
        )
    return formats.get(fmt).write(amap)


def write_map(amap: ArgumentMap, path: str | Path, fmt: str | None = None) -> str:
    """Write ``amap`` to ``path`` in ``fmt`` (guessed from the extension if None); the format."""
    fmt = fmt or guess_format(path)
    if fmt is None:
        raise MapFormatError(f"{path}: cannot tell the format from the extension; give --format")
    atomic_write_text(path, export_text(amap, fmt))
    return fmt


def _sniff_json(data: Any) -> str:
    """Which JSON dialect a parsed .json file is: an argmap map, AIF JSON or JSON-LD."""
    if isinstance(data, dict):
        if data.get("format") == "argmap/1":
            return "argmap"
        if "nodes" in data or isinstance(data.get("AIF"), dict):
            return "aif-json"
        if isinstance(data.get("statements"), dict) and isinstance(data.get("arguments"), dict):
            return "argdown-json"
        if "@context" in data or "@graph" in data or "@id" in data:
            return "json-ld"
    if isinstance(data, list):
        return "json-ld"
    return "aif-json"


def import_text(text: str, fmt: str, source: str = "input") -> ArgumentMap:
    """A map from text in one of :data:`IMPORT_FORMATS` (``"json"`` sniffs the dialect)."""
    if fmt == "json":
        from argmap.model.serialise import parse_json

        data = parse_json(text, source)  # each reader (and from_dict) checks the text itself
        kind = _sniff_json(data)
        if kind == "argmap":
            from argmap.model.amap import ArgumentMap

            return ArgumentMap.from_dict(data, source=source)
        fmt = kind
    if fmt not in formats.readable():
        raise MapFormatError(
            f"{source}: cannot import {fmt!r}; use one of {', '.join(formats.readable())}"
        )
    return formats.get(fmt).read(text, source)


def read_map(path: str | Path, fmt: str | None = None) -> ArgumentMap:
    """Read a map from RDF or AIF JSON; the format comes from ``fmt`` or the extension
    (a ``.json`` file is sniffed: argmap map, AIF JSON or JSON-LD)."""
    path = Path(path)
    if fmt is None:
        fmt = guess_format(path)
        if fmt == "aif-json" and path.suffix.lower() == ".json":
            fmt = "json"
    if fmt is None:
        raise MapFormatError(f"{path}: cannot tell the format from the extension; give --format")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise MapFormatError(f"{path}: no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise MapFormatError(f"{path}: cannot read ({e})") from e
    return import_text(text, fmt, source=str(path))


def to_rdf(amap: ArgumentMap) -> Graph:
    """The map as an rdflib Graph: AIF nodes, PROV-O provenance, Web Annotation mentions.

    Lossless: :func:`from_rdf` gives back an equal map."""
    from argmap.interchange.rdf import to_rdf as _to_rdf

    return _to_rdf(amap)


def from_rdf(graph: Graph, source: str = "RDF") -> ArgumentMap:
    """A map from RDF that :func:`to_rdf` wrote (exactly), or from foreign AIF RDF."""
    from argmap.interchange.rdf import from_rdf as _from_rdf

    return _from_rdf(graph, source)


def export(amap: ArgumentMap, path: str | Path, fmt: str | None = None) -> str:
    """Write the map as RDF, AIF JSON, Argdown or GraphML (format from the extension)."""
    return write_map(amap, path, fmt)


def run_sparql(amap: ArgumentMap, query: str, **bindings: Any) -> list[dict[str, Any]]:
    """Rows of a SPARQL query over :func:`to_rdf`; keyword values bind ``?name`` safely.

    Values are bound, never pasted into the query text, so document text cannot change what
    a query does."""
    from argmap.interchange.sparql import query as run

    return run(amap, query, **bindings)


__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "RDF_FORMATS",
    "export",
    "export_text",
    "from_rdf",
    "run_sparql",
    "to_rdf",
    "guess_format",
    "import_text",
    "read_map",
    "write_map",
]
