"""Evaluation against gold argument annotations (microtext-style JSON).

Each gold item's text is written to ``<id>.txt`` so that documents match gold items by file stem,
the map is built with the given pipeline, and the figures are returned. Two gold sets matter: the
development set a user points at (scored by the reference scorer beside it), and the project's
own annotated texts on held-out topics (``data/labelled/texts``), the gate a change must pass.
Those are scored by :func:`score_items`, which follows the reference scorer's documented rules
(a mention matches a gold unit it overlaps by half their union; relations labelled and
unlabelled; counterclaims from ``con`` claims), so the gate needs nothing outside the checkout.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.ids import HELD_OUT_SHARE as HELD_OUT_SHARE
from argmap.ids import held_out_topic as held_out_topic
from argmap.model.amap import ArgumentMap
from argmap.pipeline import Pipeline, build

PROJECT_TEXTS = Path(__file__).resolve().parent.parent / "data" / "labelled" / "texts"


def project_texts(split: str = "held-out", folder: Path = PROJECT_TEXTS) -> list[dict[str, Any]]:
    """The project's annotated texts of one split (``train``, ``held-out`` or ``all``). A text
    the checker has not yet filled in (no offsets: ``check_texts.py --write`` not run) is not
    part of the corpus yet and is left out."""
    if split not in ("train", "held-out", "all"):
        raise ArgmapError(f"split must be train, held-out or all, not {split!r}")
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise ArgmapError(
            f"the project's annotated texts are not at {folder} (they live in the source "
            "checkout, data/labelled/texts); pass a GOLD.json instead"
        )
    items: list[dict[str, Any]] = []
    for f in files:
        try:
            items.extend(json.loads(f.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as e:
            raise ArgmapError(f"{f}: cannot read annotated texts ({e})") from e
    items = [i for i in items if all("start" in a for a in i.get("adus", []))]
    if split == "all":
        return items
    return [i for i in items if held_out_topic(str(i.get("topic", ""))) == (split == "held-out")]


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared length over joint length: a mention matches a gold unit at 0.5 or more."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def locate(text: str, needle: str) -> tuple[int, int] | None:
    """Where a gold unit's text is in a stored text, allowing for changed white space."""
    i = text.find(needle)
    if i >= 0:
        return i, i + len(needle)
    m = re.search(r"\s+".join(re.escape(w) for w in needle.split()), text)
    return (m.start(), m.end()) if m else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


OPPONENT_STANCES = frozenset(["con", "against", "opponent", "counter", "counterclaim", "attack"])
RELATION_KIND = {"supports": "support", "attacks": "attack"}


