"""Validate annotated texts and fill in what follows from the annotation.

Usage: python data/labelled/check_texts.py FILE.json [FILE.json ...] [--write]

Each file is a JSON list of texts written for this project:

    {"id": "edu-001", "topic": "school uniforms", "text": "...",
     "adus": [{"id": "a1", "text": "<exact substring of text>", "role": "proponent|opponent",
               "central": true|false}],
     "relations": [{"source": "a2", "target": "a1", "type": "sup|exa|reb|und"}]}

Checks: every ADU is an exact substring, ADUs appear in order without overlapping, one central
claim, every other ADU has exactly one outgoing relation, relations form a tree rooted at the
central claim, opponents and proponents attack across sides. With ``--write`` it adds
``start``/``end`` offsets and the collapsed ``type`` (support: sup, exa; attack: reb, und) with
the annotator's label kept as ``original_type`` -- the layout the reference scorer reads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COLLAPSE = {"sup": "support", "exa": "support", "reb": "attack", "und": "attack"}
GENRES = ("short", "forum", "oped", "news", "interview", "brief", "essay", "letter", "speech")
MAX_UNITS = 12


def check(item: dict) -> list[str]:
    errs: list[str] = []
    tid = item.get("id", "?")
    text = item.get("text", "")
    adus = item.get("adus", [])
    rels = item.get("relations", [])
    if not text or not adus:
        return [f"{tid}: empty text or no ADUs"]
    if "genre" in item:  # texts written from 2026-12-07 on (GUIDELINES.md, "Genres")
        if item["genre"] not in GENRES:
            errs.append(f"{tid}: genre {item['genre']!r} not one of {', '.join(GENRES)}")
        if not isinstance(item.get("topic"), str) or not item["topic"].strip():
            errs.append(f"{tid}: a topic is needed (the held-out split is by topic)")
        if not 3 <= len(adus) <= MAX_UNITS:
            errs.append(f"{tid}: {len(adus)} ADUs (need 3 to {MAX_UNITS})")
    for a in adus:
        if isinstance(a.get("text"), str) and a["text"] != a["text"].strip():
            errs.append(f"{tid}: ADU {a.get('id')} starts or ends with white space")
    pos = 0
    ids = set()
    for a in adus:
        if a["id"] in ids:
            errs.append(f"{tid}: duplicate ADU id {a['id']}")
        ids.add(a["id"])
        i = text.find(a["text"], pos)
        if i < 0:
            where = text.find(a["text"])
            why = "not in text" if where < 0 else "out of order or overlapping"
            errs.append(f"{tid}: ADU {a['id']} {why}: {a['text']!r}")
            continue
        a["start"], a["end"] = i, i + len(a["text"])
        pos = a["end"]
        if a.get("role") not in ("proponent", "opponent"):
            errs.append(f"{tid}: ADU {a['id']} role must be proponent or opponent")
    central = [a["id"] for a in adus if a.get("central")]
    if len(central) != 1:
        errs.append(f"{tid}: {len(central)} central claims (need exactly 1)")
        return errs
    out: dict[str, str] = {}
    for r in rels:
        orig = r.get("original_type", r.get("type"))
        if orig not in COLLAPSE:
            errs.append(f"{tid}: relation type {orig!r} not one of sup, exa, reb, und")
        if r["source"] not in ids or r["target"] not in ids:
            errs.append(f"{tid}: relation {r['source']}->{r['target']} names an unknown ADU")
        if r["source"] in out:
            errs.append(f"{tid}: ADU {r['source']} has two outgoing relations")
        out[r["source"]] = r["target"]
    for a in adus:
        if a["id"] != central[0] and a["id"] not in out:
            errs.append(f"{tid}: ADU {a['id']} has no outgoing relation")
    if central[0] in out:
        errs.append(f"{tid}: the central claim must not point anywhere")
    for a in adus:  # every chain must end at the central claim
        seen, cur = set(), a["id"]
        while cur in out and cur not in seen:
            seen.add(cur)
            cur = out[cur]
        if cur != central[0]:
            errs.append(f"{tid}: ADU {a['id']} does not lead to the central claim (cycle?)")
            break
    role = {a["id"]: a.get("role") for a in adus}
    for r in rels:
        orig = r.get("original_type", r.get("type"))
        if r["source"] in role and r["target"] in role and orig in COLLAPSE:
            same = role[r["source"]] == role[r["target"]]
            if COLLAPSE[orig] == "support" and not same:
                errs.append(f"{tid}: {r['source']} supports a unit of the other side")
            if COLLAPSE[orig] == "attack" and same:
                errs.append(f"{tid}: {r['source']} attacks a unit of its own side")
    return errs


def main(argv: list[str]) -> int:
    write = "--write" in argv
    files = [a for a in argv if not a.startswith("--")]
    bad = 0
    for f in files:
        try:
            items = json.loads(Path(f).read_text(encoding="utf-8"))
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise ValueError("expected a JSON list of objects")
        except (OSError, ValueError) as e:
            print(f"{f}: cannot read ({e})")
            bad += 1
            continue
        seen: set[str] = set()
        for item in items:
            if item.get("id") in seen:
                print(f"{f}: duplicate text id {item.get('id')}")
                bad += 1
            seen.add(item.get("id"))
            try:
                errs = check(item)
            except (KeyError, TypeError, AttributeError) as e:
                errs = [f"{item.get('id', '?')}: malformed item ({e!r})"]
            for e in errs:
                print(f"{f}: {e}")
            bad += len(errs)
            for r in item.get("relations", []):
                orig = r.get("original_type", r.get("type"))
                if orig in COLLAPSE:
                    r["original_type"], r["type"] = orig, COLLAPSE[orig]
        if write and not bad:
            tmp = Path(f).with_suffix(".tmp")
            tmp.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            tmp.replace(f)
        n_adu = sum(len(i.get("adus", [])) for i in items)
        print(f"{f}: {len(items)} texts, {n_adu} ADUs")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
