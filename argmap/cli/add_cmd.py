"""``argmap add``: more documents into a saved map; the models read only what is new."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "add",
        help="add documents to a saved map",
        description="Read more files and folders into a map built before, with the settings "
        "it records. A document already in the map changes nothing; a changed file (same "
        "source, new content) replaces its old version. The vectors and verdicts saved beside "
        "the map (MAP.vectors.npz) mean the models read only the new text; a missing or stale "
        "one is rebuilt.",
    )
    p.add_argument("map", metavar="MAP.json", help="the map to add to")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to add")
    p.add_argument("-o", "--output", required=True, metavar="OUT.json", help="where to save")
    p.add_argument(
        "--embedder",
        help="the model the map was built with, when it is not the bundled one (a local folder)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from argmap.cli.build_cmd import _Progress, report
    from argmap.fileio import check_output
    from argmap.grow import grower_for
    from argmap.model.amap import ArgumentMap

    check_output(args.output)
    amap = ArgumentMap.load(args.map)
    grower = grower_for(amap, args.map, embedder=args.embedder)
    progress = _Progress(args.quiet)
    try:
        grown = grower.add(amap, args.paths, progress)
    finally:
        progress.close()
    if grown is amap:
        print(f"nothing new: every document is already in {args.map}", file=sys.stderr)
    grower.save(args.output, grown)
    before, after = len(amap.documents), len(grown.documents)
    print(f"{args.map}: {before} document(s) -> {after}", file=sys.stderr)
    report(grown, args.output)
    return 0
