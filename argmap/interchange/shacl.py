"""Checking an exported graph against the SHACL shapes that ship with argmap."""

from __future__ import annotations

from importlib import resources

from rdflib import Graph

from argmap.errors import MissingDependency

SHAPES_FILE = "argmap-shapes.ttl"


def shapes_text() -> str:
    """The Turtle text of ``argmap/resources/argmap-shapes.ttl`` (package data)."""
    return (resources.files("argmap") / "resources" / SHAPES_FILE).read_text(encoding="utf-8")


def shapes_graph() -> Graph:
    return Graph().parse(data=shapes_text(), format="turtle")


def validate(graph: Graph) -> tuple[bool, str]:
    """``(conforms, report text)`` for ``graph`` under argmap's shapes (needs ``pyshacl``)."""
    try:
        import pyshacl
    except ImportError as e:  # pragma: no cover - pyshacl is a test dependency
        raise MissingDependency("pyshacl", purpose="SHACL validation") from e
    conforms, _report_graph, text = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), inference="none", advanced=False
    )
    return bool(conforms), str(text)
