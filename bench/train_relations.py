"""Learn each unit's target and relation type from the project's annotated texts (issue 15).

    .venv/bin/python bench/train_relations.py [--curve] [--out FILE]

The discourse extractor segments every text of ``data/labelled/texts`` as a build would (raw text
in); each unit is matched to the annotated unit it overlaps most (at least half, as the
reference scorer matches them), and the annotated target and type become its labels. A logistic
model scores every (unit, candidate target) pair of a text from position, distance, paragraph,
the units' roles and cues, the frozen MiniLM vectors of both units, and what the hand-written
rules of ``DiscourseRelations`` propose (a rule is a feature the model weighs); the targets are
decoded jointly as a maximum spanning arborescence rooted at the main claim, and each chosen
edge's type follows from the roles (or, printed beside it, from a second model). A text is held out when ``crc32(topic) % 5 == 0``: the figures
printed are on whole topics the model never saw, beside the rules' own on the same units. The
development set is never read here. Seeded.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from argmap.evaluate import PROJECT_TEXTS, held_out_topic, overlap, project_texts  # noqa: E402
from argmap.ingest import document_from_text  # noqa: E402
from argmap.parse import discourse as dc  # noqa: E402
from argmap.parse.discourse.extractor import ROLE_MODEL_MAX_UNITS  # noqa: E402
from argmap.parse.discourse.targets import (  # noqa: E402
    TargetContext,
    TargetModel,
    cue_matrix,
    pair_rows,
    type_features,
)
from argmap.parse.discourse.targets import decode as decode_tree  # noqa: E402

TEXTS = ROOT / "data" / "labelled" / "texts"
SEED = 13
USE_RULES = True
USE_VECTORS = True
MAX_UNITS = ROLE_MODEL_MAX_UNITS  # the texts learned from are short; longer ones keep the rules


def held_out(item: dict[str, Any]) -> bool:
    return held_out_topic(item["topic"])


@dataclass
class Text:
    item: dict[str, Any]
    units: list[str]  # the units the extractor found, in order
    spans: list[tuple[int, int]]
    roles: list[str]
    sent: list[int]
    para: list[int]
    central: int
    rules: dict[int, tuple[int, str, str]]  # unit -> (target, kind, rule) the rules propose
    cover: list[str | None]  # the annotated unit each unit matches, if any
    gold: dict[tuple[str, str], str]  # (source, target) annotated -> support | attack


def read(items: list[dict[str, Any]], emb: Any) -> list[Text]:
    extractor = dc.DiscourseExtractor(emb)
    relater = dc.DiscourseRelations(
        emb, target_model=None
    )  # the rules: their proposals are features
    out = []
    for item in items:
        doc, _ = document_from_text(item["text"], f"{item['id']}.txt")
        ext = extractor.extract(doc)
        if len(ext.claims) < 2 or ext.units is None:
            continue
        idx = {c.id: k for k, c in enumerate(ext.claims)}
        rules: dict[int, tuple[int, str, str]] = {}
        for r in relater.relate(doc, ext):
            rules[idx[r.source]] = (idx[r.target], r.type, r.rule or "")
        spans = [(c.mentions[0].start, c.mentions[0].end) for c in ext.claims]
        gold_spans = {a["id"]: (a["start"], a["end"]) for a in item["adus"]}
        cover: list[str | None] = []
        for s in spans:
            best, bo = None, 0.5
            for aid, g in gold_spans.items():
                o = overlap(s, g)
                if o >= bo:
                    best, bo = aid, o
            cover.append(best)
        out.append(
            Text(
                item,
                [c.text for c in ext.claims],
                spans,
                [u.role.value for u in ext.units],
                [u.sentence for u in ext.units],
                [u.paragraph for u in ext.units],
                ext.central_index(),
                rules,
                cover,
                {(r["source"], r["target"]): r["type"] for r in item["relations"]},
            )
        )
    return out


def gold_target(t: Text, i: int) -> int | None:
    """The unit that covers the annotated target of the unit ``i`` covers, if both are found."""
    a = t.cover[i]
    if a is None:
        return None
    for (s, g), _ in t.gold.items():
        if s == a:
            for j, b in enumerate(t.cover):
                if b == g and j != i:
                    return j
    return None


def gold_type(t: Text, i: int, j: int) -> str | None:
    a, b = t.cover[i], t.cover[j]
    return t.gold.get((a, b)) if a and b else None


def context(t: Text, vecs: np.ndarray) -> TargetContext:
    return TargetContext(
        t.units, t.roles, t.sent, t.para, t.central, t.rules if USE_RULES else {}, vecs
    )


def rows(texts: list[Text], vecs: dict[str, np.ndarray]):
    X, y, g, TX, ty = [], [], [], [], []
    for k, t in enumerate(texts):
        v = context(t, vecs[t.item["id"]])
        for i in range(len(t.units)):
            if i == t.central:
                continue
            tgt = gold_target(t, i)
            if tgt is None:
                continue
            others = [j for j in range(len(t.units)) if j != i]
            block = pair_rows(v, i, others, cue_matrix(v))
            X.extend(block if USE_VECTORS else block[:, : block.shape[1] - v.vecs.shape[1]])
            y.extend(int(j == tgt) for j in others)
            g.extend(k for _ in others)
            typ = gold_type(t, i, tgt)
            if typ:
                TX.append(type_features(v, i, tgt))
                ty.append(int(typ == "attack"))
    return np.array(X), np.array(y), np.array(g), np.array(TX), np.array(ty)


def as_model(attach: Any, typer: Any, **meta: Any) -> TargetModel:
    return TargetModel(
        attach.coef_[0], attach.intercept_[0], typer.coef_[0], typer.intercept_[0], meta
    )


def decode(
    t: Text, v: np.ndarray, model: TargetModel, types: str = "roles"
) -> dict[int, tuple[int, str]]:
    """Targets as a maximum spanning arborescence rooted at the main claim (the package's)."""
    kind = {"supports": "support", "attacks": "attack"}
    tree = decode_tree(context(t, v), model, types)
    return {i: (j, kind[k]) for i, (j, k, _p) in tree.items()}


def score(texts: list[Text], predicted: list[dict[int, tuple[int, str]]]) -> dict[str, float]:
    """Relation and attachment F1 the way the reference scorer counts them."""
    tp_rel = tp_att = n_pred = n_gold = 0
    for t, rel in zip(texts, predicted, strict=True):
        n_gold += len(t.gold)
        hit: set[tuple[str, str]] = set()
        for i, (j, typ) in rel.items():
            n_pred += 1
            a, b = t.cover[i], t.cover[j]
            if a and b and (a, b) in t.gold:
                tp_att += 1
                if t.gold[(a, b)] == typ and (a, b) not in hit:
                    hit.add((a, b))
                    tp_rel += 1

    def f1(tp: int) -> float:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"relation": f1(tp_rel), "attachment": f1(tp_att)}


