"""What a build computed with its models, saved beside the map: ``map.json`` has
``map.vectors.npz``.

It holds every vector the embedder made (by the digest of its text), every verdict the judge
gave (by the digest of what it read) and each document's units (sentence splitting is most of
the rule-based reading), with the model's fingerprint and a hash of the map.
Growing the map then asks the models only about text they have not seen. A sidecar that does
not match its map (another map saved over it, or another model) is ignored and written anew;
one that is missing is rebuilt by the next add, at the cost of one full encode.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from argmap.fileio import atomic_write_bytes
from argmap.ids import digest
from argmap.model.amap import ArgumentMap

SUFFIX = ".vectors.npz"
VERSION = 1


@dataclass
class Sidecar:
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    verdicts: dict[str, list[Any]] = field(default_factory=dict)
    units: dict[str, list[list[int]]] = field(default_factory=dict)  # text key -> units


def path_for(map_path: str | Path) -> Path:
    p = Path(map_path)
    return p.with_name(p.name[: -len(p.suffix)] + SUFFIX if p.suffix else p.name + SUFFIX)


def map_hash(amap: ArgumentMap) -> str:
    """The map's documents and claims by content: what the saved vectors were made for."""
    parts = sorted(amap.documents) + sorted(f"{c.id}\x00{c.text}" for c in amap.claims())
    return digest(*parts, size=32)


def save(
    map_path: str | Path,
    amap: ArgumentMap,
    model: str,
    vectors: dict[str, Any],
    verdicts: dict,
    units: dict[str, list[list[int]]] | None = None,
) -> Path:
    """Write the sidecar of ``map_path`` atomically (a temp file, then a rename)."""
    keys = sorted(vectors)
    mat = (
        np.stack([np.asarray(vectors[k], dtype=np.float32) for k in keys])
        if keys
        else np.zeros((0, 0), dtype=np.float32)
    )
    meta = {"version": VERSION, "map": map_hash(amap), "model": model}
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        meta=np.array(json.dumps(meta)),
        keys=np.array(keys, dtype="U32"),
        vectors=mat,
        verdicts=np.array(json.dumps(verdicts)),
        units=np.array(json.dumps(units or {})),
    )
    out = path_for(map_path)
    atomic_write_bytes(out, buf.getvalue())
    return out


def load(map_path: str | Path, amap: ArgumentMap, model: str) -> Sidecar | None:
    """The sidecar of ``map_path`` if it was written for ``amap`` with ``model``; else None."""
    path = path_for(map_path)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            if meta.get("version") != VERSION or meta.get("map") != map_hash(amap):
                return None
            if meta.get("model") != model:
                return None
            keys = [str(k) for k in z["keys"]]
            mat = z["vectors"]
            verdicts = json.loads(str(z["verdicts"]))
            units = json.loads(str(z["units"])) if "units" in z.files else {}
    except (OSError, KeyError, ValueError, json.JSONDecodeError):
        return None  # unreadable: rebuilt by the next save
    if not isinstance(verdicts, dict) or not isinstance(units, dict) or len(keys) != len(mat):
        return None
    return Sidecar(dict(zip(keys, mat, strict=True)), verdicts, units)
