"""Validate valence annotations of the stance corpus (see GUIDELINES.md beside this file).

Usage: python3 data/judge/valence/check_valence.py data/judge/valence/*.json [--summary]

Each file annotates one topic of ``data/judge/topics``: for every ``pro`` and ``con`` claim,
its valence (``good``/``bad``), what it evaluates and how the primary motion regards that
(``for``/``against``). The product must give the topic file's side unless the entry says why
the annotator disputes that side. Every problem names the file and the claim.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

TOPICS = Path(__file__).resolve().parent.parent / "topics"
VALENCES = ("good", "bad")
VIEWS = ("for", "against")
KEYS = {"id", "valence", "evaluates", "motion_view", "stance_disputed"}


def implied_side(valence: str, view: str) -> str:
    """A claim is pro the motion when it praises what the motion favours or blames what it
    opposes."""
    return "pro" if (valence == "good") == (view == "for") else "con"


def check(path: Path, topics: Path = TOPICS) -> tuple[list[str], Counter]:
    problems: list[str] = []
    counts: Counter = Counter()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{path}: not readable JSON ({exc})"], counts
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        return [f"{path}: want an object with 'topic' and a 'claims' list"], counts
    topic_id = data.get("topic")
    if path.stem != topic_id:
        problems.append(f"{path}: 'topic' is {topic_id!r}, the file name says {path.stem!r}")
    topic_path = topics / f"{topic_id}.json"
    if not topic_path.is_file():
        return problems + [f"{path}: no topic file {topic_path}"], counts
    topic = json.loads(topic_path.read_text(encoding="utf-8"))
    side = {c["id"]: c["stance"] for c in topic["claims"]}
    seen: set[str] = set()
    for i, e in enumerate(data["claims"]):
        where = f"{path}: claims[{i}]"
        if not isinstance(e, dict):
            problems.append(f"{where}: not an object")
            continue
        cid = e.get("id")
        where += f" ({cid})"
        extra = set(e) - KEYS
        if extra:
            problems.append(f"{where}: unknown fields {sorted(extra)}")
        if cid not in side:
            problems.append(f"{where}: no such claim in {topic_path.name}")
            continue
        if cid in seen:
            problems.append(f"{where}: annotated twice")
        seen.add(cid)
        v, view = e.get("valence"), e.get("motion_view")
        if side[cid] == "neutral":
            if v not in (*VALENCES, "none"):
                problems.append(f"{where}: valence of a neutral claim is good, bad or none")
            counts["neutral"] += 1
            continue
        if v not in VALENCES:
            problems.append(f"{where}: valence must be one of {VALENCES}, not {v!r}")
            continue
        if view not in VIEWS:
            problems.append(f"{where}: motion_view must be one of {VIEWS}, not {view!r}")
            continue
        what = e.get("evaluates")
        if not isinstance(what, str) or not 2 <= len(what.split()) <= 12:
            problems.append(f"{where}: 'evaluates' must be 2 to 12 words")
        disputed = e.get("stance_disputed")
        if disputed is not None and (not isinstance(disputed, str) or len(disputed) < 10):
            problems.append(f"{where}: 'stance_disputed' must say why, in a sentence")
        if implied_side(v, view) != side[cid] and disputed is None:
            problems.append(
                f"{where}: {v} + {view} gives {implied_side(v, view)}, the topic says "
                f"{side[cid]} (re-read both; if you disagree with the side, say why in "
                "'stance_disputed')"
            )
        counts[f"{v}/{view}"] += 1
        counts["disputed"] += disputed is not None
    missing = [c for c, s in side.items() if s != "neutral" and c not in seen]
    if missing:
        problems.append(f"{path}: pro/con claims not annotated: {', '.join(missing)}")
    return problems, counts


def main(argv: list[str]) -> int:
    summary = "--summary" in argv
    paths = [Path(a) for a in argv if a != "--summary"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    total: Counter = Counter()
    bad = 0
    for p in paths:
        problems, counts = check(p)
        total.update(counts)
        for line in problems:
            print(line)
        bad += bool(problems)
    if summary:
        for k, n in sorted(total.items()):
            print(f"  {k:16} {n}")
    print(f"{len(paths) - bad} of {len(paths)} files valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
