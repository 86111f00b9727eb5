"""``argmap rebuild``: a saved map built again from the documents and settings it records.

For a reader who wants to check a map, or rebuild it after changing nothing but the code:
the same documents, question and stage options give the same map, and the command says so."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "rebuild",
        help="build a map again from the documents and settings it records",
        description="Rebuild MAP.json from the documents it holds and the pipeline settings in "
        "metadata.pipeline, and say whether the result is the same map.",
    )
    p.add_argument("map", metavar="MAP.json")
    p.add_argument(
        "-o",
        "--output",
        metavar="OUT.json",
        help="where to save the rebuilt map (default: only compare)",
    )
    p.add_argument(
        "--embedder",
        help="stand in another embedding model for the recorded one (the result will differ)",
    )
    p.add_argument(
        "--check", action="store_true", help="exit with status 1 when the rebuilt map differs"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from argmap.fileio import check_output
    from argmap.model.amap import ArgumentMap
    from argmap.pipeline import Pipeline, rebuild, settings_differ

    if args.output:
        check_output(args.output)
    amap = ArgumentMap.load(args.map)
    pipeline = Pipeline.for_map(amap, args.embedder)
    for note in settings_differ(amap, pipeline):
        print(f"note: {note}", file=sys.stderr)
    again = rebuild(amap, pipeline=pipeline)
    if args.output:
        again.save(args.output)
    same = again.to_dict() == amap.to_dict()
    s = again.stats()
    where = f" -> {args.output}" if args.output else ""
    verdict = "the same map" if same else "a different map"
    print(f"rebuilt {s['documents']} document(s), {s['claims']} claims: {verdict}{where}")
    return 1 if args.check and not same else 0
