"""How often each discourse rule's relations are right: the numbers behind ``RULE_PRECISION``.

    .venv/bin/python bench/relation_rules.py

Every relation the ``discourse`` stage makes names the rule that made it (``rule`` in the map
JSON), and its ``confidence`` is that rule's precision measured here on the project's annotated
texts on topics that are not held out (``data/labelled/texts``,
``argmap.evaluate.held_out_topic``): the share of its relations whose source and target
match annotated units (by the reference scorer's overlap test) joined by an annotated relation of the same type. Printed beside it for comparison, never used
to set anything: the held-out texts, and the development set when ``../shared/dev-eval`` is
there. The last column, the value to ship, is the training precision pulled toward 0.5 by
``PRIOR_WEIGHT`` pseudo-relations: a rule seen twice is not certain, and one never seen is a coin.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from train_central import TEXTS, held_out  # noqa: E402

from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from argmap.evaluate import locate, overlap  # noqa: E402
from argmap.ingest import document_from_text  # noqa: E402
from argmap.parse.base import CorpusAware  # noqa: E402
from argmap.parse.discourse import RULE_PRECISION  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

DEV = ROOT.parent / "shared" / "dev-eval" / "microtexts_part2_en.json"
PRIOR_WEIGHT = 5


def smoothed(right: int, made: int) -> float:
    """Precision on the training texts, pulled toward an even chance by ``PRIOR_WEIGHT`` made-up
    relations, so that a rule seen a handful of times does not claim certainty."""
    return (right + 0.5 * PRIOR_WEIGHT) / (made + PRIOR_WEIGHT)


def tally(items: list[dict[str, Any]], pipeline: Pipeline) -> tuple[Counter[str], Counter[str]]:
    """Per rule: relations made, and relations matching an annotated one with the same type."""
    made: Counter[str] = Counter()
    right: Counter[str] = Counter()
    docs = [document_from_text(item["text"], f"{item['id']}.txt")[0] for item in items]
    if isinstance(pipeline.extractor, CorpusAware):
        pipeline.extractor.prepare(docs)  # read together, as a build reads them
    for item, doc in zip(items, docs, strict=True):
        doc, claims, relations = pipeline.analyse(doc)
        spans = {}
        for a in item["adus"]:
            r = locate(doc.text, a["text"]) if a.get("start") is not None else None
            if r is not None:
                spans[a["id"]] = r
        unit_of: dict[str, str] = {}
        for c in claims:
            m = c.mentions[0]
            best = max(spans, key=lambda a: overlap((m.start, m.end), spans[a]), default=None)
            if best is not None and overlap((m.start, m.end), spans[best]) >= 0.5:
                unit_of[c.id] = best
        gold = {(r["source"], r["target"]): r["type"] for r in item["relations"]}
        for r in relations:
            made[r.rule] += 1
            pair = (unit_of.get(r.source), unit_of.get(r.target))
            right[r.rule] += gold.get(pair) == r.type.rstrip("s")  # type: ignore[arg-type]
    return made, right


def main() -> int:
    items = [i for f in sorted(TEXTS.glob("*.json")) for i in json.loads(f.read_text("utf-8"))]
    sets = {
        "train": [i for i in items if not held_out(i)],
        "held-out": [i for i in items if held_out(i)],
    }
    if DEV.is_file():
        sets["dev"] = json.loads(DEV.read_text("utf-8"))
    emb = CachedEmbedder(SentenceTransformerEmbedder("all-MiniLM-L6-v2"))
    # the rules' own edges: the learned target model would re-choose the ones they guess
    pipeline = Pipeline.default(embedder=emb, crossdoc=None, target_model=None)
    counts = {name: tally(data, pipeline) for name, data in sets.items()}
    header = f"{'rule':22}{'shipped':>9}" + "".join(f"{n:>18}" for n in sets) + "  to ship"
    print(header)
    for rule in RULE_PRECISION:
        row = f"{rule:22}{RULE_PRECISION[rule]:>9.2f}"
        for name in sets:
            made, right = counts[name]
            n = made[rule]
            row += f"{(right[rule] / n if n else 0):>10.2f} of {n:<4}"
        made, right = counts["train"]
        print(row + f"{smoothed(right[rule], made[rule]):>10.2f}")
    for name in sets:
        made, right = counts[name]
        print(f"all rules, {name}: {sum(right.values()) / max(1, sum(made.values())):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
