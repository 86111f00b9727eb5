"""The question a map's documents debate: given by the user, or read from the documents.

Read from the documents in two ways, the first that works:
1. a question they share: a title or an opening question that asks the same thing (close in
   meaning) in at least two documents -- or in the only document there is;
2. the proposition their main claims take sides on: the main claim that most other documents'
   main claims support, attack or restate, as the judge reads them.
When neither holds, the map says the documents share no question; it does not invent one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from argmap.model.amap import ArgumentMap
from argmap.units.cues import is_question

SHARED_QUESTION = 0.75
"""Two questions ask the same thing when their vectors are this close (all-MiniLM-L6-v2)."""

PROPOSITION_FLOOR = 0.45
"""A main claim takes a side on another's proposition only if the two are at least this close:
the judge is asked only about pairs on one subject."""


@dataclass(frozen=True)
class Question:
    text: str | None
    given: bool
    confidence: float
    source: str  # given | shared-question | opening-question | main-claims | none
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "given": self.given,
            "confidence": round(self.confidence, 4),
            "source": self.source,
        }
        if self.reason:
            d["reason"] = self.reason
        return d


def given(text: str) -> Question:
    return Question(" ".join(text.split()), True, 1.0, "given")


def _candidates(amap: ArgumentMap) -> list[tuple[str, str]]:
    """(document id, question text): titles that ask, and questions a document opens with."""
    out: list[tuple[str, str]] = []
    for d in amap.documents.values():
        if d.title and is_question(d.title):
            out.append((d.id, " ".join(d.title.split())))
    for c in amap.claims_by_id.values():
        meta = c.metadata or {}
        if not is_question(c.text) or meta.get("paragraph", 1) != 0:
            continue
        for m in c.mentions[:1]:
            text = amap.documents[m.document].text[m.start : m.end]
            out.append((m.document, " ".join(text.split())))
    return list(dict.fromkeys(out))


def infer(amap: ArgumentMap, embedder: Any, judge: Any) -> Question:
    """The question the documents share, or a Question with ``text=None`` saying why not."""
    n_docs = max(1, len(amap.documents))
    cands = _candidates(amap)
    if cands:
        vecs = embedder.encode([t for _, t in cands])
        best: tuple[int, int] | None = None  # (documents covered, index)
        for i, (_, _t) in enumerate(cands):
            close = vecs @ vecs[i] >= SHARED_QUESTION
            docs = {cands[j][0] for j in np.flatnonzero(close)}
            if best is None or len(docs) > best[0]:
                best = (len(docs), i)
        assert best is not None
        covered, i = best
        if covered >= 2 or n_docs == 1:
            source = "shared-question" if covered >= 2 else "opening-question"
            return Question(cands[i][1], False, covered / n_docs, source)
    mains = amap.main_claims()
    if len(mains) >= 2:
        found = _proposition(mains, embedder, judge)
        if found is not None:
            text, share = found
            return Question(text, False, share, "main-claims")
    return Question(
        None,
        False,
        0.0,
        "none",
        "the documents share no title or opening question, and their main claims take no "
        "sides on one proposition",
    )


def _proposition(mains: Sequence[Any], embedder: Any, judge: Any) -> tuple[str, float] | None:
    """The main claim the most other main claims take a side on, with the share that do."""
    texts = [c.text for c in mains]
    vecs = embedder.encode(texts)
    sims = vecs @ vecs.T
    pairs = [
        (i, j)
        for i in range(len(texts))
        for j in range(len(texts))
        if i != j and sims[i, j] >= PROPOSITION_FLOOR
    ]
    if not pairs:
        return None
    verdicts = judge.judge([(texts[i], texts[j]) for i, j in pairs])
    taking: dict[int, int] = {}
    for (_i, j), v in zip(pairs, verdicts, strict=True):
        if v.label != "unrelated":
            taking[j] = taking.get(j, 0) + 1
    if not taking:
        return None
    j = max(taking, key=lambda k: (taking[k], float(sims[k].sum())))
    others = len(texts) - 1
    if taking[j] * 2 < others:
        return None  # fewer than half of the other documents argue about it
    return texts[j], taking[j] / others
