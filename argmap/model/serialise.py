"""The map's JSON file format (``argmap/1``): a contract outside tools and scorers read.

Fields are only ever added, never renamed or dropped. Reading is defensive, because a map file
is untrusted input: every shape the field-by-field readers would let through silently is
refused by its place. This module sits below :mod:`argmap.model.amap` and the interchange
formats, which import :data:`FORMAT` from here rather than from the map container.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from argmap.chars import LONE_SURROGATE
from argmap.errors import ArgmapError, MapFormatError, brief, excerpt
from argmap.model.data import Claim, Document, KeyPoint, Relation

if TYPE_CHECKING:
    from argmap.model.amap import ArgumentMap

FORMAT = "argmap/1"

M = TypeVar("M", bound="ArgumentMap")


def to_dict(amap: ArgumentMap) -> dict[str, Any]:
    docs = amap.documents
    d: dict[str, Any] = {
        "format": FORMAT,
        "metadata": amap.metadata,
        "documents": [d.to_dict() for d in docs.values()],
        "claims": [c.to_dict(docs) for c in amap.claims_by_id.values()],
        "relations": [r.to_dict() for r in amap.relations],
    }
    if amap.key_points is not None:
        d["key_points"] = [k.to_dict() for k in amap.key_points]
    return d


def from_dict(make: Callable[..., M], d: Mapping[str, Any], source: str = "map") -> M:
    """A checked map from parsed JSON; ``make`` is the map class (so subclasses round-trip)."""
    if not isinstance(d, Mapping):
        raise MapFormatError(f"{source}: not an argmap map (expected a JSON object)")
    fmt = d.get("format")
    if fmt != FORMAT:
        raise MapFormatError(f"{source}: format is {fmt!r}, expected {FORMAT!r}")
    _check_shape(d, source)
    try:
        amap = make(
            documents=[Document.from_dict(x) for x in d.get("documents", [])],
            claims=[Claim.from_dict(x) for x in d.get("claims", [])],
            relations=[Relation.from_dict(x) for x in d.get("relations", [])],
            metadata=d.get("metadata") or {},
            key_points=None
            if d.get("key_points") is None
            else [KeyPoint.from_dict(x) for x in d["key_points"]],
        )
    except (KeyError, TypeError, ValueError) as e:
        raise MapFormatError(f"{source}: malformed map ({brief(e)})") from e
    except ArgmapError as e:  # a claim without a mention, say: refused by the data model
        raise MapFormatError(f"{source}: {e}") from e
    try:
        amap.validate()
    except ArgmapError as e:
        raise MapFormatError(f"{source}: {e}") from e
    return amap


def dumps(amap: ArgumentMap) -> str:
    try:
        return json.dumps(to_dict(amap), ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    except ValueError as e:  # a NaN or infinite number set through the API
        raise MapFormatError(f"the map holds a number JSON cannot carry ({e})") from e


def load(make: Callable[..., M], path: str | Path) -> M:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise MapFormatError(f"{path}: no such map file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise MapFormatError(f"{path}: cannot read ({e})") from e
    data = parse_json(raw, str(path))
    try:
        return from_dict(make, data, source=str(path))
    except MapFormatError:
        raise
    except (TypeError, KeyError, ValueError, AttributeError, OverflowError) as e:
        raise MapFormatError(f"{path}: not a valid map ({brief(e)})") from e


def _check_shape(d: Mapping[str, Any], source: str) -> None:
    """What the field-by-field readers would let through silently, each refused by its place:
    text holding a lone surrogate (no encoder can write it back), offsets that are not whole
    numbers (``1.5`` or ``true`` would be truncated), and ids given twice (one claim would
    silently replace the other)."""
    no_lone_surrogates(d, source)
    for kind in ("documents", "claims"):
        items = d.get(kind)
        if not isinstance(items, list):
            continue
        seen: set[Any] = set()
        for i, x in enumerate(items):
            xid = x.get("id") if isinstance(x, dict) else None
            if xid in seen:
                raise MapFormatError(
                    f"{source}: {kind}[{i}] repeats the id {excerpt(str(xid), 60)!r}"
                )
            seen.add(xid)
            mentions = []
            if isinstance(x, dict):
                mentions = [(f"{kind}[{i}]", x.get("mentions"))]
                for j, m in enumerate(x.get("members") or []):
                    if isinstance(m, dict):
                        mentions.append((f"{kind}[{i}].members[{j}]", m.get("mentions")))
            for at, ms in mentions:
                for j, m in enumerate(ms if isinstance(ms, list) else []):
                    for key in ("start", "end"):
                        v = m.get(key) if isinstance(m, dict) else None
                        if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                            raise MapFormatError(
                                f"{source}: {at}.mentions[{j}].{key} is {excerpt(json.dumps(v), 40)}, "
                                "not a whole number of characters"
                            )


def _no_constant(name: str) -> float:
    """NaN and Infinity are not JSON; a map that holds them would be re-saved as invalid JSON."""
    raise ValueError(f"{name} is not a JSON number")


def no_lone_surrogates(data: Any, source: str) -> None:
    """Refuse text holding a lone surrogate, naming where: no encoder can write it back, so it
    would fail every later save and export instead of here."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            if LONE_SURROGATE.search(node):
                raise MapFormatError(
                    f"{source}: {where or 'a key'} holds a lone surrogate, not text"
                )
        elif isinstance(node, dict):
            for k, v in node.items():
                stack.append((f"{where}.{k}" if where else str(k), v))
                if isinstance(k, str) and LONE_SURROGATE.search(k):
                    raise MapFormatError(f"{source}: a key in {where} holds a lone surrogate")
        elif isinstance(node, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(node))


def parse_json(text: str, source: str, check_text: bool = False) -> Any:
    """JSON from a file someone else may have written: every way it can be bad is a
    :class:`MapFormatError` naming ``source`` (bad syntax, nesting too deep to read, NaN or
    Infinity, a number too long to convert), never a traceback."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise MapFormatError(f"{source}: not valid JSON ({e.msg} at line {e.lineno})") from e
    except RecursionError as e:
        raise MapFormatError(f"{source}: JSON nested too deeply to read") from e
    except ValueError as e:  # NaN / Infinity, or a number too long to convert
        raise MapFormatError(f"{source}: not valid JSON ({excerpt(str(e))})") from e
    if check_text:
        no_lone_surrogates(data, source)
    return data
