"""``argmap eval``: build maps of gold sets' texts and print their figures side by side.

Two sets are the gate a change must pass: the development set a user points at (scored by the
reference scorer beside it) and the project's annotated texts on held-out topics (``--held-out``,
the default when no gold file is named), scored by argmap's own copy of the scorer's rules.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
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
        help="score the default pipeline against gold sets",
        description="Write each gold item's text to <id>.txt, build a map, and print the "
        "figures: for a GOLD.json, those of the reference scorer (score.py beside it, or "
        "--scorer); for --held-out, those of the project's annotated texts on held-out "
        "topics (data/labelled/texts). With no GOLD.json, --held-out is implied.",
    )
    p.add_argument("gold", nargs="*", metavar="GOLD.json")
    p.add_argument(
        "--held-out",
        action="store_true",
        help="also score the project's annotated texts on held-out topics",
    )
    p.add_argument("--out", metavar="MAP.json", help="keep the built map here (one gold set only)")
    p.add_argument("--scorer", metavar="score.py", help="path of the reference scorer")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_pipeline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError
    from argmap.evaluate import evaluate, evaluate_items, project_texts

    args.no_debate = True  # the scorers read units and relations; sides are not scored
    sets: list[str] = list(args.gold)
    if args.held_out or not sets:
        sets.append("held-out")
    if args.out and len(sets) > 1:
        raise ArgmapError("--out keeps one map; name one gold set")
    results: dict[str, dict[str, Any]] = {}
    for name in sets:
        if name == "held-out" and name not in args.gold:
            items = project_texts("held-out")
            results["held-out"], _ = evaluate_items(items, pipeline_from_args(args), args.out)
            results["held-out"]["topics"] = len({i.get("topic") for i in items})
        else:
            results[name], _ = evaluate(Path(name), pipeline_from_args(args), args.out, args.scorer)
    if args.json:
        print(json.dumps(results if len(results) > 1 else next(iter(results.values()))))
        return 0
    rows = [("", [_head(n) for n in results])]
    rows.append(("documents found", [r["docs_found"] for r in results.values()]))
    for key, label in LABELS:
        base = key.split("_")[0]
        cells = []
        for r in results.values():
            p, rc = r.get(f"{base}_precision"), r.get(f"{base}_recall")
            extra = f"  (P {p:.3f}, R {rc:.3f})" if p is not None and rc is not None else ""
            cells.append(f"{r[key]:.3f}{extra}")
        rows.append((label, cells))
    widths = [max(len(cells[k]) for _, cells in rows) for k in range(len(results))]
    for label, cells in rows:
        line = f"{label:22}" + "".join(f"  {c:<{w}}" for c, w in zip(cells, widths, strict=True))
        print(line.rstrip())
    return 0


def _head(name: str) -> str:
    return "held-out texts" if name == "held-out" else Path(name).stem
