"""Scoring a unit's role with a model trained on the project's annotated texts.

The hand-written rules of :mod:`roles` read whose voice a unit is in from connectives and
reporting frames. They were written on plain short texts and miss what other genres show: the
quoted line of a forum reply, the questioner's turn in an interview, a concession with no
marker at all. So the rules' decision becomes a feature here, beside the cues it came from, the
neighbours' roles, position, the line a unit sits on, and the unit's frozen MiniLM vector; a
multinomial logistic model (``bench/train_roles.py``, seeded) weighs them. The main claim is
chosen before and is not re-scored.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_bytes
from argmap.parse.discourse.roles import _answers, _continues, _is_objection, _is_quoted
from argmap.parse.discourse.units import _U
from argmap.units import cues

ROLE_LABELS = ("premise", "objection", "rebuttal")
_NEIGHBOUR = ("central", "premise", "objection", "rebuttal", "none")

PLAIN_FEATURES: tuple[str, ...] = (
    *(f"rule_{r}" for r in ROLE_LABELS),
    *(f"prev_{r}" for r in _NEIGHBOUR),
    *(f"next_{r}" for r in _NEIGHBOUR),
    "rule_objection_cue",  # the rules' own test of a concession or an attributed view
    "reported",
    "answers",  # opens with a contrast marker
    "continues",  # goes on with the sentence the unit before began ("..., because Y")
    "rejects",  # a verdict on what came before ("That is a myth.")
    "quotation_mark",
    "quoted_line",  # on a line quoted with ">" (a forum or mail reply)
    "question",
    "asks",  # the questioner's turn in a transcript
    "concession_lead",
    "conceded",
    "objection_frame",
    "first_person_view",
    "opinion",
    "heading_con",
    "heading_pro",
    "position",
    "first",
    "last",
    "before_central",
    "distance_to_central",
    "same_sentence_as_prev",
    "same_paragraph_as_central",
    "log_units",
    "cos_central",
    "cos_prev",
    "bias",
)
VECTOR_DIMS = 384


def role_rows(
    text: str, units: list[_U], central: int, vecs: np.ndarray | None
) -> tuple[np.ndarray, list[int]]:
    """One row per unit but the main claim, in ``PLAIN_FEATURES`` order then the unit's vector
    (zeros without an embedder); the indices of the units the rows are for."""
    n = len(units)
    keep = [k for k in range(n) if k != central]
    dims = len(PLAIN_FEATURES) + VECTOR_DIMS
    rows = np.zeros((len(keep), dims), dtype=np.float32)
    have = vecs is not None and vecs.shape[1] == VECTOR_DIMS
    for r, k in enumerate(keep):
        x = units[k]
        t = x.text.strip()
        f: dict[str, float] = {}
        f[f"rule_{x.role}"] = 1.0
        prev = units[k - 1].role if k > 0 else "none"
        nxt = units[k + 1].role if k + 1 < n else "none"
        f[f"prev_{prev}"] = 1.0
        f[f"next_{nxt}"] = 1.0
        f["rule_objection_cue"] = float(_is_objection(t))
        f["reported"] = float(cues.is_reported(t))
        f["answers"] = float(_answers(t))
        f["continues"] = float(k > 0 and _continues(units[k - 1], x))
        f["rejects"] = float(cues.rejects_what_came_before(t))
        f["quotation_mark"] = float(_is_quoted(t))
        f["quoted_line"] = float(x.quoted)
        f["question"] = float(cues.is_question(t))
        f["asks"] = float(x.asks)
        f["concession_lead"] = float(bool(cues.CONCESSION_LEAD.search(t)))
        f["conceded"] = float(bool(cues.CONCEDED.search(t)))
        f["objection_frame"] = float(bool(cues.OBJECTION_FRAME.search(t)))
        f["first_person_view"] = float(bool(cues.FIRST_PERSON_VIEW.search(t)))
        f["opinion"] = float(bool(cues.OPINION.search(t)))
        f["heading_con"] = float(x.heading == "con")
        f["heading_pro"] = float(x.heading == "pro")
        f["position"] = k / max(1, n - 1)
        f["first"] = float(k == 0)
        f["last"] = float(k == n - 1)
        f["before_central"] = float(k < central)
        f["distance_to_central"] = abs(k - central) / n
        f["same_sentence_as_prev"] = float(k > 0 and units[k - 1].unit.sentence == x.unit.sentence)
        f["same_paragraph_as_central"] = float(x.para == units[central].para)
        f["log_units"] = float(np.log(n))
        if have:
            assert vecs is not None
            f["cos_central"] = float(vecs[k] @ vecs[central])
            f["cos_prev"] = float(vecs[k] @ vecs[k - 1]) if k > 0 else 0.0
            rows[r, len(PLAIN_FEATURES) :] = vecs[k]
        f["bias"] = 1.0
        for name, v in f.items():
            rows[r, _INDEX[name]] = v
    return rows, keep


_INDEX = {name: i for i, name in enumerate(PLAIN_FEATURES)}


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
        if vectors:
            scores = rows @ self.coef.T + self.intercept
        else:
            scores = rows[:, : len(PLAIN_FEATURES)] @ self.plain.T + self.plain_intercept
        return [ROLE_LABELS[i] for i in np.argmax(scores, axis=1)]

    def save(self, path: str | Path, **meta: Any) -> None:
        buf = io.BytesIO()
        info = {"features": list(PLAIN_FEATURES), "vector_dims": VECTOR_DIMS, **self.meta, **meta}
        np.savez_compressed(
            buf,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept,
            plain=self.plain,
            plain_intercept=self.plain_intercept,
            meta=np.frombuffer(json.dumps(info).encode("utf-8"), dtype=np.uint8),
        )
        atomic_write_bytes(Path(path), buf.getvalue())

    @classmethod
    def load(cls, path: str | Path) -> RoleModel:
        """A file path, or the bare name of a file shipped in ``argmap/resources``."""
        try:
            shipped = resources.files("argmap.resources").joinpath(str(path))
            if isinstance(path, str) and "/" not in path and shipped.is_file():
                data = np.load(io.BytesIO(shipped.read_bytes()))
            else:
                data = np.load(Path(path))
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            coef, intercept = data["coef"], data["intercept"]
            plain, plain_intercept = data["plain"], data["plain_intercept"]
        except (OSError, ValueError, KeyError) as e:
            raise ArgmapError(f"{path}: cannot read role model weights ({e})") from e
        if meta.get("features") != list(PLAIN_FEATURES):
            raise ArgmapError(f"{path}: role model trained on other features than this code's")
        return cls(coef, intercept, plain, plain_intercept, meta)


def apply_role_model(
    model: RoleModel, text: str, units: list[_U], central: int, vecs: np.ndarray | None
) -> None:
    """Replace the rules' roles with the model's (the main claim stays). ``vecs``: the units'
    vectors from the model's own embedder, or None for the weights that read none."""
    if len(units) < 2:
        return
    rows, keep = role_rows(text, units, central, vecs)
    for k, role in zip(keep, model.predict(rows, vectors=vecs is not None), strict=True):
        if role != units[k].role:
            units[k].role = role
            units[k].turns = False


def load_role_model(spec: RoleModel | str | None) -> RoleModel | None:
    return RoleModel.load(spec) if isinstance(spec, str) else spec


__all__: Sequence[str] = ("ROLE_LABELS", "RoleModel", "apply_role_model", "role_rows")
