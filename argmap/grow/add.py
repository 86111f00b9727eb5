"""Grow a map with more documents, as a debate goes on.

The map is built again from its documents and the new ones with the settings it records, so
the result is the map a full build of all of them gives (the same claims, merges, links,
sides and key points), and nothing is special-cased for "old" or "new". What makes it cheap is
that the models are never asked twice: every vector and every verdict of the earlier builds is
in the sidecar (:mod:`argmap.grow.sidecar`), so the encoder and the judge read only the text the
new documents bring. What is left is the rule-based reading of the documents and the
graph work (nearest neighbours over vectors already at hand, semantics), which is what the
cost of an add is.

- A document already in the map (same content) changes nothing; adding only such documents
  returns the map as it was.
- A changed file (the same source, new content) replaces its old version.
- Claim ids are content hashes of their characters, so the claims of documents that were there
  keep their ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from argmap.debate import Debate
from argmap.embed import Embedder, make_embedder
from argmap.embed.base import CachedEmbedder
from argmap.embed.fingerprint import fingerprint
from argmap.errors import ArgmapError
from argmap.grow import sidecar
from argmap.ingest import Problem, load_documents
from argmap.judge.cache import CachedJudge
from argmap.model.amap import ArgumentMap
from argmap.model.data import Document
from argmap.pipeline import Pipeline, ProgressFn
from argmap.units.segment import known_units, preload_units, segment_key


def model_key(embedder: Embedder) -> str:
    return f"{getattr(embedder, 'name', type(embedder).__name__)}:{fingerprint(embedder)}"


def _read(inputs: Iterable[str | Path | Document]) -> tuple[list[Document], list[Problem]]:
    docs: list[Document] = []
    paths: list[str | Path] = []
    for x in inputs:
        (docs if isinstance(x, Document) else paths).append(x)  # type: ignore[arg-type]
    problems: list[Problem] = []
    if paths:
        result = load_documents(paths)
        docs += result.documents
        problems += result.problems
    return docs, problems


def _old_problems(amap: ArgumentMap) -> list[Problem]:
    out = []
    for p in amap.metadata.get("problems") or []:
        if isinstance(p, dict) and "source" in p and "reason" in p:
            out.append(Problem(str(p["source"]), str(p["reason"]), str(p.get("severity", "error"))))
    return out


class Grower:
    """Adds documents to maps with one pipeline and one cache of model outputs."""

    def __init__(self, pipeline: Pipeline, cache: sidecar.Sidecar | None = None) -> None:
        emb = pipeline.embedder
        if not isinstance(emb, CachedEmbedder):
            raise ArgmapError("growing a map needs the pipeline's embedder behind a cache")
        self.pipeline = pipeline
        self.embedder = emb
        cache = cache or sidecar.Sidecar()
        emb.preload(cache.vectors)
        preload_units(cache.units)
        self.verdicts = cache.verdicts
        debate = pipeline.debate
        if isinstance(debate, Debate):
            if not isinstance(debate.judge, CachedJudge):
                debate.judge = CachedJudge(debate.judge, self.verdicts)
            self.verdicts = debate.judge.store

    def add(
        self,
        amap: ArgumentMap,
        inputs: Iterable[str | Path | Document],
        progress: ProgressFn | None = None,
    ) -> ArgumentMap:
        new, problems = _read(inputs)
        have = amap.documents
        by_source = {d.source: d.id for d in have.values()}
        fresh: list[Document] = []
        replaced: set[str] = set()
        for d in new:
            if d.id in have or any(f.id == d.id for f in fresh):
                continue  # already in the map: nothing to do
            old = by_source.get(d.source)
            if old is not None:
                replaced.add(old)  # a changed file: its new version replaces the old one
            fresh.append(d)
        if not fresh:
            return amap
        docs = [d for d in have.values() if d.id not in replaced] + fresh
        question = amap.metadata.get("question") or {}
        given = (
            question.get("text") if isinstance(question, dict) and question.get("given") else None
        )
        earlier = [p for p in _old_problems(amap) if p.source not in {d.source for d in fresh}]
        return self.pipeline.run(docs, progress, [*earlier, *problems], question=given)

    def build(
        self,
        docs: Sequence[Document],
        question: str | None = None,
        progress: ProgressFn | None = None,
    ) -> ArgumentMap:
        return self.pipeline.run(list(docs), progress, question=question)

    def save(self, map_path: str | Path, amap: ArgumentMap) -> Path:
        """Save ``amap`` and its sidecar (both atomically)."""
        amap.save(map_path)
        units = known_units([segment_key(d.text) for d in amap.documents.values()])
        return sidecar.save(
            map_path, amap, model_key(self.embedder), self.embedder.known(), self.verdicts, units
        )


def grower_for(
    amap: ArgumentMap,
    map_path: str | Path | None = None,
    embedder: Embedder | str | None = None,
    pipeline: Pipeline | None = None,
) -> Grower:
    """A grower with the pipeline ``amap`` records and the sidecar saved beside ``map_path``."""
    if pipeline is None:
        emb = make_embedder(embedder)
        if not isinstance(emb, CachedEmbedder):
            emb = CachedEmbedder(emb)  # so what it encodes can be kept beside the map
        if amap.metadata.get("imported_from"):
            raise ArgmapError(
                f"this map was imported ({amap.metadata['imported_from']}), not built from "
                "documents: adding documents would read its claims again as text and lose what "
                "the file said. Build a map of the new documents and compare the two instead"
            )
        try:
            pipeline = Pipeline.for_map(amap, emb)
        except ArgmapError as e:
            raise ArgmapError(f"cannot add documents: {e}") from e
    if not isinstance(pipeline.embedder, CachedEmbedder):
        raise ArgmapError("growing a map needs the pipeline's embedder behind a cache")
    cache = None
    if map_path is not None:
        cache = sidecar.load(map_path, amap, model_key(pipeline.embedder))
    if cache is not None and cache.verdicts and _judge_of(amap) != _judge_of(pipeline):
        cache.verdicts = {}  # another judge's verdicts: the new judge reads every claim again
    return Grower(pipeline, cache)


def _judge_of(x: ArgumentMap | Pipeline) -> Any:
    """The judge weights' hash a map records, or a pipeline's judge would record."""
    settings = x.metadata.get("pipeline") if isinstance(x, ArgumentMap) else x.to_dict()
    if not isinstance(settings, dict):
        return None
    debate = settings.get("debate")
    return debate.get("judge_weights") if isinstance(debate, dict) else None


def add_documents(
    amap: ArgumentMap,
    inputs: Iterable[str | Path | Document] | str | Path | Document,
    *,
    map_path: str | Path | None = None,
    embedder: Embedder | str | None = None,
    pipeline: Pipeline | None = None,
    progress: ProgressFn | None = None,
) -> ArgumentMap:
    """``amap`` with ``inputs`` (files, folders or Documents) added; see the module doc.

    ``map_path``: where ``amap`` was saved, to use (and not rebuild) the vectors and verdicts
    saved beside it. The result is not saved: :meth:`Grower.save` (or ``argmap add``) saves
    the map and its sidecar together.
    """
    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    return grower_for(amap, map_path, embedder, pipeline).add(amap, inputs, progress)
