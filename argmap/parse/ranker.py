"""A linear ranker over candidates: the one kind of learned weight the default stages ship.

Choosing a text's main claim is choosing one unit among its units. Each candidate is a row of
named features; the ranker scores rows with a weight per feature and takes the best. Weights are fit as a conditional logit (the likelihood of the
annotated choice among its candidates), which is what the decision is, rather than as independent
yes/no labels per row.

Weights live in a small JSON file with their feature names, so a file that does not match the
code's features is refused instead of silently misread.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_text, resource_bytes


class LinearRanker:
    def __init__(self, features: Sequence[str], weights: Sequence[float]) -> None:
        if len(features) != len(weights):
            raise ValueError("one weight per feature")
        self.features = tuple(features)
        self.weights = np.asarray(weights, dtype=np.float64)

    @classmethod
    def load(cls, path: str | Path, features: Sequence[str]) -> LinearRanker:
        """Read weights and check they were trained on exactly ``features``.

        ``path`` is a file path, or the bare name of a file shipped in ``argmap/resources``; a
        shipped name always means the shipped file, whatever the working directory holds.
        """
        try:
            text = resource_bytes(path).decode("utf-8")
            data = json.loads(text)
            names, weights = list(data["features"]), data["weights"]
            if tuple(names) != tuple(features):
                diff = sorted(set(names) ^ set(features)) or ["order"]
                raise ArgmapError(
                    f"{path}: weights are for other features than this version computes "
                    f"(differ in: {', '.join(diff)}); retrain them"
                )
            return cls(names, [float(w) for w in weights])
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ArgmapError(f"{path}: not a ranker weights file ({e})") from e

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(rows @ self.weights, dtype=np.float64)

    def dump(self, path: str | Path, **about: Any) -> None:
        """Write the weights (to a temporary file first, so a reader never sees half a file)."""
        data = {
            "features": list(self.features),
            "weights": [round(float(w), 5) for w in self.weights],
        }
        data.update(about)
        atomic_write_text(path, json.dumps(data, indent=1) + "\n")


def fit(
    groups: Sequence[tuple[np.ndarray, int]], features: Sequence[str], l2: float = 1.0
) -> LinearRanker:
    """Fit a conditional logit: each group is (candidate rows, index of the annotated choice)."""
    from scipy.optimize import minimize

    if not groups:
        raise ValueError("no training groups")

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total = 0.5 * l2 * float(w @ w)
        grad = l2 * w
        for rows, gold in groups:
            s = rows @ w
            m = s.max()
            p = np.exp(s - m)
            z = p.sum()
            total -= s[gold] - m - math.log(z)
            grad = grad - (rows[gold] - (p / z) @ rows)
        return total, grad

    res = minimize(loss, np.zeros(len(features)), jac=True, method="L-BFGS-B")
    return LinearRanker(features, res.x)
