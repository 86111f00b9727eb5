"""Which claims stand: abstract argumentation over the map's attack graph.

Supports are taken into account in two ways, each documented choice a reader can check:

* **Dung semantics (grounded, preferred)** run over the attack graph extended with *supported
  attacks* (Cayrol & Lagasquie-Schiex): if ``a`` supports ``b`` (directly or through a chain of
  supports) and ``b`` attacks ``c``, then ``a`` attacks ``c`` too — the reasons for an objection
  carry its force. We do not add "secondary" attacks (an attack on a premise becoming an attack
  on everything it supports), because with several independent premises one fallen premise
  does not bring its conclusion down.
* **Gradual strength (DF-QuAD, Rago et al. 2016)** uses supports and attacks directly: a
  claim's strength starts from its base score (its extraction confidence) and moves down by the
  aggregated strength of its attackers and up by that of its supporters, each weighted by the
  relation's confidence. Cycles are solved by iterating to a fixed point.

Everything here is a pure function over plain ids and edge lists, so it is easy to test against
textbook frameworks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

IN, OUT, UNDEC = "in", "out", "undecided"
PREFERRED_LIMIT = 22  # largest attack-connected component enumerated exactly


def derived_attacks(
    nodes: Iterable[str], attacks: Iterable[tuple[str, str]], supports: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Attacks plus supported attacks: a supports+ b, b attacks c  =>  a attacks c."""
    att = set(attacks)
    sup_out: dict[str, set[str]] = defaultdict(set)
    for a, b in supports:
        sup_out[a].add(b)
    att_out: dict[str, set[str]] = defaultdict(set)
    for a, c in att:
        att_out[a].add(c)
    result = set(att)
    for a in nodes:
        seen: set[str] = set()
        stack = list(sup_out.get(a, ()))
        while stack:
            b = stack.pop()
            if b in seen:
                continue
            seen.add(b)
            for c in att_out.get(b, ()):
                if c != a:
                    result.add((a, c))
            stack.extend(sup_out.get(b, ()))
    return result


def grounded(nodes: Sequence[str], attacks: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The grounded labelling: in / out / undecided (least fixed point, by propagation)."""
    attackers: dict[str, set[str]] = {n: set() for n in nodes}
    targets: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in attacks:
        if a in attackers and b in attackers:
            attackers[b].add(a)
            targets[a].add(b)
    label: dict[str, str] = {}
    remaining = {n: len(attackers[n]) for n in nodes}  # attackers not yet out
    queue = [n for n in nodes if remaining[n] == 0]
    while queue:
        a = queue.pop()
        if a in label:
            continue
        label[a] = IN
        for b in targets[a]:
            if b in label:
                continue
            label[b] = OUT
            for c in targets[b]:
                if c not in label:
                    remaining[c] -= 1
                    if remaining[c] == 0:
                        queue.append(c)
    return {n: label.get(n, UNDEC) for n in nodes}


def _components(nodes: Sequence[str], attacks: set[tuple[str, str]]) -> list[list[str]]:
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in attacks:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        groups[find(n)].append(n)
    return list(groups.values())


def _preferred_component(nodes: list[str], attacks: set[tuple[str, str]]) -> list[frozenset[str]]:
    """Maximal admissible sets of one component, by labelling search with pruning."""
    attackers = {n: {a for a, b in attacks if b == n} for n in nodes}
    targets = {n: {b for a, b in attacks if a == n} for n in nodes}
    order = sorted(nodes, key=lambda n: -(len(attackers[n]) + len(targets[n])))
    best: list[frozenset[str]] = []

    def admissible(s: set[str]) -> bool:
        for a in s:
            for att in attackers[a]:
                if att in s or not (targets_of_set(s) & {att}):
                    return False
        return True

    def targets_of_set(s: set[str]) -> set[str]:
        out: set[str] = set()
        for a in s:
            out |= targets[a]
        return out

    def extend(i: int, chosen: set[str], excluded: set[str]) -> None:
        if i == len(order):
            if admissible(chosen):
                fs = frozenset(chosen)
                if not any(fs < b for b in best):
                    best[:] = [b for b in best if not b < fs]
                    if fs not in best:
                        best.append(fs)
            return
        n = order[i]
        if n not in excluded and n not in attackers[n]:
            conflict = any(n in targets[c] or c in targets[n] for c in chosen)
            if not conflict:
                extend(i + 1, chosen | {n}, excluded)
        extend(i + 1, chosen, excluded | {n})

    extend(0, set(), set())
    return best or [frozenset()]


def preferred(
    nodes: Sequence[str], attacks: Iterable[tuple[str, str]], limit: int = PREFERRED_LIMIT
) -> list[frozenset[str]] | None:
    """All preferred extensions, or None when a component is too large to enumerate."""
    att = {(a, b) for a, b in attacks if a in set(nodes) and b in set(nodes)}
    involved = {x for e in att for x in e}
    free = frozenset(n for n in nodes if n not in involved)
    comps = _components([n for n in nodes if n in involved], att)
    if any(len(c) > limit for c in comps):
        return None
    exts: list[frozenset[str]] = [free]
    for comp in comps:
        cset = set(comp)
        local = _preferred_component(comp, {(a, b) for a, b in att if a in cset})
        exts = [e | x for e in exts for x in local]
        if len(exts) > 10_000:
            return None
    return exts


def df_quad(
    nodes: Sequence[str],
    attacks: Iterable[tuple[str, str, float]],
    supports: Iterable[tuple[str, str, float]],
    base: Mapping[str, float] | None = None,
    iterations: int = 200,
    tolerance: float = 1e-9,
) -> dict[str, float]:
    """DF-QuAD strengths in [0, 1], edges weighted by confidence."""
    base = base or {}
    att_in: dict[str, list[tuple[str, float]]] = defaultdict(list)
    sup_in: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for a, b, w in attacks:
        att_in[b].append((a, w))
    for a, b, w in supports:
        sup_in[b].append((a, w))
    s = {n: float(base.get(n, 0.5)) for n in nodes}
    for _ in range(iterations):
        new = {}
        for n in nodes:
            v0 = float(base.get(n, 0.5))
            va = _aggregate(s[a] * w for a, w in att_in.get(n, ()) if a in s)
            vs = _aggregate(s[a] * w for a, w in sup_in.get(n, ()) if a in s)
            new[n] = _combine(v0, va, vs)
        delta = max((abs(new[n] - s[n]) for n in nodes), default=0.0)
        s = new
        if delta < tolerance:
            break
    return s


def _aggregate(values: Iterable[float]) -> float:
    miss = 1.0
    for v in values:
        miss *= 1.0 - v
    return 1.0 - miss


def _combine(v0: float, va: float, vs: float) -> float:
    if va >= vs:
        return v0 - v0 * (va - vs)
    return v0 + (1.0 - v0) * (vs - va)
