"""Train the main-claim ranker on the project's annotated texts; report held-out figures.

    .venv/bin/python bench/train_central.py            # train, print figures, write the weights
    .venv/bin/python bench/train_central.py --dry-run  # figures only
    .venv/bin/python bench/train_central.py --texts MY_TEXTS --out my-ranker.json
        # your own annotated genre; then: argmap build DOCS --main-claim-model my-ranker.json

Texts: ``data/labelled/texts/*.json``, written and annotated for this project (see
``data/labelled/GUIDELINES.md``). A text is held out when its topic is (``argmap.evaluate.held_out_topic``,
``crc32(topic) % 5 == 0``: whole topics, the split ``argmap eval --held-out`` scores), the same
ones every run. The ranker is fit on the rest and written to
``argmap/resources/central_model.json``. Printed: how often the annotated main claim is chosen on
the held-out texts by the hand-set rules, by the ranker alone, by the ranker with the lead
prior, and by that with the split's other texts read together ("+ peers": the shipped choice in a
build of several documents, ``dc.PEER_WEIGHT``); and, when the reference scorer is beside the development set, its figures on the held-out
texts for the rules and for the shipped choice. The development set itself is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder  # noqa: E402
from argmap.evaluate import held_out_topic, locate, overlap, score  # noqa: E402
from argmap.ingest import document_from_text  # noqa: E402
from argmap.parse import discourse as dc  # noqa: E402
from argmap.parse.ranker import fit  # noqa: E402
from argmap.pipeline import Pipeline  # noqa: E402

TEXTS = ROOT / "data" / "labelled" / "texts"
WEIGHTS = ROOT / "argmap" / "resources" / "central_model.json"
SCORER = ROOT.parent / "shared" / "dev-eval" / "score.py"


def held_out(item: dict[str, Any]) -> bool:
    return held_out_topic(str(item.get("topic", "")))


def annotated_central(item: dict[str, Any], text: str, spans: list[tuple[int, int]]) -> int | None:
    """The unit matching the annotated main claim (overlap >= half the union, as the scorer
    matches), or None when segmentation found no such unit."""
    central = next(a for a in item["adus"] if a.get("central"))
    r = locate(text, central["text"])
    if r is None or not spans:
        return None
    best = max(range(len(spans)), key=lambda k: overlap(spans[k], r))
    return best if overlap(spans[best], r) >= 0.5 else None


def _shown(path: Path) -> str:
    p = path.resolve()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dry-run", action="store_true", help="print figures, do not write weights")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1.0)")
    ap.add_argument(
        "--texts",
        type=Path,
        default=TEXTS,
        help="folder of annotated *.json texts (default data/labelled/texts)",
    )
    ap.add_argument(
        "--out",
        type=Path,
        default=WEIGHTS,
        help="where to write the weights (default: the shipped argmap/resources/central_model.json;"
        " use another file with argmap build --main-claim-model FILE)",
    )
    ap.add_argument(
        "--genres",
        default="plain",
        help="which texts to fit on, comma-separated: 'plain' (the first 210 texts, plain "
        "prose with no genre field; the default, since the ranker serves short texts only, "
        "LEARNED_CENTRAL_MAX_UNITS, and fitting it on the genre texts measured worse on both "
        "the development set and the held-out topics), genre names, or 'all'",
    )
    args = ap.parse_args()

    files = sorted(args.texts.glob("*.json"))
    if not files:
        ap.error(f"{args.texts}: no annotated *.json texts there")
    items = [i for f in files for i in json.loads(f.read_text("utf-8"))]
    wanted = set(args.genres.split(","))
    if "all" not in wanted:
        items = [i for i in items if i.get("genre", "plain") in wanted]
    emb = CachedEmbedder(SentenceTransformerEmbedder("all-MiniLM-L6-v2"))
    rules = dc.DiscourseExtractor(emb, central_model=None)
    split: dict[str, list[Any]] = {"train": [], "test": []}
    for item in items:
        doc, _ = document_from_text(item["text"], f"{item['id']}.txt")
        units = dc.analyse_units(doc)
        gold = annotated_central(item, doc.text, [(u.unit.start, u.unit.end) for u in units])
        if gold is None:
            continue
        lead = dc.lead_unit(units)
        sims = rules._centroid_sims(units)
        rows = dc.central_features(units, sims, lead)
        split["test" if held_out(item) else "train"].append(
            (item, doc, units, sims, rows, lead, gold)
        )

    # fit over the candidates the ranker will see: units never_central are passed over there
    groups = []
    for *_, units, _sims, rows, _lead, gold in split["train"]:
        keep = [k for k in range(len(units)) if not dc.never_central(units, k)]
        if gold in keep:
            groups.append((rows[keep], keep.index(gold)))
    model = fit(groups, dc.CENTRAL_FEATURES, l2=args.l2)
    print(
        f"texts with a main claim the segmenter found: {len(split['train'])} train "
        f"({len(groups)} fit), {len(split['test'])} held out"
    )
    shipped = dc.DiscourseExtractor(emb, central_model=model)
    for name in ("train", "test"):
        data = split[name]
        hits = {"rules": 0, "ranker": 0, "ranker + lead prior": 0, "+ peers": 0}
        # the texts of one split read together, as a build reads its documents
        shipped.prepare([doc for _, doc, *_ in data])
        for _, doc, units, sims, _rows, lead, gold in data:
            hits["rules"] += rules.choose_central(units) == gold
            hits["ranker"] += dc.rank_central(model, units, sims, lead, 0.0) == gold
            hits["ranker + lead prior"] += (
                dc.rank_central(model, units, sims, lead, dc.LEAD_PRIOR) == gold
            )
            hits["+ peers"] += shipped.choose_central(units, shipped.peers_of(doc.id)) == gold
        shipped.prepare([])
        figures = ", ".join(f"{k} {v / max(1, len(data)):.3f}" for k, v in hits.items())
        print(f"main claim chosen correctly, {name:5}: {figures}")
    if not args.dry_run:
        model.dump(
            args.out,
            trained_on=f"{_shown(args.texts)} ({args.genres}), topics with crc32(topic) % 5 != 0",
            texts=len(groups),
            l2=args.l2,
        )
        print(f"wrote {args.out}")
    if SCORER.is_file():
        _score_held_out(split["test"], emb, model)
    print("weights:")
    for name, w in zip(model.features, model.weights, strict=True):
        print(f"  {name:20} {w:+.3f}")
    return 0


def _score_held_out(test: list[Any], emb: Any, model: Any) -> None:
    gold = [item for item, *_ in test]
    docs = [doc for _, doc, *_ in test]
    with tempfile.TemporaryDirectory() as tmp:
        gpath = Path(tmp) / "gold.json"
        gpath.write_text(json.dumps(gold), encoding="utf-8")
        for name, ranker in (("rules", None), ("ranker", model)):
            extractor = dc.DiscourseExtractor(emb, central_model=ranker)
            amap = Pipeline.default(embedder=emb, extractor=extractor, crossdoc=None).run(docs)
            mpath = Path(tmp) / f"{name}.json"
            amap.save(mpath)
            res = score(gpath, mpath, SCORER)
            print(
                f"held-out texts, reference scorer, {name:6}: ADU {res['adu_f1']:.3f}  "
                f"relation {res['rel_f1']:.3f}  attachment {res['attach_f1']:.3f}  "
                f"counterclaim {res['opp_f1']:.3f}"
            )


if __name__ == "__main__":
    sys.exit(main())
