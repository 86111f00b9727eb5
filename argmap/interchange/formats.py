"""The formats a map can be written in and read from, found by name in a registry.

As rdflib's plugins are: each entry names its writer and reader as ``"module:function"``
strings, loaded only when the format is used (rdflib is not imported to write Argdown), and a
caller can :func:`register` another format without touching this package. The CLI, the app
and :func:`argmap.interchange.write_map` all name formats through here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import MapFormatError

if TYPE_CHECKING:
    from argmap.model.amap import ArgumentMap


@dataclass(frozen=True)
class Format:
    """``writer(amap, *args) -> str`` and ``reader(text, *args, source) -> ArgumentMap``;
    ``args`` carry what one function needs to tell formats apart (rdflib's syntax name)."""

    name: str
    extensions: tuple[str, ...]
    media_type: str
    writer: str | None = None
    reader: str | None = None
    args: tuple[Any, ...] = ()
    rdf: bool = False

    def write(self, amap: ArgumentMap) -> str:
        if self.writer is None:
            raise MapFormatError(f"argmap reads {self.name} but does not write it")
        return str(_load(self.writer)(amap, *self.args))

    def read(self, text: str, source: str) -> ArgumentMap:
        if self.reader is None:
            raise MapFormatError(
                f"{source}: cannot import {self.name!r}; use one of {', '.join(readable())}"
            )
        result: ArgumentMap = _load(self.reader)(text, *self.args, source)
        return result


def _load(spec: str) -> Callable[..., Any]:
    module, _, attr = spec.partition(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(module), attr)
    return fn


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add a format, or replace the one of that name."""
    _REGISTRY[fmt.name] = fmt


def get(name: str) -> Format:
    if name not in _REGISTRY:
        raise MapFormatError(f"unknown format {name!r}; use one of {', '.join(_REGISTRY)}")
    return _REGISTRY[name]


def writable() -> list[str]:
    return [f.name for f in _REGISTRY.values() if f.writer]


def readable() -> list[str]:
    return [f.name for f in _REGISTRY.values() if f.reader]


def rdf_syntaxes() -> list[str]:
    return [f.name for f in _REGISTRY.values() if f.rdf]


def for_path(path: str | Path) -> Format | None:
    """The format a file name suggests (``map.ttl`` -> turtle), or None."""
    suffix = Path(path).suffix.lower()
    for f in _REGISTRY.values():
        if suffix in f.extensions:
            return f
    return None


_RDF = "argmap.interchange.rdf"
for _name, _exts, _media in (
    ("turtle", (".ttl", ".turtle"), "text/turtle"),
    ("json-ld", (".jsonld", ".json-ld"), "application/ld+json"),
    ("nt", (".nt",), "application/n-triples"),
    ("xml", (".rdf", ".xml", ".owl"), "application/rdf+xml"),
    ("trig", (".trig",), "application/trig"),
):
    register(
        Format(_name, _exts, _media, f"{_RDF}:serialize", f"{_RDF}:parse", args=(_name,), rdf=True)
    )
register(
    Format(
        "aif-json",
        (".json", ".aif"),
        "application/json",
        "argmap.interchange.aif_json:dumps",
        "argmap.interchange.aif_json:loads",
    )
)
register(
    Format(
        "xaif",
        (".xaif",),
        "application/json",
        "argmap.interchange.aif_json:dumps_xaif",
        "argmap.interchange.aif_json:loads",
    )
)
register(
    Format(
        "argdown",
        (".argdown", ".ad"),
        "text/plain",
        "argmap.interchange.argdown:to_argdown",
        "argmap.interchange.argdown_read:loads",
    )
)
register(
    Format(
        "argdown-json",
        (),
        "application/json",
        reader="argmap.interchange.argdown_read:loads_json",
    )
)
register(
    Format("graphml", (".graphml",), "application/xml", "argmap.interchange.graphml:to_graphml")
)
