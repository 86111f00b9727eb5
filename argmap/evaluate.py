"""Evaluation against gold argument annotations (microtext-style JSON), with the reference scorer.

Each gold item's text is written to ``<id>.txt`` so that the scorer can match documents by file
stem, the map is built with the given pipeline, and the scorer's figures are returned.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.model.amap import ArgumentMap
from argmap.pipeline import Pipeline, build


def find_scorer(gold: Path, scorer: str | Path | None = None) -> Path:
    path = Path(scorer) if scorer else gold.parent / "score.py"
    if not path.is_file():
        raise ArgmapError(f"reference scorer not found at {path}; pass --scorer PATH")
    return path


def write_gold_texts(gold: Path, folder: Path) -> int:
    try:
        items = json.loads(gold.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ArgmapError(f"{gold}: cannot read gold file ({e})") from e
    if not isinstance(items, list) or not all("id" in i and "text" in i for i in items):
        raise ArgmapError(f"{gold}: expected a JSON list of items with 'id' and 'text'")
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


def evaluate(
    gold: str | Path,
    pipeline: Pipeline | None = None,
    out: str | Path | None = None,
    scorer: str | Path | None = None,
) -> tuple[dict[str, Any], ArgumentMap]:
    gold = Path(gold)
    scorer_path = find_scorer(gold, scorer)
    with tempfile.TemporaryDirectory(prefix="argmap-eval-") as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        write_gold_texts(gold, folder)
        amap = build([folder], pipeline=pipeline)
        map_path = Path(out) if out else Path(tmp) / "map.json"
        amap.save(map_path)
        return score(gold, map_path, scorer_path), amap
