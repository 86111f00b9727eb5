"""``argmap build``: files and folders to a saved map, with a progress bar and a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from argmap.dedup import DEFAULT_THRESHOLD


def register(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="build a map from files and folders",
        description="Read .txt, .md, .html and .pdf files (folders recursively) and "
        "save their argument map as JSON.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("-o", "--output", required=True, metavar="MAP.json", help="where to save")
    p.add_argument(
        "--question",
        metavar="TEXT",
        help='the question or motion the documents debate ("Should AI models be open '
        'source?"); every claim gets a side toward it. Without it, it is read from the '
        "documents",
    )
    add_pipeline_options(p)
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="where reading and encoding run: here (default), or on a Ray cluster "
        "(pip install 'argmap[ray]'); the map is the same",
    )
    p.add_argument(
        "--address",
        metavar="ADDR",
        help="the Ray cluster for --engine ray: auto, ray://HOST:PORT (default: start a "
        "local one for this build)",
    )
    p.add_argument(
        "--no-vectors",
        action="store_true",
        help="do not save the model outputs beside the map (MAP.vectors.npz), which "
        "`argmap add` uses so the models read only new documents",
    )
    p.set_defaults(func=run)


def add_pipeline_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dedup-threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"cosine similarity at which claims merge (default {DEFAULT_THRESHOLD})",
    )
    p.add_argument(
        "--embedder",
        default="all-MiniLM-L6-v2",
        help="sentence-transformers model name or local folder; 'hashing' for a "
        "model-free fake (default: the bundled all-MiniLM-L6-v2)",
    )
    p.add_argument(
        "--document-budget",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="time one document may take to read; one that overruns is named and skipped "
        "(default 120)",
    )
    p.add_argument("--extractor", default="discourse", help="claim extraction stage by name")
    p.add_argument("--relations", default="discourse", help="relation stage by name")
    p.add_argument("--no-crossdoc", action="store_true", help="do not link claims across documents")
    p.add_argument(
        "--no-debate",
        action="store_true",
        help="no question, sides or key points (skips the judge)",
    )
    p.add_argument(
        "--main-claim-model",
        metavar="FILE",
        help="main-claim ranker weights for the discourse extractor (from "
        "bench/train_central.py --out FILE), or 'rules' for the hand-set rules "
        "(default: the shipped weights)",
    )
    p.add_argument(
        "--role-model",
        metavar="FILE",
        help="role model weights for the discourse extractor (from bench/train_roles.py "
        "--out FILE), or 'rules' for the hand-written role rules alone",
    )
    p.add_argument(
        "--target-model",
        metavar="FILE",
        help="target model weights for the discourse relations (from bench/train_relations.py "
        "--out FILE), or 'rules' for the hand-written rules' targets alone",
    )
    p.add_argument(
        "--cross-encoder",
        metavar="FOLDER",
        help="local CrossEncoder NLI model folder (for --relations cross-encoder)",
    )
    p.add_argument(
        "--llm-url", metavar="URL", help="OpenAI-compatible base URL (for the llm stage)"
    )
    p.add_argument("--llm-model", metavar="NAME", help="model name on that server")
    p.add_argument(
        "--llm-key", metavar="KEY", help="API key, if the server needs one (or set ARGMAP_LLM_KEY)"
    )


def pipeline_from_args(args: argparse.Namespace) -> Any:
    from argmap.embed import make_embedder
    from argmap.embed.base import CachedEmbedder
    from argmap.pipeline import Pipeline

    embedder = make_embedder(args.embedder)
    if not isinstance(embedder, CachedEmbedder):
        embedder = CachedEmbedder(embedder)  # what it encodes is saved beside the map
    options: dict[str, Any] = {}
    for key in ("cross_encoder", "llm_url", "llm_model", "llm_key"):
        if getattr(args, key, None):
            options[key] = getattr(args, key)
    model = getattr(args, "main_claim_model", None)
    if model:
        options["central_model"] = None if model == "rules" else str(Path(model).resolve())
    roles = getattr(args, "role_model", None)
    if roles:
        options["role_model"] = None if roles == "rules" else str(Path(roles).resolve())
    targets = getattr(args, "target_model", None)
    if targets:
        options["target_model"] = None if targets == "rules" else str(Path(targets).resolve())
    return Pipeline.default(
        embedder=embedder,
        extractor=args.extractor,
        relations=args.relations,
        dedup_threshold=args.dedup_threshold,
        crossdoc=None if args.no_crossdoc else "default",
        debate=None if getattr(args, "no_debate", False) else "default",
        document_budget=getattr(args, "document_budget", 120.0),
        **options,
    )


_PHASES = {
    "dedup": "merging near-duplicates",
    "link": "linking across documents",
    "debate": "reading the debate: question, sides, key points",
}


class _Progress:
    """A tqdm bar over files, then one line per later phase."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None

    def __call__(self, phase: str, i: int, n: int, item: str) -> None:
        if self.quiet:
            return
        if phase == "prepare":
            print("reading the documents together...", file=sys.stderr)
        elif phase == "analyse":
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=n, desc="analysing", unit="doc", file=sys.stderr, leave=False)
            self.bar.update(1)
            self.bar.set_postfix_str(item[-40:], refresh=False)
        elif phase in _PHASES:
            if self.bar is not None:
                self.bar.close()
                self.bar = None
            print(f"{_PHASES[phase]}...", file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args: argparse.Namespace) -> int:
    from argmap.embed.base import CachedEmbedder
    from argmap.fileio import check_output
    from argmap.grow import Grower
    from argmap.pipeline import build

    check_output(args.output)  # before the work, so a bad -o never costs a build
    pipeline = pipeline_from_args(args)
    keep = not args.no_vectors and isinstance(pipeline.embedder, CachedEmbedder)
    grower = Grower(pipeline) if keep else None  # remembers what the models computed
    progress = _Progress(args.quiet)
    try:
        if args.engine == "ray":
            from argmap.scale.ray_engine import build_with_ray

            amap = build_with_ray(
                args.paths, pipeline, args.question, address=args.address, progress=progress
            )
        else:
            amap = build(args.paths, pipeline=pipeline, progress=progress, question=args.question)
    finally:
        progress.close()
    if grower is not None:
        grower.save(args.output, amap)
    else:
        amap.save(args.output)
    report(amap, args.output)
    return 0


def report(amap: Any, output: str) -> None:
    problems = amap.metadata.get("problems", [])
    for p in problems:
        label = "skipped" if p["severity"] == "error" else "warning"
        print(f"  {label}: {p['source']}: {p['reason']}", file=sys.stderr)
    s = amap.stats()
    skipped = sum(1 for p in problems if p["severity"] == "error")
    print(
        f"read {s['documents']} document(s), skipped {skipped}; "
        f"{s['claims']} claims ({s['merged']} merged from {s['mentions']} mentions), "
        f"{s['supports']} supports, {s['attacks']} attacks -> {output}"
    )
    q = amap.metadata.get("question") or {}
    if q:
        print(f"question: {q.get('text') or '(none: ' + q.get('reason', '') + ')'}")
