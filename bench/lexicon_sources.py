"""Fill in and check the sources of the English lexicon (``argmap/lang/en/lexicon.json``).

    .venv/bin/python bench/lexicon_sources.py [--write]

For each entry without a source, finds the first training text that shows it at work (see
:mod:`argmap.lang.sources`); ``--write`` stores what it found. Prints the entries that no
training text shows: they were fitted to other text (the development set, the seeds) or never
match, and are candidates for deletion.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.fileio import atomic_write_text  # noqa: E402
from argmap.lang import sources  # noqa: E402

LEXICON = ROOT / "argmap" / "lang" / "en" / "lexicon.json"
JUDGE_FIRST = ("judge.", "polarity.")  # lists read on claims: their sources are claims first


def dump(data: dict) -> str:
    """The lexicon with one entry per line, so a change shows in a diff as the entries it
    touches."""
    out = ["{", f' "_about": {json.dumps(data["_about"], ensure_ascii=False)},', ' "lists": {']
    names = list(data["lists"])
    for n, name in enumerate(names):
        lst = data["lists"][name]
        out.append(f"  {json.dumps(name)}: {{")
        for key, value in lst.items():
            if key != "entries":
                out.append(f"   {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
        out.append('   "entries": [')
        rows = [json.dumps(e, ensure_ascii=False) for e in lst["entries"]]
        out.extend(f"    {r}," for r in rows[:-1])
        out.append(f"    {rows[-1]}")
        out.append("   ]")
        out.append("  }," if n < len(names) - 1 else "  }")
    out.extend([" }", "}"])
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="store the sources found")
    args = ap.parse_args()
    data = json.loads(LEXICON.read_text(encoding="utf-8"))
    units = list(sources.labelled_passages(ROOT))
    texts = list(sources.labelled_passages(ROOT, whole=True))
    claims = list(sources.judge_passages(ROOT))
    pairs = [*sources.judge_pairs(ROOT), *sources.unit_pairs(ROOT)]
    found = missing = 0
    for name, lst in data["lists"].items():
        # an opening is looked for at the start of a unit, anything else anywhere in a text
        labelled = units if lst["kind"] == "starts" else texts
        passages = claims + labelled if name.startswith(JUDGE_FIRST) else labelled + claims
        for e in lst["entries"]:
            if e.get("from"):
                continue
            hit = sources.find_source(lst["kind"], e, passages, pairs)
            if hit is None:
                missing += 1
                print(f"no training text shows {name}: {e.get('text', e.get('pair'))!r}")
                continue
            found += 1
            e.update(hit)
    print(f"{found} sources found, {missing} entries with none")
    total = sum(len(v["entries"]) for v in data["lists"].values())
    print(f"{total} entries in {len(data['lists'])} lists")
    if args.write:
        atomic_write_text(LEXICON, dump(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
