"""The role model's learning curve: development and held-out figures by training-set size.

    .venv/bin/python bench/learning_curve.py [--sizes 250,500,1000,all]

For each size the role model is fit (``bench/train_roles.py --size N``, the same seeded sample
of training-topic texts) and the default pipeline with those weights is scored by
``argmap eval`` on the project's held-out topics and, when ``../shared/dev-eval`` is beside the
project, on the development set; the hand-written role rules alone are the first row. It tells
whether more annotated texts would help: a curve still rising at "all" says write more.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import train_roles  # noqa: E402

from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from argmap.evaluate import PROJECT_TEXTS, evaluate, evaluate_items, project_texts  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

DEV = ROOT.parent / "shared" / "dev-eval" / "microtexts_part2_en.json"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="250,500,1000,all")
    ap.add_argument(
        "--texts", type=Path, default=PROJECT_TEXTS, help="folder of annotated texts to read"
    )
    args = ap.parse_args()
    emb = CachedEmbedder(SentenceTransformerEmbedder("all-MiniLM-L6-v2"))
    held = project_texts("held-out", args.texts)
    n_train = len(project_texts("train", args.texts))
    print(f"{n_train} training texts, {len(held)} held out; F1 relation / counterclaim")
    print(f"{'role model':18} {'dev':>16} {'held-out':>16}")
    with tempfile.TemporaryDirectory() as tmp:
        rows: list[tuple[str, str | None]] = [("rules only", None)]
        for size in args.sizes.split(","):
            n = n_train if size == "all" else int(size)
            if n > n_train:
                continue
            out = Path(tmp) / f"roles-{n}.npz"
            train_roles.main(
                ["--C", "1", "--size", str(n), "--out", str(out), "--texts", str(args.texts)],
                emb,
            )
            rows.append((f"{n} texts" if size != "all" else "all training texts", str(out)))
        for name, weights in rows:
            pipe = Pipeline.default(embedder=emb, debate=None, role_model=weights)
            cells = []
            if DEV.is_file():
                dev, _ = evaluate(DEV, pipe)
                cells.append(f"{dev['rel_f1']:.3f} / {dev['opp_f1']:.3f}")
            else:
                cells.append("(absent)")
            ho, _ = evaluate_items(held, pipe)
            cells.append(f"{ho['rel_f1']:.3f} / {ho['opp_f1']:.3f}")
            print(f"{name:18} {cells[0]:>16} {cells[1]:>16}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
