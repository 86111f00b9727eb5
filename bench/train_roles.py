"""Learn each unit's role (premise, objection, rebuttal, none) from the project's annotated texts.

    .venv/bin/python bench/train_roles.py [--dry-run] [--curve] [--C 1] [--size N]

The discourse extractor reads every text of ``data/labelled/texts`` as a build would (raw text
in, the shipped main-claim choice, the hand-written role rules); each unit is matched to the
annotated unit it overlaps most (at least half their union, as the scorers match), and that
unit's annotation gives the label: an ``opponent`` unit is an objection, a ``proponent`` unit
that attacks an opponent one is a rebuttal, the rest are premises, and a unit that matches no
annotated unit is ``none`` (it argues nothing; the extractor drops it). A multinomial logistic model
reads what the rules decided (as features it weighs, not decisions), the cues behind them, the
neighbours' rule roles, position, whether the unit sits on a quoted line or a questioner's turn,
and the frozen MiniLM vector of the unit and its cosine to the main claim (a second set of
weights reads all but the vector, for builds with another embedder). Texts on held-out
topics (``argmap.evaluate.held_out_topic``) are never fit on; their figures are printed beside
the rules'. The development set is never read here. Seeded; the weights go to
``argmap/resources/role_model.npz``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from argmap.evaluate import PROJECT_TEXTS, held_out_topic, overlap, project_texts  # noqa: E402
from argmap.ingest import document_from_text  # noqa: E402
from argmap.parse import discourse as dc  # noqa: E402
from argmap.parse.discourse.features import ROLE_LABELS, role_rows  # noqa: E402
from argmap.parse.discourse.scoring import RoleModel  # noqa: E402

SEED = 13
WEIGHTS = ROOT / "argmap" / "resources" / "role_model.npz"


def read(
    items: list[dict[str, Any]], emb: Any
) -> list[tuple[dict[str, Any], np.ndarray, list[int]]]:
    """Each text's feature rows (non-central units) and their labels (``none``: no annotated
    unit)."""
    extractor = dc.DiscourseExtractor(emb, role_model=None)
    out = []
    for item in items:
        doc, _ = document_from_text(item["text"], f"{item['id']}.txt")
        units = dc.analyse_units(doc)
        if len(units) < 2:
            continue
        central = extractor.choose_central(units, None)
        dc.assign_roles(units, central)
        rows, keep = role_rows(doc.text, units, central, extractor._vectors(units))
        gold = {a["id"]: a for a in item["adus"]}
        attacks_opp = {
            r["source"]
            for r in item["relations"]
            if r["type"] == "attack" and gold[r["target"]]["role"] == "opponent"
        }
        labels = []
        for k in keep:
            u = units[k].unit
            best, top = None, 0.5
            for a in item["adus"]:
                o = overlap((u.start, u.end), (a["start"], a["end"]))
                if o >= top:
                    best, top = a, o
            if best is None:
                labels.append(ROLE_LABELS.index("none"))  # kept by the segmenter, argues nothing
            elif best["role"] == "opponent":
                labels.append(ROLE_LABELS.index("objection"))
            elif best["id"] in attacks_opp:
                labels.append(ROLE_LABELS.index("rebuttal"))
            else:
                labels.append(ROLE_LABELS.index("premise"))
        rule = [
            ROLE_LABELS.index(units[k].role) if units[k].role in ROLE_LABELS else 0 for k in keep
        ]
        out.append((item, rows, labels, rule))
    return out


def figures(labels: list[int], pred: list[int]) -> str:
    y, p = np.asarray(labels), np.asarray(pred)
    acc = float((y == p).mean()) if len(y) else 0.0
    parts = [f"accuracy {acc:.3f}"]
    for k, name in enumerate(ROLE_LABELS):
        tp = int(((p == k) & (y == k)).sum())
        fp = int(((p == k) & (y != k)).sum())
        fn = int(((p != k) & (y == k)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        parts.append(f"{name} F1 {f1:.3f}")
    return ", ".join(parts)


def main(argv: list[str] | None = None, emb: Any = None) -> int:
    """``emb``: an embedder to share (the learning curve fits several sizes on one)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--C", default="1", help="inverse L2 strength (default 1, the shipped weights)")
    ap.add_argument("--curve", action="store_true", help="fit on 250, 500, 1,000 and all texts")
    ap.add_argument("--dry-run", action="store_true", help="print figures, write no weights")
    ap.add_argument(
        "--size", type=int, help="fit on this many training texts (a seeded sample) only"
    )
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument(
        "--drop-margin",
        type=float,
        default=1.0,
        help="log-odds by which 'none' must beat the best role before a unit is dropped "
        "(default 1.0: a unit wrongly dropped costs its relations, one wrongly kept only "
        "its own precision)",
    )
    ap.add_argument(
        "--texts", type=Path, default=PROJECT_TEXTS, help="folder of annotated texts to read"
    )
    args = ap.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    emb = emb or CachedEmbedder(SentenceTransformerEmbedder("all-MiniLM-L6-v2"))
    data = read(project_texts("all", args.texts), emb)
    train = [d for d in data if not held_out_topic(d[0]["topic"])]
    test = [d for d in data if held_out_topic(d[0]["topic"])]
    print(
        f"{len(train)} training texts, {len(test)} held out ({len({d[0]['topic'] for d in test})} topics)"
    )
    ty = [lab for d in test for lab in d[2]]
    print(f"rules    held-out: {figures(ty, [r for d in test for r in d[3]])}")
    plain_cols = slice(0, RoleModel.n_plain())
    sizes = (
        [250, 500, 1000, len(train)] if args.curve else [min(args.size or len(train), len(train))]
    )
    order = np.random.default_rng(SEED).permutation(len(train))
    TX = np.vstack([d[1] for d in test])
    fitted = {}
    for size, C in [(n, float(c)) for n in sizes for c in args.C.split(",")]:
        if size > len(train):
            continue
        part = [train[k] for k in order[:size]]
        X = np.vstack([d[1] for d in part])
        y = np.asarray([lab for d in part for lab in d[2]])
        for name, cols in (("vectors", slice(None)), ("plain", plain_cols)):
            clf = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(X[:, cols], y)
            pred = list(clf.predict(TX[:, cols]))
            print(f"learned, {name:7} ({size} texts, C={C}) held-out: {figures(ty, pred)}")
            fitted[name] = clf
    if fitted and not args.dry_run:
        full, plain = fitted["vectors"], fitted["plain"]
        RoleModel(full.coef_, full.intercept_, plain.coef_, plain.intercept_).save(
            args.out,
            trained_on=f"data/labelled/texts, {size} texts on training topics",
            embedder=emb.name,
            C=C,
            drop_margin=args.drop_margin,
        )
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
