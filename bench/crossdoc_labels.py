"""How right the cross-document links are on the project's corpus, against labelled pairs.

    .venv/bin/python bench/crossdoc_labels.py

Builds ``data/corpus`` with the default pipeline and the real embedder, then compares every
cross-document link with ``data/pairs/crossdoc_pairs.jsonl``: 68 candidate pairs of that corpus
(every pair the linker considered when the file was made), each labelled ``supports``,
``attacks`` or ``unrelated`` by an annotator who saw the two claims in context but not the
linker's answer. Printed: links made, how many carry the annotated label (precision), how many
annotated supports/attacks were found with the right label (recall), and the labels side by
side. A candidate pair the file does not hold (the corpus or the extraction changed since) is
counted apart, never as right or wrong; so is a labelled pair one of whose claims the pipeline
no longer extracts in those words (a segmentation fix changed its span): recall is over the
annotated supports and attacks whose two claims are still there.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap import build  # noqa: E402
from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

PAIRS = ROOT / "data" / "pairs" / "crossdoc_pairs.jsonl"


def main() -> int:
    gold = {}
    for line in PAIRS.read_text("utf-8").splitlines():
        p = json.loads(line)
        gold[frozenset((p["a"], p["b"]))] = p["label"]
    emb = CachedEmbedder(SentenceTransformerEmbedder("all-MiniLM-L6-v2"))
    amap = build([ROOT / "data" / "corpus"], pipeline=Pipeline.default(embedder=emb))
    text = {c.id: c.text for c in amap.claims()}
    extracted = set(text.values()) | {m.text for c in amap.claims() for m in c.members}
    made: dict[frozenset[str], str] = {}
    for r in amap.relations:
        if r.scope == "across":
            made[frozenset((text[r.source], text[r.target]))] = r.type
    table: Counter[tuple[str, str]] = Counter()
    unknown = 0
    for pair, label in made.items():
        if pair not in gold:
            unknown += 1
            continue
        table[(label, gold[pair])] += 1
    gone = 0
    for pair, label in gold.items():
        if not pair <= extracted:
            gone += 1  # a claim the pipeline no longer extracts in these words
        elif pair not in made:
            table[("not linked", label)] += 1
    linked = sum(n for (p, _), n in table.items() if p != "not linked")
    right = sum(n for (p, g), n in table.items() if p == g)
    relevant = sum(n for (_, g), n in table.items() if g != "unrelated")
    print(
        f"labelled pairs {len(gold)} ({gone} with a claim no longer extracted); linked {linked} "
        f"of them, {unknown} links not in the file"
    )
    print(
        f"right label {right}: precision {right / max(1, linked):.2f}, recall {right / relevant:.2f}"
    )
    labels = ("supports", "attacks", "unrelated")
    corner = "linker / annotator"
    print(f"{corner:20}" + "".join(f"{g:>11}" for g in labels))
    for p in ("supports", "attacks", "not linked"):
        print(f"{p:20}" + "".join(f"{table[(p, g)]:>11}" for g in labels))
    judge_on_labelled()
    return 0


def judge_on_labelled() -> None:
    """The learned judge on the same labelled pairs, read the way the linker would use it:
    ``same`` and ``supports`` as supports (a pair the judge calls the same point is one dedup
    missed), ``attacks`` either way round as attacks, the rest unrelated."""
    from argmap.judge import default_judge

    rows = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines() if line]
    judge = default_judge()
    fwd = judge.judge([(r["a"], r["b"]) for r in rows])
    back = judge.judge([(r["b"], r["a"]) for r in rows])
    table: Counter[tuple[str, str]] = Counter()
    for r, f, b in zip(rows, fwd, back, strict=True):
        if "attacks" in (f.label, b.label):
            got = "attacks"
        elif {f.label, b.label} & {"supports", "same"}:
            got = "supports"
        else:
            got = "unrelated"
        table[(got, r["label"])] += 1
    linked = sum(n for (p, _), n in table.items() if p != "unrelated")
    right = sum(n for (p, g), n in table.items() if p == g and p != "unrelated")
    relevant = sum(n for (_, g), n in table.items() if g != "unrelated")
    print(
        f"judge on all {len(rows)} labelled pairs: links {linked}, right label {right}: "
        f"precision {right / max(1, linked):.2f}, recall {right / max(1, relevant):.2f}"
    )
    labels = ("supports", "attacks", "unrelated")
    corner = "judge / annotator"
    print(f"{corner:20}" + "".join(f"{g:>11}" for g in labels))
    for p in labels:
        print(f"{p:20}" + "".join(f"{table[(p, g)]:>11}" for g in labels))


if __name__ == "__main__":
    sys.exit(main())
