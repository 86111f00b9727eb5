"""``build``: documents in, an ArgumentMap out. Stages are passed in; defaults run offline."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from argmap.dedup import DEFAULT_THRESHOLD
from argmap.dedup.apply import home_of, merge
from argmap.embed import Embedder, make_embedder
from argmap.errors import ArgmapError, StageError
from argmap.ingest import IngestResult, Problem, load_documents
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Relation
from argmap.parse import registry
from argmap.parse.base import ClaimExtractor, CorpusAware, Extraction, RelationClassifier
from argmap.parse.stance import settle_stances

ProgressFn = Callable[[str, int, int, str], None]


@dataclasses.dataclass
class Pipeline:
    """The stages of a build. Anything that satisfies the stage Protocols can be passed in."""

    embedder: Embedder
    extractor: ClaimExtractor
    relations: RelationClassifier
    dedup_threshold: float = DEFAULT_THRESHOLD
    crossdoc: Any = None
    debate: Any = None

    @classmethod
    def default(
        cls,
        embedder: Embedder | str | None = None,
        extractor: ClaimExtractor | str = "discourse",
        relations: RelationClassifier | str = "discourse",
        dedup_threshold: float = DEFAULT_THRESHOLD,
        crossdoc: Any = "default",
        debate: Any = "default",
        **stage_options: Any,
    ) -> Pipeline:
        registry.check_options(stage_options)
        embedder = make_embedder(embedder)
        ext: ClaimExtractor = (
            registry.extractor(extractor, embedder=embedder, **stage_options)
            if isinstance(extractor, str)
            else extractor
        )
        rel: RelationClassifier = (
            registry.relater(relations, embedder=embedder, **stage_options)
            if isinstance(relations, str)
            else relations
        )
        if crossdoc == "default":
            from argmap.link.crossdoc import CrossDocumentLinker

            crossdoc = CrossDocumentLinker(embedder)
        if debate == "default":
            from argmap.debate import Debate

            debate = Debate(embedder)
        return cls(embedder, ext, rel, dedup_threshold, crossdoc, debate)

    def analyse(self, doc: Document) -> tuple[Document, list[Claim], list[Relation]]:
        """Extract and relate one document; checks each stage kept its contract."""
        ext = self.extractor.extract(doc)
        if not isinstance(ext, Extraction):
            raise StageError(
                f"extractor {self.extractor.name!r} returned {type(ext).__name__}, "
                "expected Extraction"
            )
        ids = {c.id for c in ext.claims}
        for c in ext.claims:
            for m in c.mentions:
                if m.document != doc.id or not (0 <= m.start < m.end <= len(doc.text)):
                    raise StageError(
                        f"extractor {self.extractor.name!r} made claim {c.id} with a "
                        f"mention outside document {doc.source}"
                    )
        rels = self.relations.relate(doc, ext)
        for r in rels:
            if r.source not in ids or r.target not in ids:
                raise StageError(
                    f"relation stage {self.relations.name!r} linked unknown claims "
                    f"{r.source} -> {r.target}"
                )
        claims = settle_stances(ext.claims, rels, ext.main_claim)
        return dataclasses.replace(doc, main_claim=ext.main_claim), claims, rels

    def run(
        self,
        docs: Sequence[Document],
        progress: ProgressFn | None = None,
        problems: Sequence[Problem] = (),
        question: str | None = None,
    ) -> ArgumentMap:
        """Build the map of ``docs``. ``question`` is the debate's question or motion; without
        one the debate stage reads it from the documents (or records that they share none)."""
        out_docs: list[Document] = []
        claims: list[Claim] = []
        rels: list[Relation] = []
        failed: list[Problem] = list(problems)
        aware = self.extractor if isinstance(self.extractor, CorpusAware) else None
        try:
            if aware is not None:
                if progress:
                    progress("prepare", 0, len(docs), "")
                aware.prepare(docs)
            for i, doc in enumerate(docs):
                if progress:
                    progress("analyse", i, len(docs), doc.source)
                try:
                    d, c, r = self.analyse(doc)
                except ArgmapError as e:
                    failed.append(Problem(doc.source, str(e)))
                    continue
                out_docs.append(d)
                claims.extend(c)
                rels.extend(r)
        finally:
            if aware is not None:
                aware.prepare(())
        if progress:
            progress("dedup", len(docs), len(docs), "")
        merged_claims, merged_rels = merge(claims, rels, self.embedder, self.dedup_threshold)
        home = home_of(merged_claims)
        out_docs = [
            dataclasses.replace(d, main_claim=home.get(d.main_claim or "", d.main_claim))
            for d in out_docs
        ]
        amap = ArgumentMap(out_docs, merged_claims, merged_rels, self.describe(failed))
        amap.use_embedder(self.embedder)
        if self.crossdoc is not None:
            if progress:
                progress("link", len(docs), len(docs), "")
            amap = self.crossdoc.link(amap)
        amap = amap.with_semantics()
        if self.debate is not None:
            if progress:
                progress("debate", len(docs), len(docs), "")
            amap = self.debate.analyse(amap, question)
        return amap

    def describe(self, problems: Sequence[Problem] = ()) -> dict[str, Any]:
        return {
            "embedder": getattr(self.embedder, "name", type(self.embedder).__name__),
            "extractor": getattr(self.extractor, "name", type(self.extractor).__name__),
            "relations": getattr(self.relations, "name", type(self.relations).__name__),
            "crossdoc": getattr(self.crossdoc, "name", None) if self.crossdoc else None,
            "dedup_threshold": self.dedup_threshold,
            "debate": self.debate.describe() if self.debate is not None else None,
            "problems": [
                {"source": p.source, "reason": p.reason, "severity": p.severity} for p in problems
            ],
        }


def build(
    paths: Iterable[str | Path] | str | Path,
    pipeline: Pipeline | None = None,
    progress: ProgressFn | None = None,
    question: str | None = None,
    **options: Any,
) -> ArgumentMap:
    """Read files and folders and build their argument map.

    ``question`` is the question or motion the documents debate ("Should AI models be open
    source?"); every claim's ``side`` is toward it. Without one it is read from the documents.
    Bad files are skipped and listed in ``amap.metadata["problems"]``; the build fails only when
    no file could be read at all.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    pipeline = pipeline or Pipeline.default(**options)

    def on_file(p: Path) -> None:
        if progress:
            progress("read", 0, 0, str(p))

    result: IngestResult = load_documents(paths, progress=on_file)
    if not result.documents:
        reasons = "; ".join(str(p) for p in result.errors) or "no supported files found"
        raise ArgmapError(f"nothing could be read ({reasons})")
    return pipeline.run(result.documents, progress, result.problems, question=question)


def build_documents(
    docs: Sequence[Document],
    pipeline: Pipeline | None = None,
    question: str | None = None,
    **options: Any,
) -> ArgumentMap:
    """Build a map from Documents already in memory (uploads, tests, the eval command)."""
    pipeline = pipeline or Pipeline.default(**options)
    return pipeline.run(list(docs), question=question)