def score_items(items: Iterable[dict[str, Any]], amap: dict[str, Any]) -> dict[str, Any]:
    """Unit, relation, attachment and counterclaim figures of a saved map (its JSON) against gold
    items, with the reference scorer's rules: each predicted mention matches the gold unit it
    overlaps most (at least half their union); a relation counts when both ends cover a gold
    relation's ends, once per gold relation for the labelled figure."""
    gold_by = {str(g["id"]): g for g in items}
    docs = {str(d["id"]): d for d in amap.get("documents", [])}
    stem = {
        did: re.sub(
            r"\.[A-Za-z0-9]+$", "", str(d.get("source") or did).replace("\\", "/").split("/")[-1]
        )
        for did, d in docs.items()
    }
    doc_of = {k: did for did, k in stem.items()}
    mentions: dict[str, list[tuple[str, tuple[int, int]]]] = defaultdict(list)
    stance = {}
    for c in amap.get("claims", []):
        stance[c["id"]] = str(c.get("stance") or "").lower()
        for m in c.get("mentions", []):
            key = stem.get(str(m.get("document")))
            if key in gold_by:
                mentions[key].append((c["id"], (int(m["start"]), int(m["end"]))))
    n: defaultdict[str, int] = defaultdict(int)
    for key, g in gold_by.items():
        did = doc_of.get(key)
        text = str(docs[did].get("text", "")) if did else ""
        n["docs"] += did is not None
        explicit = [a for a in g["adus"] if a.get("start") is not None]
        ranges = {}
        for a in explicit:
            r = locate(text, a["text"]) if text else None
            if r is not None:
                ranges[a["id"]] = r
        n["gold_units"] += len(explicit)
        found = mentions.get(key, [])
        n["pred_units"] += len(found)
        cover: dict[str, set[str]] = defaultdict(set)
        for cid, rng in found:
            best, top = None, 0.5
            for aid, gr in ranges.items():
                o = overlap(rng, gr)
                if o >= top:
                    best, top = aid, o
            if best:
                cover[cid].add(best)
        n["units_hit"] += len(set().union(*cover.values())) if cover else 0
        gold_rel = {(r["source"], r["target"]): r["type"] for r in g["relations"]}
        n["gold_rel"] += len(gold_rel)
        claims = {cid for cid, _ in found}
        hit: set[tuple[str, str]] = set()
        for r in amap.get("relations", []):
            s, t = r.get("source"), r.get("target")
            if s not in claims or t not in claims:
                continue
            n["pred_rel"] += 1
            kind = RELATION_KIND.get(r.get("type"), r.get("type"))
            labelled = attached = False
            for a in cover.get(s, ()):
                for b in cover.get(t, ()):
                    if (a, b) in gold_rel:
                        attached = True
                        if gold_rel[(a, b)] == kind and (a, b) not in hit:
                            hit.add((a, b))
                            labelled = True
            n["rel_hit"] += labelled
            n["attach_hit"] += attached
        opponents = {a["id"] for a in explicit if a.get("role") == "opponent" and a["id"] in ranges}
        n["gold_opp"] += len(opponents)
        for cid in claims:
            if stance.get(cid) in OPPONENT_STANCES:
                n["pred_opp"] += 1
                n["opp_hit"] += bool(cover.get(cid, set()) & opponents)
    res: dict[str, Any] = {
        "docs_found": f"{n['docs']}/{len(gold_by)}",
        "adu_precision": _ratio(n["units_hit"], n["pred_units"]),
        "adu_recall": _ratio(n["units_hit"], n["gold_units"]),
        "rel_precision": _ratio(n["rel_hit"], n["pred_rel"]),
        "rel_recall": _ratio(n["rel_hit"], n["gold_rel"]),
        "attach_f1": _f1(
            _ratio(n["attach_hit"], n["pred_rel"]), _ratio(n["attach_hit"], n["gold_rel"])
        ),
        "opp_precision": _ratio(n["opp_hit"], n["pred_opp"]),
        "opp_recall": _ratio(n["opp_hit"], n["gold_opp"]),
    }
    for k in ("adu", "rel", "opp"):
        res[f"{k}_f1"] = _f1(res[f"{k}_precision"], res[f"{k}_recall"])
    return res


def find_scorer(gold: Path, scorer: str | Path | None = None) -> Path:
    path = Path(scorer) if scorer else gold.parent / "score.py"
    if not path.is_file():
        raise ArgmapError(f"reference scorer not found at {path}; pass --scorer PATH")
    return path


def read_gold(gold: Path) -> list[dict[str, Any]]:
    try:
        items = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ArgmapError(f"{gold}: cannot read gold file ({e})") from e
    if not isinstance(items, list) or not all(
        isinstance(i, dict) and "id" in i and "text" in i for i in items
    ):
        raise ArgmapError(f"{gold}: expected a JSON list of items with 'id' and 'text'")
    return items


def write_gold_texts(gold: Path | list[dict[str, Any]], folder: Path) -> int:
    items = read_gold(gold) if isinstance(gold, Path) else gold
    for item in items:
        (folder / f"{item['id']}.txt").write_text(item["text"], encoding="utf-8")
    return len(items)


def score(gold: Path, map_path: Path, scorer: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(map_path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise ArgmapError(f"scorer failed: {proc.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@contextmanager
def _built(
    gold: Path | list[dict[str, Any]], pipeline: Pipeline | None, out: str | Path | None
) -> Iterator[tuple[ArgumentMap, Path]]:
    """The map of the gold texts, saved (to ``out`` or a temporary file), for a scorer to read."""
    with tempfile.TemporaryDirectory(prefix="argmap-eval-") as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        write_gold_texts(gold, folder)
        amap = build([folder], pipeline=pipeline)
        map_path = Path(out) if out else Path(tmp) / "map.json"
        amap.save(map_path)
        yield amap, map_path


def evaluate(
    gold: str | Path,
    pipeline: Pipeline | None = None,
    out: str | Path | None = None,
    scorer: str | Path | None = None,
) -> tuple[dict[str, Any], ArgumentMap]:
    gold = Path(gold)
    scorer_path = find_scorer(gold, scorer)
    with _built(gold, pipeline, out) as (amap, map_path):
        return score(gold, map_path, scorer_path), amap


def evaluate_items(
    items: list[dict[str, Any]],
    pipeline: Pipeline | None = None,
    out: str | Path | None = None,
) -> tuple[dict[str, Any], ArgumentMap]:
    """Build a map of gold items' texts and score it with :func:`score_items`."""
    with _built(items, pipeline, out) as (amap, map_path):
        return score_items(items, json.loads(map_path.read_text(encoding="utf-8"))), amap
