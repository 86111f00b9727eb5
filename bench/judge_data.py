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

import argparse
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

TOPICS = Path(__file__).resolve().parent.parent / "data" / "judge" / "topics"
VALENCE = TOPICS.parent / "valence"
MOTIONS = TOPICS.parent / "motions"
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


def validation(topic_id: str) -> bool:
    """A training topic that chooses settings (epochs, regularisation), never fitted on then."""
    return zlib.crc32(topic_id.encode("utf-8")) % 5 == 1


def load_topics(folder: Path = TOPICS) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def add_weights_option(ap: argparse.ArgumentParser) -> None:
    """``--weights``: the cross judge weights a bench measures instead of the shipped ones,
    comma-separated to average several."""
    ap.add_argument(
        "--weights",
        type=lambda v: v.split(","),
        help="cross judge weights to measure, comma-separated to average several "
        "(default: the shipped)",
    )


def load_motions(folder: Path = MOTIONS) -> list[dict]:
    """The questions of ``data/judge/motions`` (many motions, a dozen sided claims each) as
    topic dicts without pairs, so every reader of topics reads them too. Claims get the ids
    ``c1``, ``c2``, ... a topic file would give them."""
    out = []
    for p in sorted(folder.glob("*.json")):
        for q in json.loads(p.read_text(encoding="utf-8"))["questions"]:
            claims = [{**c, "id": f"c{i}"} for i, c in enumerate(q["claims"], 1)]
            out.append({**q, "topic": q["id"], "claims": claims, "pairs": []})
    return out


@dataclass(frozen=True)
class Reading:
    """A sided claim against one phrasing of its question, split as ``data/judge/valence``
    annotates it: does the claim praise it (``good``), and would this phrasing bring the
    thing it evaluates (``for``; flipped for a reversed phrasing, as the side is)."""

    topic: str
    claim: str
    motion: str
    primary: bool  # the question's first phrasing, the one the annotators read
    good: bool
    for_: bool
    pro: bool


def valence_readings(topics: list[dict], folder: Path = VALENCE) -> list[Reading]:
    out = []
    for t in topics:
        path = folder / f"{t['id']}.json"
        if not path.is_file():
            continue
        ann = {e["id"]: e for e in json.loads(path.read_text(encoding="utf-8"))["claims"]}
        for c in t["claims"]:
            e = ann.get(c["id"])
            if c["stance"] == "neutral" or e is None or "stance_disputed" in e:
                continue
            for m in t["motions"]:
                keep = m["polarity"] == 1
                out.append(
                    Reading(
                        t["id"],
                        c["text"],
                        m["text"],
                        m is t["motions"][0],
                        e["valence"] == "good",
                        (e["motion_view"] == "for") == keep,
                        (c["stance"] == "pro") == keep,
                    )
                )
    return out


def pair_examples(topic: dict) -> list[Example]:
    return [Example(p["a"], p["b"], p["label"], topic["id"], p["case"]) for p in topic["pairs"]]


def stance_examples(topic: dict) -> list[Example]:
    out = []
    for m in topic["motions"]:
        for c in topic["claims"]:
            label = c["stance"] if m["polarity"] == 1 else FLIP[c["stance"]]
            out.append(Example(c["text"], m["text"], label, topic["id"], "stance/" + m["form"]))
    return out


def pair_stance_examples(topic: dict) -> list[Example]:
    """More stance examples from the written pairs: a sentence that is the same as, or supports,
    a sided claim takes its side; one that attacks it takes the other side. So do answers to a
    phrasing of the question. Sentences that are claims already, and pairs whose b has no side,
    add nothing."""
    side = {c["text"]: c["stance"] for c in topic["claims"]}
    polarity = {m["text"]: m["polarity"] for m in topic["motions"]}
    found: dict[str, str] = {}
    for p in topic["pairs"]:
        a, b, label = p["a"], p["b"], p["label"]
        if a in side or a in polarity or label == "unrelated":
            continue
        if side.get(b) in ("pro", "con"):
            s = side[b]
        elif b in polarity:
            s = "pro" if polarity[b] == 1 else "con"
        else:
            continue
        s = FLIP[s] if label == "attacks" else s
        if found.setdefault(a, s) != s:
            found[a] = "?"  # pulled both ways: leave it out
    out = []
    for a, s in found.items():
        if s == "?":
            continue
        for m in topic["motions"]:
            label = s if m["polarity"] == 1 else FLIP[s]
            out.append(Example(a, m["text"], label, topic["id"], "pair-stance/" + m["form"]))
    return out


def motion_stance_examples(topic: dict) -> list[Example]:
    """Each phrasing of the question read as a claim against every other phrasing: ``pro``
    when their polarities agree, ``con`` when one is reversed. A document's main claim is often
    just such a restatement ("AI models should be open"), and nothing else in the corpus shows
    the stance head a claim whose side is the motion's own direction."""
    out = []
    for m in topic["motions"]:
        for n in topic["motions"]:
            if m is n:
                continue
            label = "pro" if m["polarity"] == n["polarity"] else "con"
            out.append(
                Example(m["text"], n["text"], label, topic["id"], "motion-stance/" + n["form"])
            )
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


def cross_topic_examples(topics: list[dict], per_topic: int = 12, seed: int = 13) -> list[Example]:
    """Sentences from two different questions are unrelated, and a claim on another question is
    neutral toward this one: ``per_topic`` of each, drawn with a fixed seed. Only ever drawn
    within one side of the split (pass training topics only), so no held-out text leaks in."""
    import random

    rng = random.Random(seed)
    out = []
    for t in topics:
        others = [o for o in topics if o["id"] != t["id"]]
        if not others:
            continue
        for i in range(per_topic):
            mine = t["claims"][i % len(t["claims"])]["text"]
            other = rng.choice(others)
            theirs = rng.choice(other["claims"])["text"]
            out.append(Example(mine, theirs, "unrelated", t["id"], "derived/other-topic"))
            motion = rng.choice(t["motions"])["text"]
            out.append(Example(theirs, motion, "neutral", t["id"], "stance-other-topic"))
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
