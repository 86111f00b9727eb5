"""Each unit's target and relation type, learned, and decoded jointly as a tree.

The rules of :mod:`relations` choose a target per unit, one unit at a time. Here a logistic
model scores every (unit, candidate target) pair of a short text from position, distance,
sentence and paragraph, the units' roles and cues, what the rules propose (a rule is a feature
the model weighs, not a decision) and the product of the two units' frozen vectors; the targets
are then chosen together as a maximum spanning arborescence rooted at the main claim (as the
evidence-graph work on microtexts decodes them), so no unit ends up in a cycle and every unit
reaches the main claim. A second model gives each chosen edge its type. Trained by
``bench/train_relations.py`` (seeded) on the project's annotated texts; the weights read the
vectors of the embedder they were trained with, and with any other embedder the rules decide
(without the vectors the model was worse than the rules on held-out topics).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ArgmapError
from argmap.fileio import load_weights, save_weights
from argmap.parse.discourse.precision import RULE_PRECISION
from argmap.units import cues

ROLES = ("central", "premise", "objection", "rebuttal")
RULES = tuple(RULE_PRECISION)
CUE_TESTS: dict[str, Callable[[str], bool]] = {
    "reason": lambda t: bool(cues.REASON_LEAD.search(t)),
    "conclusion": lambda t: bool(cues.CONCLUSION_LEAD.search(t)),
    "example": lambda t: bool(cues.EXAMPLE_LEAD.search(t)),
    "addition": lambda t: bool(cues.ADDITION_LEAD.search(t)),
    "question": lambda t: cues.is_question(t),
}
#: The layout of the rows below; weights trained on another layout are refused.
LAYOUT = f"pair-v1:{len(ROLES)}:{','.join(RULES)}:{','.join(CUE_TESTS)}"


@dataclass
class TargetContext:
    """What the features of one document read: its units in order, their roles, sentence and
    paragraph numbers, the main claim, what the rules propose (unit -> (target, type, rule)),
    and the units' unit-length vectors."""

    units: list[str]
    roles: list[str]
    sent: list[int]
    para: list[int]
    central: int
    rules: dict[int, tuple[int, str, str]]
    vecs: np.ndarray


def pair_features(t: TargetContext, i: int, j: int, vectors: bool = True) -> np.ndarray:
    """The row of the pair (unit ``i``, candidate target ``j``): position and distance,
    sentence and paragraph, the units' roles, what the rules propose, cues, the cosines, and
    (``vectors``) the product of the two vectors. See :func:`pair_rows` for the columns."""
    row = pair_rows(t, i, [j], cue_matrix(t))[0]
    return row if vectors else row[: len(row) - t.vecs.shape[1]]


def pair_rows(t: TargetContext, i: int, others: list[int], cues_of: np.ndarray) -> np.ndarray:
    """The rows of unit ``i`` against every candidate target in ``others``, built at once
    (``cues_of``: :func:`cue_matrix` of the document). Columns, in order: bias, signed and
    absolute distance over the length, just before, just after, before, log distance, the
    candidate is the main claim, same sentence, same paragraph, both positions, the length,
    the two cosines; the unit's role, the candidate's, the pair of them; the rules' proposal
    (and by which rule); the cues of both; then the product of the two vectors."""
    n = len(t.units)
    j = np.asarray(others)
    d = (j - i).astype(np.float32)
    v = t.vecs
    roles = np.array(t.roles)
    sent, para = np.asarray(t.sent), np.asarray(t.para)
    k = len(j)
    cols = [
        np.ones(k),
        d / n,
        np.abs(d) / n,
        d == -1,
        d == 1,
        d < 0,
        np.log1p(np.abs(d)),
        j == t.central,
        sent[j] == sent[i],
        para[j] == para[i],
        np.full(k, i / n),
        j / n,
        np.full(k, float(n)),
        v[j] @ v[i],
        np.full(k, float(v[i] @ v[t.central])),
    ]
    cols += [np.full(k, float(t.roles[i] == r)) for r in ROLES]
    cols += [roles[j] == r for r in ROLES]
    cols += [(roles[j] == b) & (t.roles[i] == a) for a in ROLES[1:] for b in ROLES]
    proposed = t.rules.get(i)
    hit = (j == proposed[0]) if proposed is not None else np.zeros(k, dtype=bool)
    cols.append(hit)
    cols += [hit & (proposed is not None and proposed[2] == r) for r in RULES]
    cols += [np.full(k, float(cues_of[i, c])) for c in range(len(CUE_TESTS))]
    cols += [cues_of[j, c] for c in range(len(CUE_TESTS))]
    plain = np.stack([np.asarray(c, dtype=np.float32) for c in cols], axis=1)
    return np.concatenate([plain, v[j] * v[i]], axis=1)