def rules_of(t: Text) -> dict[int, tuple[int, str]]:
    kind = {"supports": "support", "attacks": "attack"}
    return {i: (j, kind.get(k, k)) for i, (j, k, _) in t.rules.items()}


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--C", default="0.5", help="regularisation; several, comma-separated, to compare"
    )
    ap.add_argument("--curve", action="store_true", help="figures at 250, 500, 1,000, all texts")
    ap.add_argument("--out", help="save the model fit on all training texts (first --C) here")
    ap.add_argument("--no-vectors", action="store_true", help="no MiniLM products in the pair rows")
    ap.add_argument("--no-rules", action="store_true", help="leave the rules' proposals out")
    ap.add_argument(
        "--texts", type=Path, default=PROJECT_TEXTS, help="folder of annotated texts to read"
    )
    args = ap.parse_args(argv)
    global USE_RULES, USE_VECTORS
    USE_RULES = not args.no_rules
    USE_VECTORS = not args.no_vectors
    items = project_texts("all", args.texts)
    emb = CachedEmbedder(SentenceTransformerEmbedder("all-MiniLM-L6-v2"))
    texts = read(items, emb)
    vecs = {}
    for t in texts:
        v = np.asarray(emb.encode(t.units), dtype=np.float32)
        vecs[t.item["id"]] = v / np.linalg.norm(v, axis=1, keepdims=True).clip(1e-8)
    train = [t for t in texts if not held_out(t.item)]
    test = [t for t in texts if held_out(t.item)]
    print(
        f"{len(items)} texts ({len({i['topic'] for i in items})} topics): "
        f"{len(train)} train, {len(test)} held out (segmented with at least two units)"
    )
    for name, part in (("train", train), ("held-out", test)):
        found = sum(sum(1 for c in t.cover if c) for t in part)
        gold_units = sum(len(t.item["adus"]) for t in part)
        both = sum(sum(1 for a, b in t.gold if a in t.cover and b in t.cover) for t in part)
        n_rel = sum(len(t.gold) for t in part)
        print(
            f"{name}: units matched {found}/{gold_units}, relations with both ends found "
            f"{both}/{n_rel} (the ceiling of attachment recall)"
        )
    print(f"rules    held-out {score(test, [rules_of(t) for t in test])}")
    by_genre: dict[str, list[Text]] = {}
    for t in test:
        by_genre.setdefault(t.item.get("genre", "short"), []).append(t)
    for g, part in sorted(by_genre.items()):
        print(
            f"  rules on held-out {g:10} ({len(part)} texts) {score(part, [rules_of(t) for t in part])}"
        )
    sizes = [250, 500, 1000, len(train)] if args.curve else [len(train)]
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(train))
    for size, C in [(n, float(c)) for n in sizes for c in args.C.split(",")]:
        if size > len(train):
            continue
        part = [train[k] for k in order[:size]]
        X, y, _, TX, ty = rows(part, vecs)
        attach = LogisticRegression(C=C, max_iter=4000, class_weight="balanced").fit(X, y)
        typer = LogisticRegression(C=C, max_iter=4000).fit(TX, ty)
        model = as_model(attach, typer)
        typed = [decode(t, vecs[t.item["id"]], model, "model") for t in test]
        print(f"  types from the type model instead of the roles: held-out {score(test, typed)}")
        pred = [decode(t, vecs[t.item["id"]], model) for t in test]
        fit_pred = [decode(t, vecs[t.item["id"]], model) for t in part[:200]]
        print(
            f"learned ({size} texts, C={C}) held-out {score(test, pred)}  "
            f"train {score(part[:200], fit_pred)} (rules {score(part[:200], [rules_of(t) for t in part[:200]])})"
        )
        if args.out and size == len(train) and float(args.C.split(",")[0]) == C:
            if not (USE_RULES and USE_VECTORS):
                raise SystemExit("--out saves the shipped kind of model: rules and vectors in")
            as_model(
                attach,
                typer,
                embedder=emb.name,
                C=C,
                seed=SEED,
                max_units=MAX_UNITS,
                trained_on=f"data/labelled/texts, {len(train)} texts on training topics",
            ).save(args.out)
            print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
