"""``argmap eval``: build a map of a gold set's texts and print the reference scorer's figures."""

from __future__ import annotations

import argparse
import json
from typing import Any

from argmap.cli.build_cmd import add_pipeline_options, pipeline_from_args

LABELS = [
    ("adu_f1", "unit (ADU) F1"),
    ("rel_f1", "labelled relation F1"),
    ("attach_f1", "attachment F1"),
    ("opp_f1", "counterclaim F1"),
]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="score the default pipeline against a gold set",
        description="Write each gold item's text to <id>.txt, build a map, and "
        "print the figures of the reference scorer (score.py beside "
        "the gold file, or --scorer).",
    )
    p.add_argument("gold", metavar="GOLD.json")
    p.add_argument("--out", metavar="MAP.json", help="keep the built map here")
    p.add_argument("--scorer", metavar="score.py", help="path of the reference scorer")
    p.add_argument("--json", action="store_true", help="print the scorer's JSON")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from argmap.evaluate import evaluate

    args.no_debate = True  # the scorer reads units and relations; sides are not scored
    result, _ = evaluate(args.gold, pipeline_from_args(args), args.out, args.scorer)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"documents found   {result['docs_found']}")
    for key, label in LABELS:
        base = key.split("_")[0]
        p, r = result.get(f"{base}_precision"), result.get(f"{base}_recall")
        extra = f"  (P {p:.3f}, R {r:.3f})" if p is not None and r is not None else ""
        print(f"{label:22} {result[key]:.3f}{extra}")
    return 0
