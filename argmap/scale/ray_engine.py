"""``--engine ray``: reading and embedding as Ray Data stages, the rest on the driver.

The costly part of a build is the encoder, and it is embarrassingly parallel: each document's
units can be read and encoded anywhere. So on a Ray cluster
- a Ray Data ``map`` reads each file (a bad file is a problem row, never a failed job);
- ``map_batches`` with actors that each hold the model splits the documents into units and
  encodes a whole batch of documents' units in one call (large batches keep the encoder busy);
- the driver gathers the documents, their units and vectors, puts them in its caches, and runs
  the same pipeline as a local build: extraction, relations, dedup (nearest neighbours over the
  vectors at hand), cross-document links, semantics and the debate need the whole map.
Because the driver runs the same code on the same vectors, the map equals the local build.

Ray is an extra (``pip install argmap[ray]``); the default engine stays local.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from argmap.embed.base import CachedEmbedder
from argmap.errors import ArgmapError, MissingDependency
from argmap.ids import digest
from argmap.ingest import Problem, assemble, collect_files, read_one
from argmap.model.amap import ArgumentMap
from argmap.model.data import Document
from argmap.parse.discourse.units import analyse_units
from argmap.pipeline import Pipeline, ProgressFn
from argmap.units.segment import known_units, preload_units, segment_key

DOCS_PER_BATCH = 64


def _ray() -> Any:
    try:
        import ray
    except ImportError as e:
        raise MissingDependency("ray", extra="ray", purpose="the ray engine") from e
    return ray


def _read(row: dict[str, Any]) -> dict[str, Any]:
    """Read by the absolute path (a worker's folder is not the driver's); name the file as the
    driver was given it, as a local build does."""
    doc, problems = read_one(Path(row["path"]))
    source = row["source"]
    if doc is not None:
        doc = dataclasses.replace(doc, source=source)
    problems = [dataclasses.replace(p, source=source) for p in problems]
    return {
        "index": row["index"],
        "doc": json.dumps(doc.to_dict()) if doc is not None else "",
        "problems": json.dumps([[p.source, p.reason, p.severity] for p in problems]),
    }


class _Encoder:
    """A Ray actor holding the model: units of a batch of documents, encoded in one call."""

    def __init__(self, model: str | None, threads: int) -> None:
        import torch

        from argmap.embed import make_embedder

        torch.set_num_threads(max(1, threads))
        self.embedder = make_embedder(model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        texts: list[str] = []
        units: list[str] = []
        for raw in batch["doc"]:
            if not raw:
                units.append("{}")
                continue
            doc = Document.from_dict(json.loads(raw))
            found = analyse_units(doc)
            texts += [t for u in found for t in (u.text, u.text.strip())]
            units.append(json.dumps(known_units([segment_key(doc.text)])))
        texts = list(dict.fromkeys(texts))
        vecs = (
            np.asarray(self.embedder.encode(texts), dtype=np.float32)
            if texts
            else np.zeros((0, 0), np.float32)
        )
        keys = [digest(t) for t in texts]
        # every row carries the batch's vectors once: the first row holds them, the rest none
        n = len(batch["doc"])
        out = dict(batch)
        out["units"] = units
        out["keys"] = [json.dumps(keys)] + ["[]"] * (n - 1)
        out["vectors"] = [vecs.tobytes()] + [b""] * (n - 1)
        out["dim"] = [int(vecs.shape[1]) if vecs.size else 0] * n
        return out


def build_with_ray(
    paths: Iterable[str | Path] | str | Path,
    pipeline: Pipeline | None = None,
    question: str | None = None,
    address: str | None = None,
    progress: ProgressFn | None = None,
    docs_per_batch: int = DOCS_PER_BATCH,
    actors: int | None = None,
) -> ArgumentMap:
    """Build on Ray: ``address`` of a running cluster (``auto``, ``ray://HOST:PORT``), or None
    for the one already initialised in this process (else a local one, stopped after)."""
    ray = _ray()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    pipeline = pipeline or Pipeline.default()
    if not isinstance(pipeline.embedder, CachedEmbedder):
        raise ArgmapError("the ray engine needs the pipeline's embedder behind a cache")
    model = getattr(pipeline.embedder.inner, "model_name", None)
    if model is None:
        raise ArgmapError("the ray engine runs sentence-transformers models only")
    started = False
    if not ray.is_initialized():
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            runtime_env={"env_vars": {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}},
        )
        started = True
    try:
        files, found = collect_files(paths)
        if not files:
            raise ArgmapError("nothing could be read (no supported files found)")
        cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        n_actors = actors or cpus
        rows = [
            {"index": i, "path": str(f.resolve()), "source": str(f)} for i, f in enumerate(files)
        ]
        ds = ray.data.from_items(rows).map(_read)
        ds = ds.map_batches(
            _Encoder,
            fn_constructor_kwargs={"model": model, "threads": max(1, cpus // n_actors)},
            batch_size=docs_per_batch,
            concurrency=n_actors,
            num_cpus=max(1, cpus // n_actors),
        )
        if progress:
            progress("prepare", 0, len(files), "")
        out = sorted(ds.take_all(), key=lambda r: int(r["index"]))
    finally:
        if started:
            ray.shutdown()
    vectors: dict[str, np.ndarray] = {}
    outcomes: list[tuple[Document | None, list[Problem]]] = []
    for r in out:
        keys = json.loads(r["keys"])
        if keys:
            mat = np.frombuffer(r["vectors"], dtype=np.float32).reshape(len(keys), int(r["dim"]))
            vectors.update(zip(keys, mat, strict=True))
        preload_units(json.loads(r["units"]))
        doc = Document.from_dict(json.loads(r["doc"])) if r["doc"] else None
        outcomes.append((doc, [Problem(*p) for p in json.loads(r["problems"])]))
    result = assemble(files, outcomes, found)
    if not result.documents:
        reasons = "; ".join(str(p) for p in result.errors) or "no supported files found"
        raise ArgmapError(f"nothing could be read ({reasons})")
    pipeline.embedder.preload(vectors)
    return pipeline.run(result.documents, progress, result.problems, question=question)
