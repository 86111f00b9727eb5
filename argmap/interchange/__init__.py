"""Export and import: RDF (AIF + PROV-O + Web Annotation), AIFdb JSON, Argdown, GraphML, SPARQL.

One small registry maps format names to writers and readers, so the CLI and Python callers
name formats the same way; heavy modules load only when their format is used.

    from argmap.interchange import export_text, read_map
    text = export_text(amap, "turtle")
    same = read_map("map.ttl")
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import MapFormatError
from argmap.fileio import atomic_write_text

if TYPE_CHECKING:
    from argmap.model.amap import ArgumentMap

RDF_FORMATS = ("turtle", "json-ld", "nt", "xml", "trig")
#: Every format ``export`` writes, with the extension a file in it gets.
EXPORT_FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "json-ld": ".jsonld",
    "nt": ".nt",
    "xml": ".rdf",
    "trig": ".trig",
    "aif-json": ".json",
    "argdown": ".argdown",
    "graphml": ".graphml",
}
#: Formats ``import`` reads.
IMPORT_FORMATS = (*RDF_FORMATS, "aif-json")
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".nt": "nt",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".trig": "trig",
    ".json": "aif-json",
    ".aif": "aif-json",
    ".argdown": "argdown",
    ".ad": "argdown",
    ".graphml": "graphml",
}


def guess_format(path: str | Path) -> str | None:
    """The format a file name suggests (``map.ttl`` -> ``turtle``), or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def export_text(amap: ArgumentMap, fmt: str) -> str:
    """The map written in ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    if fmt in RDF_FORMATS:
        from argmap.interchange.rdf import serialize

        return serialize(amap, fmt)
    if fmt == "aif-json":
        from argmap.interchange.aif_json import dumps

        return dumps(amap)
    if fmt == "argdown":
        from argmap.interchange.argdown import to_argdown

        return to_argdown(amap)
    if fmt == "graphml":
        from argmap.interchange.graphml import to_graphml

        return to_graphml(amap)
    raise MapFormatError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")


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
        if "@context" in data or "@graph" in data or "@id" in data:
            return "json-ld"
    if isinstance(data, list):
        return "json-ld"
    return "aif-json"


def import_text(text: str, fmt: str, source: str = "input") -> ArgumentMap:
    """A map from text in one of :data:`IMPORT_FORMATS` (``"json"`` sniffs the dialect)."""
    if fmt in ("json", "aif-json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise MapFormatError(f"{source}: not valid JSON ({e.msg} at line {e.lineno})") from e
        kind = _sniff_json(data) if fmt == "json" else "aif-json"
        if kind == "argmap":
            from argmap.model.amap import ArgumentMap

            return ArgumentMap.from_dict(data, source=source)
        if kind == "aif-json":
            from argmap.interchange.aif_json import from_aif_json

            return from_aif_json(data, source)
        fmt = "json-ld"
    if fmt in RDF_FORMATS:
        from argmap.interchange.rdf import parse

        return parse(text, fmt, source)
    raise MapFormatError(f"{source}: cannot import {fmt!r}; use one of {', '.join(IMPORT_FORMATS)}")


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


__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "RDF_FORMATS",
    "export_text",
    "guess_format",
    "import_text",
    "read_map",
    "write_map",
]
