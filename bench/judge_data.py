"""Examples for the judge and the stance head, read from ``data/judge/topics/*.json``.

A topic is held out when ``crc32(id) % 5 == 0``: whole questions, never single pairs, so a
held-out figure says how the judge does on a debate it has never seen.

From each topic come
- the written pairs, labelled same / supports / attacks / unrelated (``pairs``);
- every claim against every phrasing of the question, its side flipped for a reversed phrasing
  (``stance``: pro / con / neutral);
- for the pair judge, each claim against one phrasing of the question (yes answers support it,
  no answers attack it, claims on neither side are unrelated), two phrasings of the question
  with the same polarity (same) and with opposite polarity (attacks): ``derived`` pairs, so the
  judge answers questions as the stance head does.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

TOPICS = Path(__file__).resolve().parent.parent / "data" / "judge" / "topics"
FLIP = {"pro": "con", "con": "pro", "neutral": "neutral"}
AS_PAIR = {"pro": "supports", "con": "attacks", "neutral": "unrelated"}


@dataclass(frozen=True)
class Example:
    a: str
    b: str
    label: str
    topic: str
    kind: str  # the pair's case, "stance/<form>", or "derived/..."


def held_out(topic_id: str) -> bool:
    return zlib.crc32(topic_id.encode("utf-8")) % 5 == 0


def load_topics(folder: Path = TOPICS) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def pair_examples(topic: dict) -> list[Example]:
    return [Example(p["a"], p["b"], p["label"], topic["id"], p["case"]) for p in topic["pairs"]]


def stance_examples(topic: dict) -> list[Example]:
    out = []
    for m in topic["motions"]:
        for c in topic["claims"]:
            label = c["stance"] if m["polarity"] == 1 else FLIP[c["stance"]]
            out.append(Example(c["text"], m["text"], label, topic["id"], "stance/" + m["form"]))
    return out


def derived_pairs(topic: dict) -> list[Example]:
    motions = topic["motions"]
    out = []
    for i, c in enumerate(topic["claims"]):
        m = motions[i % len(motions)]
        side = c["stance"] if m["polarity"] == 1 else FLIP[c["stance"]]
        out.append(Example(c["text"], m["text"], AS_PAIR[side], topic["id"], "derived/claim"))
    for i, m in enumerate(motions):
        for n in motions[i + 1 :]:
            label = "same" if m["polarity"] == n["polarity"] else "attacks"
            out.append(Example(m["text"], n["text"], label, topic["id"], "derived/motions"))
    return out


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    train = [e for e in examples if not held_out(e.topic)]
    test = [e for e in examples if held_out(e.topic)]
    return train, test


def macro_f1(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    """F1 per label and their mean (``macro``)."""
    out: dict[str, float] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        out[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    out["macro"] = sum(out[lab] for lab in labels) / len(labels)
    return out
