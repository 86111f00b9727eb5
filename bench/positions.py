"""Sides on real documents: the bundled corpus against blind labels, and the forum seed's lists.

    .venv/bin/python bench/positions.py [--judge cross|head]

1. Builds ``data/corpus`` with its question and compares each document's position with the
   labels in ``data/debate/corpus_positions.json`` (written by hand before any output was read),
   and the side of the claim that holds each labelled key quote.
2. Builds the forum seed (``../shared/seeds/forum-thread-open-source-ai.txt``, skipped when
   absent) with the same question and prints the sides of the claims inside the thread's headed
   lists: a bullet under a heading that says "in favor"/"for" should be ``pro``, one under
   "against" ``con``. The headings are found by their bold markup, not by their words.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from judge_data import add_weights_option  # noqa: E402

import argmap  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

QUESTION = "Should AI models be open source?"
SEED = ROOT.parent / "shared" / "seeds" / "forum-thread-open-source-ai.txt"
HEADING = re.compile(r"^\*\*(.+?)\*\*\s*$", re.M)


WEIGHTS: list[str] | None = None  # --weights: cross judge weights to measure instead of the shipped


def pipeline(which: str) -> Pipeline:
    from argmap.debate import Debate
    from argmap.judge import CrossJudge, MiniLMJudge

    p = Pipeline.default()
    if which == "head":
        judge: object = MiniLMJudge(p.embedder)
    elif WEIGHTS:
        judge = CrossJudge(WEIGHTS)
    else:
        return p
    return dataclasses.replace(p, debate=Debate(p.embedder, judge=judge))


def corpus(which: str) -> None:
    labels = json.loads((ROOT / "data" / "debate" / "corpus_positions.json").read_text())
    amap = argmap.build(ROOT / "data" / "corpus", pipeline=pipeline(which), question=QUESTION)
    by_file = {Path(d.source).name: d for d in amap.documents.values()}
    right = quotes = quotes_right = 0
    for entry in labels["documents"]:
        doc = by_file.get(entry["file"])
        got = doc.position if doc else "missing"
        ok = got == entry["position"]
        right += ok
        print(f"  {entry['file']:40} gold {entry['position']:8} got {got:8} {'ok' if ok else ''}")
        if doc is None:
            continue
        for kc in entry.get("key_claims", []):
            start = doc.text.find(kc["quote"])
            if start < 0:
                continue
            end = start + len(kc["quote"])
            sides = [
                c.side
                for c in amap.claims_by_id.values()
                for m in c.mentions
                if m.document == doc.id and m.start < end and m.end > start
            ]
            if not sides:
                continue
            quotes += 1
            quotes_right += sides[0] == kc["side"]
    print(f"corpus positions: {right} of {len(labels['documents'])} match the blind labels")
    print(f"labelled key quotes: {quotes_right} of {quotes} claims on the labelled side")


def forum(which: str) -> None:
    if not SEED.is_file():
        print("forum seed not found: skipped")
        return
    amap = argmap.build(SEED, pipeline=pipeline(which), question=QUESTION)
    doc = next(iter(amap.documents.values()))
    # the raw file marks headings in bold and items with "* "; the cleaned text keeps neither,
    # so each item is found in it by its words
    want = None
    items: list[tuple[str, str]] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        h = HEADING.match(line.strip())
        if h:
            title = h.group(1).lower()
            if "against" in title:
                want = "con"
            elif "favor" in title or "favour" in title or " for " in f" {title} ":
                want = "pro"
            else:
                want = None
        elif want and line.lstrip().startswith(("* ", "- ")):
            items.append((want, line.lstrip()[2:].strip()))
        elif line.strip():
            want = None
    right = total = 0
    for want, item in items:
        start = doc.text.find(item)
        if start < 0:
            continue
        end = start + len(item)
        for c in amap.claims_by_id.values():
            if any(m.document == doc.id and start <= m.start < end for m in c.mentions):
                total += 1
                right += c.side == want
                print(f"  want {want:4} got {c.side:7} {c.text[:70]}")
    print(f"forum lists: {right} of {total} claims on their heading's side")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--judge", choices=("cross", "head"), default="cross")
    add_weights_option(ap)
    args = ap.parse_args()
    global WEIGHTS
    WEIGHTS = args.weights
    corpus(args.judge)
    forum(args.judge)
    return 0


if __name__ == "__main__":
    sys.exit(main())
