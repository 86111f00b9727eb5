"""The whole build's speed beside the bare encoder's, on the same sentences, quiet and contended.

    .venv/bin/python bench/throughput.py [--busy/--no-busy] [--repeat N]

Sentences: the argumentative units the discourse extractor reads in the project's own texts
(``data/labelled/texts``, ``data/corpus``), which are what a build encodes. Figures, each from a
fresh embedder (empty cache):
- ``encoder``: one ``encode`` call on all of them (sentences/s);
- ``build``: ``Pipeline.run`` without the debate stage (reading, extraction, relations, dedup,
  cross-document links, semantics), the same sentences over its wall time, and its ratio to the
  encoder;
- ``build+debate``: the whole default build with the question, the judge's stance included.
Then the same with a second CPU-bound process running beside it (started and stopped here).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from argmap.embed import make_embedder  # noqa: E402
from argmap.ingest import load_bytes, load_documents  # noqa: E402
from argmap.model.data import Document  # noqa: E402
from argmap.parse.discourse.units import analyse_units  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

QUESTION = "Should AI models be open source?"


def documents() -> list[Document]:
    docs = []
    for path in sorted((ROOT / "data" / "labelled" / "texts").glob("*.json")):
        for t in json.loads(path.read_text(encoding="utf-8")):
            doc, _ = load_bytes(t["text"].encode("utf-8"), f"{t['id']}.txt")
            docs.append(doc)
    docs += load_documents([ROOT / "data" / "corpus"]).documents
    return docs


def once(docs: list[Document], sentences: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    emb = make_embedder(None)
    emb.encode(["warm up"])
    t0 = time.perf_counter()
    emb.encode(sentences)
    out["encoder"] = len(sentences) / (time.perf_counter() - t0)
    for name, debate in (("build", None), ("build+debate", "default")):
        p = Pipeline.default(make_embedder(None), debate=debate)
        p.embedder.encode(["warm up"])
        t0 = time.perf_counter()
        p.run(docs, question=QUESTION if debate else None)
        out[name] = len(sentences) / (time.perf_counter() - t0)
    return out


def report(label: str, runs: list[dict[str, float]]) -> None:
    best = {k: max(r[k] for r in runs) for k in runs[0]}
    enc = best["encoder"]
    print(f"{label}:")
    print(f"  encoder       {enc:7.1f} sentences/s")
    for k in ("build", "build+debate"):
        print(f"  {k:13} {best[k]:7.1f} sentences/s   ratio {best[k] / enc:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--busy", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--repeat", type=int, default=1, help="runs per condition (best is shown)")
    args = ap.parse_args()
    docs = documents()
    sentences = [u.text for d in docs for u in analyse_units(d)]
    print(f"{len(docs)} documents, {len(sentences)} sentences (units); best of {args.repeat}")
    report("quiet", [once(docs, sentences) for _ in range(args.repeat)])
    if args.busy:
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(1.0)
            report(
                "beside a CPU-bound process", [once(docs, sentences) for _ in range(args.repeat)]
            )
        finally:
            busy.kill()
            busy.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
