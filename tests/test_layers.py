"""The layout is the pipeline's order, and the imports keep to it.

Every package of ``argmap/`` has a layer; a module may import only from its own layer or the
ones below, lazily inside a function included (a lazy import is still a dependency, only a
later one). Imports under ``if TYPE_CHECKING:`` are for the type checker and do not count. The
module graph must have no cycle, so any module can be read, imported and tested on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "argmap"

#: Lowest first: what data flows through, then the stages in the order they run, then what
#: reads a finished map, then the entry points.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "chars", "fileio", "ids", "lang", "resources", "budget"),
    ("model",),
    ("embed", "reason"),
    ("units",),
    ("ingest",),
    ("judge",),
    ("parse",),
    ("dedup",),
    ("link",),
    ("debate",),
    ("query",),
    ("interchange",),
    ("view",),
    ("pipeline",),
    ("grow", "scale"),
    ("evaluate",),
    ("cli", "__main__", "__init__"),
]
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The argmap modules ``path`` imports at run time (top level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "argmap")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "argmap":
                continue
            for a in node.names:  # ``from argmap.reason import semantics`` names a module
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in known else node.module)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; argmap uses absolute imports")
    return out


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    paths = sorted(ROOT.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, known) for p in paths}


def test_layers_every_package_has_a_layer(graph):
    unplaced = sorted({layer_of(m) for m in graph} - set(RANK))
    assert not unplaced, f"give these a layer in LAYERS: {unplaced}"


def test_layers_no_module_imports_from_a_higher_layer(graph):
    upward = [
        f"{m} (layer {layer_of(m)}) imports {dep} (layer {layer_of(dep)})"
        for m, deps in graph.items()
        for dep in sorted(deps)
        if RANK[layer_of(dep)] > RANK[layer_of(m)]
    ]
    assert not upward, "\n".join(upward)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the module graph, or None (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if nxt not in graph or state.get(nxt) == 2:
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            state[nxt] = 1
            path.append(nxt)
            stack.append(iter(sorted(graph[nxt])))
    return None


def test_layers_the_module_graph_has_no_cycle(graph):
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_layers_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_layers_a_lazy_import_counts(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from argmap.view import network\n"
        "def later():\n    from argmap.pipeline import build\n",
        encoding="utf-8",
    )
    assert imports_of(f, set()) == {"argmap.pipeline"}
