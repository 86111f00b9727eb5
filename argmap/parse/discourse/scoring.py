"""Scoring each unit's role with weights trained on the project's annotated texts.

A multinomial logistic model (``bench/train_roles.py``, seeded) over the rows of
:mod:`features` replaces the rules' roles; the main claim is chosen before and is not re-scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ArgmapError
from argmap.fileio import load_weights, save_weights
from argmap.parse.discourse.features import PLAIN_FEATURES, ROLE_LABELS, VECTOR_DIMS, role_rows
from argmap.parse.discourse.units import _U

_ROLES = tuple(r for r in ROLE_LABELS if r != "none")


class RoleModel:
    """Weights of the multinomial model: one row per role in ``ROLE_LABELS``.

    Two sets: ``coef`` reads the unit's vector from the embedder it was trained with
    (``meta["embedder"]``); ``plain`` reads the other features only, for a build whose embedder
    is another model (its vectors would mean something else to these weights)."""

    def __init__(
        self,
        coef: np.ndarray,
        intercept: np.ndarray,
        plain: np.ndarray,
        plain_intercept: np.ndarray,
        meta: dict[str, Any] | None = None,
    ) -> None:
        coef = np.asarray(coef, dtype=np.float32)
        plain = np.asarray(plain, dtype=np.float32)
        if coef.shape != (len(ROLE_LABELS), len(PLAIN_FEATURES) + VECTOR_DIMS) or plain.shape != (
            len(ROLE_LABELS),
            len(PLAIN_FEATURES),
        ):
            raise ArgmapError(f"role model weights have shape {coef.shape}, not the features'")
        self.coef, self.plain = coef, plain
        self.intercept = np.asarray(intercept, dtype=np.float32)
        self.plain_intercept = np.asarray(plain_intercept, dtype=np.float32)
        self.meta = dict(meta or {})

    @staticmethod
    def n_plain() -> int:
        return len(PLAIN_FEATURES)

    def reads_vectors_of(self, embedder: Any) -> bool:
        return embedder is not None and getattr(embedder, "name", None) == self.meta.get("embedder")

    def predict(self, rows: np.ndarray, vectors: bool = True) -> list[str]:
        """The best role of each row; ``none`` only where it beats the best role by the
        model's ``drop_margin`` (log-odds): a unit wrongly dropped costs its relations too, a
        unit wrongly kept only its own precision."""
        if vectors:
            scores = rows @ self.coef.T + self.intercept
        else:
            scores = rows[:, : len(PLAIN_FEATURES)] @ self.plain.T + self.plain_intercept
        none = ROLE_LABELS.index("none")
        roles = np.delete(scores, none, axis=1)
        best = np.argmax(roles, axis=1)
        margin = float(self.meta.get("drop_margin", float("inf")))
        drop = scores[np.arange(len(best)), none] - roles[np.arange(len(best)), best] > margin
        return ["none" if d else _ROLES[b] for d, b in zip(drop, best, strict=True)]

    def save(self, path: str | Path, **meta: Any) -> None:
        info = {"features": list(PLAIN_FEATURES), "vector_dims": VECTOR_DIMS, **self.meta, **meta}
        arrays = {
            "coef": self.coef.astype(np.float16),
            "intercept": self.intercept,
            "plain": self.plain,
            "plain_intercept": self.plain_intercept,
        }
        save_weights(path, arrays, info)

    @classmethod
    def load(cls, path: str | Path) -> RoleModel:
        """A file path, or the bare name of a file shipped in ``argmap/resources``."""
        keys = ("coef", "intercept", "plain", "plain_intercept")
        arrays, meta = load_weights(path, "role model weights", keys)
        coef, intercept, plain, plain_intercept = (arrays[k] for k in keys)
        if meta.get("features") != list(PLAIN_FEATURES):
            raise ArgmapError(f"{path}: role model trained on other features than this code's")
        return cls(coef, intercept, plain, plain_intercept, meta)


def apply_role_model(
    model: RoleModel, text: str, units: list[_U], central: int, vecs: np.ndarray | None
) -> tuple[list[_U], int]:
    """Replace the rules' roles with the model's (the main claim stays) and drop the units it
    reads as arguing nothing; the units kept and the main claim's index among them. ``vecs``:
    the units' vectors from the model's own embedder, or None for the weights that read none."""
    if len(units) < 2:
        return units, central
    rows, keep = role_rows(text, units, central, vecs)
    dropped = set()
    for k, role in zip(keep, model.predict(rows, vectors=vecs is not None), strict=True):
        if role == "none":
            dropped.add(k)
        elif role != units[k].role:
            units[k].role = role
            units[k].turns = False
    kept = [u for k, u in enumerate(units) if k not in dropped]
    for i, u in enumerate(kept):
        u.idx = i
    return kept, next(i for i, u in enumerate(kept) if u is units[central])


def load_role_model(spec: RoleModel | str | None) -> RoleModel | None:
    return RoleModel.load(spec) if isinstance(spec, str) else spec
