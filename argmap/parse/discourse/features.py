"""Features of a unit for the learned role model: what the rules decided, the cues behind it,
its neighbours, its place and line, and its frozen MiniLM vector.

The rules of :mod:`roles` read whose voice a unit is in from connectives and reporting frames.
They were written on plain short texts and miss what other genres show: the quoted line of a
forum reply, the questioner's turn in an interview, a concession with no marker at all. So their
decision is one feature here among the rest, for :mod:`scoring` to weigh.
"""

from __future__ import annotations

import numpy as np

from argmap.parse.discourse.roles import _answers, _continues, _is_objection, _is_quoted
from argmap.parse.discourse.units import _U
from argmap.units import cues

RULE_ROLES = ("premise", "objection", "rebuttal")
ROLE_LABELS = (*RULE_ROLES, "none")
"""What the model chooses among: a role, or ``none`` for a piece the segmenter kept that argues
nothing (an interviewer's neutral question, a greeting, scene-setting), which is dropped."""
_NEIGHBOUR = ("central", "premise", "objection", "rebuttal", "none")

PLAIN_FEATURES: tuple[str, ...] = (
    *(f"rule_{r}" for r in RULE_ROLES),
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
