"""A content-keyed cache in front of any judge, so a map grown document by document never asks
the judge again about a claim (or pair) it has already read: the stance of every claim toward
the question is the largest model cost of a build after the encoder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from argmap.ids import digest
from argmap.judge.base import Verdict


class CachedJudge:
    """``inner`` with its verdicts kept by content: ``store`` maps a key to
    ``[label, confidence, scores]`` (plain JSON, so it can be saved beside a map)."""

    def __init__(self, inner: Any, store: dict[str, list[Any]] | None = None) -> None:
        self.inner = inner
        self.store: dict[str, list[Any]] = store if store is not None else {}
        self.name = getattr(inner, "name", type(inner).__name__)
        self.weights = getattr(inner, "weights", None)
        self.members = getattr(inner, "members", None)
        self.stack = getattr(inner, "stack", None)

    def _cached(self, keys: list[str], ask: Any, items: list[Any]) -> list[Verdict]:
        first = {k: item for k, item in reversed(list(zip(keys, items, strict=True)))}
        todo = [k for k in first if k not in self.store]
        if todo:
            got = ask([first[k] for k in todo])
            for k, v in zip(todo, got, strict=True):
                self.store[k] = [v.label, v.confidence, dict(v.scores)]
        return [_verdict(self.store[k]) for k in keys]

    def stance(self, question: str, claims: Sequence[str]) -> list[Verdict]:
        q = digest("stance\x00" + str(question))
        keys = [digest(q + "\x00" + str(c)) for c in claims]
        return self._cached(keys, lambda todo: self.inner.stance(question, todo), list(claims))

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Verdict]:
        keys = [digest("pair\x00" + str(a) + "\x00" + str(b)) for a, b in pairs]
        return self._cached(keys, self.inner.judge, list(pairs))


def _verdict(row: Sequence[Any]) -> Verdict:
    label, confidence, scores = row
    return Verdict(
        str(label), float(confidence), dict(scores) if isinstance(scores, Mapping) else {}
    )
