"""Where each lexicon entry comes from: a project text that shows it doing its list's job.

An entry's ``from`` names the text (``data/labelled/texts/<file>#<id>`` for an annotated text,
``data/judge/topics/<file>#<claim id>`` or ``#pair<n>`` for the judge's corpus) and ``quote``
holds the words there that it matches, so a reader can see why it is in the list and a test can
check that it still matches. Only training topics count: an entry seen only in held-out texts,
the development set or the seeds has nothing behind it but the figures it was fitted to.

``bench/lexicon_sources.py`` fills in the entries that lack a source and lists the ones no
training text shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.ids import held_out_topic
from argmap.lang import bounded, lexicon, not_followed_by

QUOTE_CHARS = 160


@dataclass(frozen=True)
class Passage:
    """A piece of a training text: an annotated unit, or a judge claim."""

    source: str  # data/labelled/texts/short-3.json#t12, data/judge/topics/x.json#c4
    text: str


def entry_pattern(kind: str, entry: dict[str, Any]) -> re.Pattern[str] | None:
    """What an entry matches in a passage, read as its list's kind reads it; None for pairs."""
    if kind == "pairs":
        return None
    text = entry["text"]
    after = not_followed_by(entry.get("not_before"))
    if kind == "prefixes":
        return re.compile(rf"\b{re.escape(text)}[a-z]{{3,}}", re.I)
    if kind == "suffixes":
        return re.compile(rf"[a-z]{{3,}}{re.escape(text)}\b", re.I)
    if kind == "starts":
        return re.compile(rf"^\W*{bounded(text)}{after}", re.I)
    return re.compile(rf"\b{bounded(text)}{after}", re.I)


