"""The debate stage: the question, each claim's side and each document's position, key points.

It runs last, on the finished map (after dedup, cross-document links and semantics), because
sides read the map's structure and key points group its final claims. One batched judge call
reads every claim against the question; one more judges the key-point candidate pairs.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol, runtime_checkable

from argmap.debate import keypoints, question, sides
from argmap.errors import ArgmapError
from argmap.fileio import file_hash
from argmap.model.amap import ArgumentMap


@runtime_checkable
class DebateAnalyser(Protocol):
    name: str

    def analyse(self, amap: ArgumentMap, question_text: str | None = None) -> ArgumentMap: ...


class Debate:
    """Reads a map as one debate. ``question_text`` is the user's; without it one is inferred."""

    name = "debate"

    def __init__(
        self,
        embedder: Any,
        judge: Any = None,
        key_point_threshold: float = keypoints.KEY_POINT_THRESHOLD,
    ) -> None:
        if not 0.0 < key_point_threshold <= 1.0:
            raise ArgmapError(f"key_point_threshold must be in (0, 1], not {key_point_threshold}")
        self.embedder = embedder
        self._judge = judge
        self.key_point_threshold = key_point_threshold

    @property
    def judge(self) -> Any:
        if self._judge is None:
            from argmap.judge import default_judge

            self._judge = default_judge(self.embedder)
        return self._judge

    @judge.setter
    def judge(self, judge: Any) -> None:
        """Another judge in front of this one (a cache of its verdicts, say)."""
        self._judge = judge

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "judge": getattr(self.judge, "name", type(self.judge).__name__),
            "key_point_threshold": self.key_point_threshold,
        }

    def to_dict(self) -> dict[str, Any]:
        """Settings to rebuild with: :meth:`describe` plus the judge's weights by hash."""
        return dict(self.describe(), judge_weights=weights_hash(self.judge))

    def analyse(self, amap: ArgumentMap, question_text: str | None = None) -> ArgumentMap:
        if question_text is not None and not question_text.strip():
            question_text = None
        q = (
            question.given(question_text)
            if question_text
            else question.infer(amap, self.embedder, self.judge)
        )
        claims = list(amap.claims_by_id.values())
        meta = dict(amap.metadata, question=q.to_dict(), debate=self.describe())
        if q.text is None:
            claims = [
                c.with_(side="neutral", side_confidence=0.0, side_source="none") for c in claims
            ]
            docs = [
                dataclasses.replace(d, position="neutral", position_confidence=0.0)
                for d in amap.documents.values()
            ]
            return ArgumentMap(docs, claims, amap.relations, meta, [])
        verdicts = self.judge.stance(q.text, [c.text for c in claims])
        found = sides.reconcile(amap, verdicts)
        docs = [
            dataclasses.replace(
                d,
                position=found.positions[d.id][0],
                position_confidence=found.positions[d.id][1],
            )
            for d in amap.documents.values()
        ]
        vecs = self.embedder.encode([c.text for c in found.claims])
        kps = keypoints.group(
            amap, found.claims, vecs, self.judge, threshold=self.key_point_threshold
        )
        return ArgumentMap(docs, found.claims, amap.relations, meta, kps)


def weights_hash(judge: Any) -> str | None:
    """The judge's weights files by content, so a map says which trained judge read it (one
    file's hash; for a judge that combines several, the hashes of all, and of the combiner,
    joined by '+')."""
    paths = getattr(judge, "members", None) or [getattr(judge, "weights", None)]
    if any(p is None for p in paths):
        return None
    stack = getattr(judge, "stack", None)
    if stack is not None:
        paths = [*paths, stack]  # the combiner of their stance readings is part of the judge
    try:
        return "+".join(file_hash(p) for p in paths)
    except OSError:
        return None
