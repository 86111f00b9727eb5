"""An add beside a rebuild: build N documents, add 10, and rebuild all N + 10 from scratch.

    .venv/bin/python bench/incremental.py [--docs 1000] [--add 10] [--embedder NAME]

Documents are made from the project's own labelled claims (``data/judge/topics``): each topic's
claims, six to a document, as short argumentative texts. Prints the time of the first build,
of the add (with the sidecar of vectors and verdicts the build saved), of the rebuild, the add
as a share of the rebuild, and whether the grown map and the rebuilt one agree claim for claim
(and relation for relation, key point for key point).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from argmap.embed import make_embedder  # noqa: E402
from argmap.embed.base import CachedEmbedder  # noqa: E402
from argmap.grow import Grower, add_documents  # noqa: E402
from argmap.ingest import load_bytes  # noqa: E402
from argmap.model.amap import ArgumentMap  # noqa: E402
from argmap.model.data import Document  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

QUESTION = "Should AI models be open source?"


def documents(n: int) -> list[Document]:
    docs: list[Document] = []
    for path in sorted((ROOT / "data" / "judge" / "topics").glob("*.json")):
        topic = json.loads(path.read_text(encoding="utf-8"))
        claims = [c["text"] for c in topic["claims"]]
        for i in range(0, len(claims) - 3, 6):
            text = " ".join(claims[i : i + 6])
            doc, _ = load_bytes(text.encode("utf-8"), f"{topic['id']}-{i // 6}.txt")
            docs.append(doc)
    if len(docs) < n:
        raise SystemExit(f"only {len(docs)} documents can be made from the topics")
    return docs[:n]


def content(amap: ArgumentMap) -> tuple[dict, set, set]:
    claims = {c.id: json.dumps(c.to_dict(), sort_keys=True) for c in amap.claims()}
    rels = {json.dumps(r.to_dict(), sort_keys=True) for r in amap.relations}
    kps = {json.dumps(k.to_dict(), sort_keys=True) for k in amap.key_points or []}
    return claims, rels, kps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--add", type=int, default=10)
    ap.add_argument("--embedder", default=None)
    args = ap.parse_args()
    docs = documents(args.docs + args.add)
    base, extra = docs[: args.docs], docs[args.docs :]

    def fresh() -> Pipeline:
        emb = make_embedder(args.embedder)
        emb = emb if isinstance(emb, CachedEmbedder) else CachedEmbedder(emb)
        emb.encode(["warm up"])
        return Pipeline.default(emb)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.json"
        grower = Grower(fresh())
        t0 = time.perf_counter()
        first = grower.build(base, question=QUESTION)
        t_build = time.perf_counter() - t0
        grower.save(path, first)
        loaded = ArgumentMap.load(path)
        t0 = time.perf_counter()
        grown = add_documents(loaded, extra, map_path=path, embedder=args.embedder)
        t_add = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = fresh().run(docs, question=QUESTION)
    t_full = time.perf_counter() - t0
    print(f"{args.docs} documents, then {args.add} more ({len(full)} claims in the end)")
    print(f"  first build       {t_build:7.1f} s")
    print(f"  add {args.add:<13} {t_add:7.1f} s   ({100 * t_add / t_full:.1f}% of the rebuild)")
    print(f"  rebuild of {len(docs):<6} {t_full:7.1f} s")
    a, b = content(grown), content(full)
    same = sum(1 for k, v in a[0].items() if b[0].get(k) == v)
    print(
        f"  agreement: claims {same} of {len(b[0])} identical"
        f" ({len(a[0])} in the grown map), relations {len(a[1] & b[1])} of {len(b[1])},"
        f" key points {len(a[2] & b[2])} of {len(b[2])}"
    )
    diff: dict[str, int] = {}
    for k, v in a[0].items():
        if k in b[0] and b[0][k] != v:
            x, y = json.loads(v), json.loads(b[0][k])
            for field in sorted(set(x) | set(y)):
                if x.get(field) != y.get(field):
                    diff[field] = diff.get(field, 0) + 1
    if diff:
        print("  fields that differ:", ", ".join(f"{f} ({n})" for f, n in sorted(diff.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