def labelled_passages(root: Path, whole: bool = False) -> Iterator[Passage]:
    """The units of the annotated training texts, in file and text order; ``whole``: each text
    entire instead (headings and list marks are in no unit)."""
    for path in sorted((root / "data" / "labelled" / "texts").glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            adus = item.get("adus", [])
            if held_out_topic(str(item.get("topic", ""))) or not all("start" in a for a in adus):
                continue
            source = f"data/labelled/texts/{path.name}#{item['id']}"
            if whole:
                yield Passage(source, item["text"])
                continue
            for adu in adus:
                yield Passage(source, item["text"][adu["start"] : adu["end"]])


def _judge_topics(root: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """The judge corpora's training questions: ``topics/``, ``incoming/`` (written, not yet
    trained on) and the motions batches."""
    judge = root / "data" / "judge"
    found: list[tuple[str, dict[str, Any]]] = []
    for folder in ("topics", "incoming"):
        for path in sorted((judge / folder).glob("*.json")):
            found.append((f"data/judge/{folder}/{path.name}", json.loads(path.read_text("utf-8"))))
    for path in sorted((judge / "motions").glob("m*.json")):
        for n, question in enumerate(json.loads(path.read_text("utf-8"))["questions"]):
            found.append((f"data/judge/motions/{path.name}#q{n}", question))
    for name, topic in found:
        if held_out_topic(topic["id"]):
            continue  # the judge corpus's held-out questions (its split hashes the id)
        yield name, topic


def _claims(topic: dict[str, Any]) -> list[tuple[str, str]]:
    return [(str(c.get("id", f"c{n}")), c["text"]) for n, c in enumerate(topic.get("claims", []))]


def judge_passages(root: Path) -> Iterator[Passage]:
    """The training questions' motions and claims."""
    for name, topic in _judge_topics(root):
        for n, motion in enumerate(topic.get("motions", [])):
            yield Passage(f"{name}#motion{n}", motion["text"])
        for cid, text in _claims(topic):
            yield Passage(f"{name}#{cid}", text)


def judge_pairs(root: Path) -> Iterator[tuple[str, str, str]]:
    """Labelled pairs, then any two claims on one training question (where antonyms meet:
    one side says "raises", the other "lowers")."""
    topics = list(_judge_topics(root))
    for name, topic in topics:
        for n, pair in enumerate(topic.get("pairs", [])):
            yield f"{name}#pair{n}", pair["a"], pair["b"]
    for name, topic in topics:
        claims = _claims(topic)
        for i, (ca, a) in enumerate(claims):
            for cb, b in claims[i + 1 :]:
                yield f"{name}#{ca},{cb}", a, b


def unit_pairs(root: Path) -> Iterator[tuple[str, str, str]]:
    """Any two units of one annotated training text (an objection says "safe", its answer
    "unsafe")."""
    by_text: dict[str, list[str]] = {}
    for p in labelled_passages(root):
        by_text.setdefault(p.source, []).append(p.text)
    for source, units in by_text.items():
        for i, a in enumerate(units):
            for j in range(i + 1, len(units)):
                yield f"{source}@{i},{j}", a, units[j]


def _quote(text: str, m: re.Match[str]) -> str:
    """The words around a match, on its line and at most QUOTE_CHARS long, cut at word ends."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start <= QUOTE_CHARS:
        return text[line_start:line_end].strip()
    room = max(0, (QUOTE_CHARS - (m.end() - m.start())) // 2)
    s, e = max(line_start, m.start() - room), min(line_end, m.end() + room)
    while s < m.start() and s > 0 and not text[s - 1].isspace():
        s += 1  # start at a word, never inside the match
    while e > m.end() and e < len(text) and not text[e].isspace():
        e -= 1
    return text[s:e].strip()


def find_source(
    kind: str, entry: dict[str, Any], passages: list[Passage], pairs: list[tuple[str, str, str]]
) -> dict[str, Any] | None:
    """The first training passage that shows ``entry`` at work, as ``{"from", "quote"}``."""
    if kind == "pairs":
        a, b = (re.compile(rf"\b{re.escape(w)}\b", re.I) for w in entry["pair"])
        for source, x, y in pairs:
            if (a.search(x) and b.search(y)) or (b.search(x) and a.search(y)):
                return {"from": source, "quote": [x, y]}
        return None
    pattern = entry_pattern(kind, entry)
    assert pattern is not None
    for p in passages:
        m = pattern.search(p.text)
        if m:
            return {"from": p.source, "quote": _quote(p.text, m)}
    return None


def problems(root: Path, language: str = "en") -> list[str]:
    """What is wrong with the lexicon's sources: an entry with none, one whose quote is not in
    the text it names, whose text is held out, or which the entry does not match."""
    texts: dict[str, str | tuple[str, str]] = {}
    units: dict[str, list[str]] = {}
    for p in labelled_passages(root, whole=True):
        texts[p.source] = p.text
    for p in labelled_passages(root):
        units.setdefault(p.source, []).append(p.text)
    for p in judge_passages(root):
        texts[p.source] = p.text
    for source, a, b in [*judge_pairs(root), *unit_pairs(root)]:
        texts[source] = (a, b)
    out: list[str] = []
    for name, lst in lexicon(language).items():
        kind = lst["kind"]
        seen: set[str] = set()
        for e in lst["entries"]:
            label = f"{name}: {e.get('text', e.get('pair'))!r}"
            key = json.dumps(e.get("text", e.get("pair")))
            if key in seen:
                out.append(f"{label} is listed twice")
            seen.add(key)
            where, quote = e.get("from"), e.get("quote")
            if not where or not quote:
                out.append(f"{label} names no source")
                continue
            have = texts.get(where)
            if have is None:
                out.append(f"{label} cites {where}, which is no training text")
                continue
            if kind == "pairs":
                if not isinstance(have, tuple) or list(have) != list(quote):
                    out.append(f"{label}: the quote is not the pair {where}")
                elif find_source(kind, e, [], [(where, *have)]) is None:
                    out.append(f"{label} is not in the pair it cites")
                continue
            if not isinstance(have, str) or quote not in have:
                out.append(f"{label}: the quote is not in {where}")
                continue
            pattern = entry_pattern(kind, e)
            if pattern is None or not pattern.search(quote):
                out.append(f"{label} does not match its quote")
            elif (
                kind == "starts"
                and where in units
                and not any(u.startswith(quote) for u in units[where])
            ):
                out.append(f"{label}: its quote opens no unit of {where}")
    return out
