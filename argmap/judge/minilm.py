"""The default judge: trained heads over frozen all-MiniLM-L6-v2 vectors and the old rules.

The sentence vectors are the ones the rest of the build already computes (and caches), so
judging a map's candidate pairs costs little beyond the embedding pass. Weights ship in the
package (``argmap/resources/judge.npz``, trained by ``bench/train_judge.py``) and load on first
use.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from argmap.embed.st import DEFAULT_MODEL
from argmap.errors import ArgmapError
from argmap.judge.base import Verdict
from argmap.judge.features import LEXICAL_NAMES, pair_features
from argmap.judge.head import Head

DEFAULT_WEIGHTS = Path(__file__).resolve().parent.parent / "resources" / "judge.npz"


class MiniLMJudge:
    """Judges with two heads: ``pair`` (four labels) and ``stance`` (pro / con / neutral)."""

    name = "minilm-head"

    def __init__(self, embedder: Any = None, weights: str | Path | None = None) -> None:
        # the heads read all-MiniLM-L6-v2 vectors; another embedder's are not what they learnt
        uses_minilm = getattr(embedder, "name", None) == DEFAULT_MODEL
        self.embedder = embedder if uses_minilm else None
        self.weights = Path(weights) if weights else DEFAULT_WEIGHTS
        self._heads: dict[str, Head] = {}
        self._lock = threading.Lock()

    def _head(self, which: str) -> Head:
        head = self._heads.get(which)
        if head is None:
            with self._lock:
                if not self.weights.is_file():
                    raise ArgmapError(
                        f"judge weights not found at {self.weights}: run bench/train_judge.py"
                    )
                head = Head.load(self.weights, prefix=which + "_")
                if head.features[-len(LEXICAL_NAMES) :] != LEXICAL_NAMES:
                    raise ArgmapError(
                        f"judge weights {self.weights} were trained on other features; "
                        "retrain them with bench/train_judge.py"
                    )
                self._heads[which] = head
        return head

    def _embedder(self) -> Any:
        if self.embedder is None:
            from argmap.embed import make_embedder

            self.embedder = make_embedder(None)
        return self.embedder

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        vecs = self._embedder().encode(unique) if unique else np.zeros((0, 384), np.float32)
        where = {t: i for i, t in enumerate(unique)}
        return vecs[[where[t] for t in texts]] if texts else vecs

    def features(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        a = [p[0] for p in pairs]
        b = [p[1] for p in pairs]
        vecs = self._vectors(a + b)
        return pair_features(a, b, vecs[: len(a)], vecs[len(a) :])

    def _verdicts(self, head: Head, x: np.ndarray) -> list[Verdict]:
        probs = head.proba(x)
        out = []
        for row in probs:
            k = int(row.argmax())
            scores = {lab: round(float(p), 4) for lab, p in zip(head.labels, row, strict=True)}
            out.append(Verdict(head.labels[k], round(float(row[k]), 4), scores))
        return out

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Verdict]:
        pairs = [(str(a), str(b)) for a, b in pairs]
        if not pairs:
            return []
        return self._verdicts(self._head("pair"), self.features(pairs))

    def stance(self, question: str, claims: Sequence[str]) -> list[Verdict]:
        if not claims:
            return []
        pairs = [(str(c), str(question)) for c in claims]
        return self._verdicts(self._head("stance"), self.features(pairs))