def cue_matrix(t: TargetContext) -> np.ndarray:
    return np.array(
        [[float(fn(u)) for fn in CUE_TESTS.values()] for u in t.units], dtype=np.float32
    ).reshape(len(t.units), len(CUE_TESTS))


def type_features(t: TargetContext, i: int, j: int) -> np.ndarray:
    """The row that types the chosen edge unit ``i`` -> target ``j`` (attack or support)."""
    proposed = t.rules.get(i)
    f = [1.0]
    f += [float(t.roles[i] == r) for r in ROLES]
    f += [float(t.roles[j] == r) for r in ROLES]
    f.append(float(proposed is not None and proposed[1] == "attacks"))
    f.append(float(proposed is not None and proposed[0] == j and proposed[1] == "attacks"))
    f += [float(fn(t.units[i])) for fn in CUE_TESTS.values()]
    f += [float(j == t.central), float(j == i - 1)]
    return np.concatenate([np.array(f, dtype=np.float32), t.vecs[i], t.vecs[i] * t.vecs[j]])


class TargetModel:
    """Two logistic models: ``attach`` scores a (unit, target) row, ``typer`` an edge's row
    (probability of an attack). ``meta["embedder"]`` names the embedder whose vectors they read;
    ``meta["max_units"]`` the longest document they decide (longer ones keep the rules: the
    texts they learned from are short)."""

    def __init__(
        self,
        attach: np.ndarray,
        attach_bias: float,
        typer: np.ndarray,
        typer_bias: float,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.attach = np.asarray(attach, dtype=np.float32).ravel()
        self.typer = np.asarray(typer, dtype=np.float32).ravel()
        self.attach_bias = float(attach_bias)
        self.typer_bias = float(typer_bias)
        self.meta = dict(meta or {})

    def applies(self, embedder: Any, n_units: int) -> bool:
        return (
            embedder is not None
            and getattr(embedder, "name", None) == self.meta.get("embedder")
            and 2 <= n_units <= int(self.meta.get("max_units", 15))
        )

    def attach_prob(self, rows: np.ndarray) -> np.ndarray:
        if rows.shape[1] != len(self.attach):
            raise ArgmapError(
                f"target model weights have {len(self.attach)} columns, the rows {rows.shape[1]}"
            )
        return 1.0 / (1.0 + np.exp(-(rows @ self.attach + self.attach_bias)))

    def attack_prob(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.typer + self.typer_bias)))

    def save(self, path: str | Path, **meta: Any) -> None:
        arrays = {
            "attach": self.attach.astype(np.float16),
            "attach_bias": np.float32(self.attach_bias),
            "typer": self.typer.astype(np.float16),
            "typer_bias": np.float32(self.typer_bias),
        }
        save_weights(path, arrays, {"layout": LAYOUT, **self.meta, **meta})

    @classmethod
    def load(cls, path: str | Path) -> TargetModel:
        """A file path, or the bare name of a file shipped in ``argmap/resources``."""
        keys = ("attach", "attach_bias", "typer", "typer_bias")
        arrays, meta = load_weights(path, "target model weights", keys)
        parts = tuple(arrays[k] for k in keys)
        if meta.get("layout") != LAYOUT:
            raise ArgmapError(f"{path}: target model trained on other features than this code's")
        return cls(parts[0], float(parts[1]), parts[2], float(parts[3]), meta)


