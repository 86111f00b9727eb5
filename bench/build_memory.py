"""Peak memory and time of one large build with the default offline pipeline.

    .venv/bin/python bench/build_memory.py [--docs 10000] [--per-doc 6] [--embedder NAME]

Documents are made from the project's own written sentences (the claims of
``data/judge/topics`` and ``data/judge/motions`` and the sentences of the topics' pairs, 22,670
distinct), grouped by question and cut into windows of ``--per-doc`` sentences that start every
other sentence, so ten thousand documents can be made from them. Neighbouring documents share
sentences, as news items that quote each other do: the encoder and judge see each distinct
sentence once, while the map holds every mention. Prints the documents, sentences, claims,
stage times and the process's peak resident memory (``ru_maxrss``), after the build and after
saving the map.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from judge_data import load_motions, load_topics  # noqa: E402

from argmap.embed import make_embedder  # noqa: E402
from argmap.embed.base import CachedEmbedder  # noqa: E402
from argmap.ingest import load_bytes  # noqa: E402
from argmap.model.data import Document  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def documents(n: int, per_doc: int) -> list[Document]:
    groups: list[tuple[str, list[str]]] = []
    for t in load_topics() + load_motions():
        texts = [c["text"] for c in t["claims"]] + [p[k] for p in t["pairs"] for k in ("a", "b")]
        groups.append((t["id"], list(dict.fromkeys(texts))))
    docs: list[Document] = []
    for offset in (0, 1):  # windows every other sentence; then the ones between, if needed
        for tid, texts in groups:
            for i in range(offset, len(texts) - per_doc + 1, 2):
                if len(docs) == n:
                    return docs
                body = " ".join(texts[i : i + per_doc])
                doc, _ = load_bytes(body.encode("utf-8"), f"{tid}-{i}.txt")
                docs.append(doc)
    if len(docs) < n:
        raise SystemExit(f"only {len(docs)} documents can be made")
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--per-doc", type=int, default=6)
    ap.add_argument("--embedder", default=None)
    args = ap.parse_args()
    docs = documents(args.docs, args.per_doc)
    print(f"{len(docs)} documents made; peak so far {peak_mb():.0f} MB", flush=True)
    emb = make_embedder(args.embedder)
    emb = emb if isinstance(emb, CachedEmbedder) else CachedEmbedder(emb)
    emb.encode(["warm up"])
    pipeline = Pipeline.default(emb)
    print(f"models loaded; peak so far {peak_mb():.0f} MB", flush=True)
    stages: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def progress(stage: str, i: int, total: int, what: str) -> None:
        now = time.perf_counter()
        if last[1]:
            stages[str(last[1])] = stages.get(str(last[1]), 0.0) + now - float(last[0])
        last[0], last[1] = now, stage

    t0 = time.perf_counter()
    amap = pipeline.run(docs, progress, question="Should AI models be open source?")
    dt = time.perf_counter() - t0
    if last[1]:
        stages[str(last[1])] = stages.get(str(last[1]), 0.0) + time.perf_counter() - float(last[0])
    build_peak = peak_mb()
    with tempfile.TemporaryDirectory() as tmp:
        amap.save(Path(tmp) / "map.json")
        size = (Path(tmp) / "map.json").stat().st_size / 1e6
    print(
        f"built {len(amap.documents)} documents, {len(amap)} claims, {len(amap.relations)} "
        f"relations, {len(amap.key_points or [])} key points in {dt:.1f} s"
    )
    print("  by stage: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print(
        f"  peak resident memory: {build_peak:.0f} MB after the build, {peak_mb():.0f} MB "
        f"after saving the map ({size:.1f} MB of JSON)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
