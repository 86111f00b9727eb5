"""``build``: documents in, an ArgumentMap out. Stages are passed in; defaults run offline."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from argmap.budget import DOCUMENT_BUDGET_S, document, per_document
from argmap.debate.stage import DebateAnalyser
from argmap.dedup import DEFAULT_THRESHOLD
from argmap.dedup.apply import home_of
from argmap.dedup.stage import Deduplicator, EmbeddingDeduplicator
from argmap.embed import Embedder, make_embedder
from argmap.embed.fingerprint import fingerprint
from argmap.errors import ArgmapError, StageError
from argmap.ingest import IngestResult, Problem, load_documents
from argmap.link.base import Linker
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Relation
from argmap.parse import registry
from argmap.parse.base import (
    ClaimExtractor,
    CorpusAware,
    Extraction,
    RelationClassifier,
    check_pairing,
)
from argmap.parse.stance import settle_stances
from argmap.reason import with_semantics

SETTINGS_VERSION = 1
_MISSING = object()

ProgressFn = Callable[[str, int, int, str], None]


@dataclasses.dataclass
class Pipeline:
    """The stages of a build, in the order data flows through them. Anything that satisfies the
    stage Protocols can be passed in; stages made by name are recorded so that the map they
    build can be rebuilt exactly (:meth:`to_dict`, :meth:`from_dict`, :func:`rebuild`)."""

    embedder: Embedder
    extractor: ClaimExtractor
    relations: RelationClassifier
    dedup_threshold: float = DEFAULT_THRESHOLD
    crossdoc: Linker | None = None
    debate: DebateAnalyser | None = None
    dedup: Deduplicator | None = None
    #: for stages made by name: kind -> (registered name, the options given)
    made: dict[str, tuple[str, dict[str, Any]]] = dataclasses.field(default_factory=dict)
    #: seconds one document may take to read; one that overruns is named and skipped
    document_budget: float | None = DOCUMENT_BUDGET_S

    def __post_init__(self) -> None:
        b = self.document_budget
        if b is not None and (isinstance(b, bool) or not isinstance(b, (int, float)) or b <= 0):
            raise ArgmapError(f"document_budget must be a positive number of seconds, not {b!r}")
        if self.dedup is None:
            self.dedup = EmbeddingDeduplicator(self.embedder, self.dedup_threshold)
        else:
            self.dedup_threshold = getattr(self.dedup, "threshold", self.dedup_threshold)
        check_pairing(self.extractor, self.relations)

    @classmethod
    def default(
        cls,
        embedder: Embedder | str | None = None,
        extractor: ClaimExtractor | str = "discourse",
        relations: RelationClassifier | str = "discourse",
        dedup_threshold: float = DEFAULT_THRESHOLD,
        crossdoc: Any = "default",
        debate: Any = "default",
        document_budget: float | None = DOCUMENT_BUDGET_S,
        **stage_options: Any,
    ) -> Pipeline:
        ext_opts, rel_opts = registry.split_options(
            extractor if isinstance(extractor, str) else None,
            relations if isinstance(relations, str) else None,
            stage_options,
        )
        embedder = make_embedder(embedder)
        made: dict[str, tuple[str, dict[str, Any]]] = {}
        ext: ClaimExtractor
        rel: RelationClassifier
        if isinstance(extractor, str):
            made["extractor"] = (extractor, ext_opts)
            ext = registry.extractor(extractor, embedder=embedder, **ext_opts)
        else:
            ext = extractor
        if isinstance(relations, str):
            made["relations"] = (relations, rel_opts)
            rel = registry.relater(relations, embedder=embedder, **rel_opts)
        else:
            rel = relations
        if crossdoc == "default":
            from argmap.link.crossdoc import CrossDocumentLinker

            crossdoc = CrossDocumentLinker(embedder)
        if debate == "default":
            from argmap.debate import Debate

            debate = Debate(embedder)
        dedup = EmbeddingDeduplicator(embedder, dedup_threshold)
        return cls(
            embedder, ext, rel, dedup_threshold, crossdoc, debate, dedup, made, document_budget
        )

    # ---- settings ---------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The whole configuration: models by name and fingerprint, every stage's options,
        thresholds and the judge's weights by hash. A stage passed in as an object records its
        own ``to_dict()`` when it has one, and is marked ``custom`` when it has not."""
        return {
            "version": SETTINGS_VERSION,
            "embedder": {
                "name": _name(self.embedder),
                "fingerprint": fingerprint(self.embedder),
            },
            "extractor": self._stage("extractor", self.extractor),
            "relations": self._stage("relations", self.relations),
            "dedup": _own(self.dedup),
            "crossdoc": None if self.crossdoc is None else _own(self.crossdoc),
            "debate": None if self.debate is None else _own(self.debate),
            "document_budget": self.document_budget,
        }

    def _stage(self, kind: str, stage: Any) -> dict[str, Any]:
        if kind not in self.made:
            return _own(stage)
        name, given = self.made[kind]
        options = dict(given)
        defaults = registry.defaults_of(kind, name)
        for opt in registry.options_of(kind, name) - set(options):
            value = getattr(stage, opt, _MISSING)  # what the stage chose for itself
            if value is None or isinstance(value, (str, int, float, bool)):
                options[opt] = value
            elif opt in defaults:
                options[opt] = defaults[opt]
        return {"name": name, "options": registry.recorded(options)}

    @classmethod
    def for_map(
        cls, amap: ArgumentMap, embedder: Embedder | str | None = None, **stages: Any
    ) -> Pipeline:
        """The pipeline ``amap`` records it was built with."""
        settings = amap.metadata.get("pipeline")
        if not isinstance(settings, Mapping):
            raise ArgmapError(
                "the map records no pipeline settings (it was made before argmap recorded "
                "them, or by hand); build it again from its files"
            )
        return cls.from_dict(settings, embedder, **stages)

    @classmethod
    def from_dict(
        cls, settings: Mapping[str, Any], embedder: Embedder | str | None = None, **stages: Any
    ) -> Pipeline:
        """The pipeline ``settings`` (from :meth:`to_dict`) describe. A custom stage cannot be
        made from a name: pass it as a keyword (``extractor=...``) to stand in for it."""
        try:
            return _from_dict(cls, settings, embedder, stages)
        except (KeyError, TypeError, AttributeError) as e:
            raise ArgmapError(f"the recorded pipeline settings are malformed ({e!r})") from e

    def analyse(self, doc: Document) -> tuple[Document, list[Claim], list[Relation]]:
        """Extract and relate one document; checks each stage kept its contract."""
        with per_document(self.document_budget), document(doc.source):
            return self._analyse(doc)

    def _analyse(self, doc: Document) -> tuple[Document, list[Claim], list[Relation]]:
        ext = self.extractor.extract(doc)
        if not isinstance(ext, Extraction):
            raise StageError(
                f"extractor {self.extractor.name!r} returned {type(ext).__name__}, "
                "expected Extraction"
            )
        if ext.units is not None and len(ext.units) != len(ext.claims):
            raise StageError(
                f"extractor {self.extractor.name!r} gave {len(ext.units)} units for "
                f"{len(ext.claims)} claims of {doc.source}; units run parallel to claims"
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
                with per_document(self.document_budget):
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
        assert self.dedup is not None  # set in __post_init__
        merged_claims, merged_rels = self.dedup.merge(claims, rels)
        home = home_of(merged_claims)
        out_docs = [
            dataclasses.replace(d, main_claim=home.get(d.main_claim or "", d.main_claim))
            for d in out_docs
        ]
        amap = ArgumentMap(out_docs, merged_claims, merged_rels, self.describe(failed))
        if self.crossdoc is not None:
            if progress:
                progress("link", len(docs), len(docs), "")
            amap = self.crossdoc.link(amap)
        amap = with_semantics(amap)
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
            "document_budget": self.document_budget,
            "debate": _describe(self.debate),
            "problems": [
                {"source": p.source, "reason": p.reason, "severity": p.severity} for p in problems
            ],
            "pipeline": self.to_dict(),
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


def rebuild(
    amap: ArgumentMap,
    embedder: Embedder | str | None = None,
    pipeline: Pipeline | None = None,
    **stages: Any,
) -> ArgumentMap:
    """``amap`` built again from the documents it holds and the settings it records.

    The documents are the sources as they were read (every offset points into their text),
    the question is the user's when one was given (an inferred one is inferred again), and the
    files that could not be read are reported again as they were."""
    pipeline = pipeline or Pipeline.for_map(amap, embedder, **stages)
    q = amap.metadata.get("question")
    question = q.get("text") if isinstance(q, Mapping) and q.get("given") else None
    docs = [
        dataclasses.replace(d, main_claim=None, position=None, position_confidence=None)
        for d in amap.documents.values()
    ]
    recorded = amap.metadata.get("problems") or []
    problems = [
        Problem(str(p["source"]), str(p["reason"]), str(p.get("severity", "error")))
        for p in recorded
        if isinstance(p, Mapping) and "source" in p and "reason" in p
    ]
    return pipeline.run(docs, problems=problems, question=question)


def settings_differ(amap: ArgumentMap, pipeline: Pipeline) -> list[str]:
    """What a rebuild with ``pipeline`` would do differently from what ``amap`` records: the
    embedder's or judge's weights changed, though their names did not."""
    recorded = amap.metadata.get("pipeline")
    if not isinstance(recorded, Mapping):
        return []
    now = pipeline.to_dict()
    out = []
    before = (recorded.get("embedder") or {}).get("fingerprint")
    if before and before != now["embedder"]["fingerprint"]:
        out.append(f"the embedder {now['embedder']['name']!r} gives other vectors than recorded")
    was = (recorded.get("debate") or {}).get("judge_weights")
    if was and now["debate"] and was != now["debate"].get("judge_weights"):
        out.append("the judge's weights differ from the recorded ones")
    return out


def _name(stage: Any) -> str:
    return str(getattr(stage, "name", type(stage).__name__))


def _own(stage: Any) -> dict[str, Any]:
    """A stage object's own settings, or a mark that it cannot be made again from a name."""
    to_dict = getattr(stage, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    return {"name": _name(stage), "custom": True}


def _describe(debate: Any) -> Any:
    if debate is None:
        return None
    describe = getattr(debate, "describe", None)
    return describe() if callable(describe) else {"name": _name(debate)}


def _from_dict(
    cls: type[Pipeline],
    settings: Mapping[str, Any],
    embedder: Embedder | str | None,
    stages: dict[str, Any],
) -> Pipeline:
    unknown = sorted(set(stages) - {"extractor", "relations", "dedup", "crossdoc", "debate"})
    if unknown:
        raise ArgmapError(f"unknown stage(s) {', '.join(unknown)} to stand in for")
    version = settings.get("version")
    if version != SETTINGS_VERSION:
        raise ArgmapError(
            f"pipeline settings version {version!r}; this argmap reads {SETTINGS_VERSION}"
        )
    emb = make_embedder(embedder or settings["embedder"]["name"])

    def made(kind: str) -> tuple[Any, tuple[str, dict[str, Any]] | None]:
        if kind in stages:
            return stages[kind], None
        rec = settings[kind]
        if rec.get("custom") or "options" not in rec:
            raise ArgmapError(
                f"the map's {kind} stage {rec.get('name')!r} was passed in from Python; "
                f"pass {kind}=... to stand in for it"
            )
        name, options = str(rec["name"]), dict(rec["options"])
        make = registry.extractor if kind == "extractor" else registry.relater
        return make(name, embedder=emb, **options), (name, options)

    ext, ext_made = made("extractor")
    rel, rel_made = made("relations")
    record = {k: v for k, v in (("extractor", ext_made), ("relations", rel_made)) if v}
    dedup = stages.get("dedup")
    rec_dedup = settings["dedup"]
    if dedup is None:
        if rec_dedup.get("custom"):
            raise ArgmapError(
                f"the map's dedup stage {rec_dedup.get('name')!r} was passed in from Python; pass dedup=..."
            )
        dedup = EmbeddingDeduplicator(
            emb, rec_dedup["threshold"], rec_dedup["same_document_threshold"]
        )
    crossdoc = stages.get("crossdoc", _MISSING)
    if crossdoc is _MISSING:
        rec = settings.get("crossdoc")
        crossdoc = None
        if rec is not None:
            if rec.get("custom") or rec.get("classifier") is not None:
                raise ArgmapError(
                    "the map's cross-document linker was passed in from Python; pass crossdoc=..."
                )
            from argmap.link.crossdoc import CrossDocumentLinker

            crossdoc = CrossDocumentLinker(
                emb, k=int(rec["k"]), min_similarity=float(rec["min_similarity"])
            )
    debate = stages.get("debate", _MISSING)
    if debate is _MISSING:
        rec = settings.get("debate")
        debate = None
        if rec is not None:
            if rec.get("custom") or rec.get("judge") != "minilm-cross":
                raise ArgmapError(
                    f"the map's debate stage used the judge {rec.get('judge')!r}, passed in from Python; pass debate=..."
                )
            from argmap.debate import Debate

            debate = Debate(emb, key_point_threshold=float(rec["key_point_threshold"]))
    return cls(
        emb,
        ext,
        rel,
        dedup.threshold if hasattr(dedup, "threshold") else DEFAULT_THRESHOLD,
        crossdoc,
        debate,
        dedup,
        record,
        settings.get("document_budget", DOCUMENT_BUDGET_S),
    )