#: The rules whose proposals stand: each rests on a cue in the text (a connective, a role, a
#: list). The model chooses the targets the rules only guess (the main claim, or the unit
#: before when it is much closer in meaning), and every target where the rules made none.
GUESSES = frozenset({"main-claim", "closer-to-previous"})


def decode(
    t: TargetContext, model: TargetModel, types: str = "roles", keep_cued: bool = True
) -> dict[int, tuple[int, str, float]]:
    """unit -> (target, ``supports`` | ``attacks``, the attachment probability): the maximum
    spanning arborescence of the log-probabilities, rooted at the main claim.

    ``keep_cued``: a unit whose rule rests on a cue keeps the rules' target and type (its only
    edge in the graph, at probability 1), so the tree is decoded around them; without it the
    model chooses every target, and counterclaim F1 fell on held-out topics (0.637 -> 0.590)
    while attachment rose. ``types="roles"``: the type of a chosen edge follows from the roles
    the role model read: an objection is on the objector's side, any other unit the rules
    only guessed for is on the author's, and a unit on the other side from its target attacks
    it. (Letting such a unit take its target's side instead called every premise the model
    hung under an objection a counterclaim: precision 0.77 -> 0.62 on held-out topics.)
    ``types="model"``: the second model types each edge on its own."""
    import networkx as nx

    n = len(t.units)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    prob: dict[tuple[int, int], float] = {}
    fixed: dict[int, str] = {}
    cues_of = cue_matrix(t)
    for i in range(n):
        if i == t.central:
            continue
        rule = t.rules.get(i)
        if keep_cued and rule is not None and rule[2] not in GUESSES:
            fixed[i] = rule[1]
            prob[(i, rule[0])] = 1.0
            graph.add_edge(rule[0], i, weight=0.0)
            continue
        others = [j for j in range(n) if j != i]
        p = model.attach_prob(pair_rows(t, i, others, cues_of))
        for j, pj in zip(others, p, strict=True):
            prob[(i, j)] = float(pj)
            # edges point target -> source, so the tree's root is the main claim
            graph.add_edge(j, i, weight=math.log(max(float(pj), 1e-6)))
    tree = _greedy_tree(graph, t.central)
    if tree is None:  # the best targets close a cycle: Edmonds' algorithm resolves it
        try:
            tree = nx.maximum_spanning_arborescence(graph, attr="weight", preserve_attrs=True)
        except nx.NetworkXException:
            if not fixed:
                raise
            return decode(t, model, types, keep_cued=False)  # the cued edges close a cycle
    out = {}
    side = {t.central: 1}  # 1: the author's side, -1: the objector's
    for j, i in nx.bfs_edges(tree, t.central):
        if i in fixed:
            kind = fixed[i]
        elif types == "model":
            attack = float(model.attack_prob(type_features(t, i, j)[None])[0]) > 0.5
            kind = "attacks" if attack else "supports"
        else:
            own = -1 if t.roles[i] == "objection" else 1
            kind = "attacks" if own != side[j] else "supports"
        side[i] = side[j] if kind == "supports" else -side[j]
        out[i] = (j, kind, prob[(i, j)])
    return out


def _greedy_tree(graph: Any, root: int) -> Any:
    """Every unit's best target, when together they already form a tree rooted at ``root``:
    then that is the maximum spanning arborescence (Edmonds' algorithm only changes the
    choice inside a cycle), found without running it. None when they close a cycle."""
    import networkx as nx

    parent = {}
    for i in graph.nodes:
        if i == root:
            continue
        incoming = list(graph.in_edges(i, data="weight"))
        if not incoming:
            return None
        parent[i] = max(incoming, key=lambda e: e[2])[0]
    for i in parent:
        seen = {i}
        while i != root:
            i = parent[i]
            if i in seen:
                return None
            seen.add(i)
    tree = nx.DiGraph()
    tree.add_nodes_from(graph.nodes)
    tree.add_edges_from((j, i) for i, j in parent.items())
    return tree


def load_target_model(spec: TargetModel | str | None) -> TargetModel | None:
    return TargetModel.load(spec) if isinstance(spec, str) else spec
