"""Semantics checked against textbook frameworks and against independent brute-force versions."""

from __future__ import annotations

import itertools
import random

import pytest

from argmap.reason import semantics as sem


def brute_grounded(nodes, attacks):
    """Independent: least fixed point of Dung's characteristic function F(S)."""
    att = set(attacks)

    def defended(s):
        return {
            a for a in nodes if all(any((d, b) in att for d in s) for b in nodes if (b, a) in att)
        }

    s: set = set()
    while True:
        nxt = defended(s)
        if nxt == s:
            break
        s = nxt
    out = {b for b in nodes if any((a, b) in att for a in s)}
    return {n: "in" if n in s else "out" if n in out else "undecided" for n in nodes}


def brute_preferred(nodes, attacks):
    att = set(attacks)
    adm = []
    for r in range(len(nodes) + 1):
        for combo in itertools.combinations(nodes, r):
            s = set(combo)
            if any((a, b) in att for a in s for b in s):
                continue
            if all(any((d, b) in att for d in s) for a in s for b in nodes if (b, a) in att):
                adm.append(frozenset(s))
    return {s for s in adm if not any(s < t for t in adm)}


TEXTBOOK = {
    # name: (nodes, attacks, grounded-in, preferred extensions)
    "single attack": ("ab", [("a", "b")], {"a"}, [{"a"}]),
    "reinstatement chain": ("abcd", [("a", "b"), ("b", "c"), ("c", "d")], {"a", "c"}, [{"a", "c"}]),
    "mutual attack": ("ab", [("a", "b"), ("b", "a")], set(), [{"a"}, {"b"}]),
    "odd cycle": ("abc", [("a", "b"), ("b", "c"), ("c", "a")], set(), [set()]),
    "self attack": ("ab", [("a", "a"), ("a", "b")], set(), [set()]),
    # floating reinstatement: d is in every preferred extension but not grounded
    "floating": (
        "abcd",
        [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")],
        set(),
        [{"a", "d"}, {"b", "d"}],
    ),
    # Dung (1995), Nixon diamond extended
    "dung": ("abc", [("a", "b"), ("b", "a"), ("b", "c")], set(), [{"a", "c"}, {"b"}]),
}


@pytest.mark.parametrize("name", list(TEXTBOOK))
def test_semantics_textbook_frameworks(name):
    nodes, attacks, g_in, prefs = TEXTBOOK[name]
    nodes = list(nodes)
    lab = sem.grounded(nodes, attacks)
    assert {n for n, v in lab.items() if v == "in"} == g_in
    assert {frozenset(p) for p in sem.preferred(nodes, attacks)} == {frozenset(p) for p in prefs}


def test_semantics_match_brute_force_on_random_frameworks():
    rng = random.Random(7)
    for _ in range(150):
        n = rng.randint(1, 8)
        nodes = [f"n{i}" for i in range(n)]
        attacks = [(a, b) for a in nodes for b in nodes if rng.random() < 0.22]
        assert sem.grounded(nodes, attacks) == brute_grounded(nodes, attacks)
        assert set(sem.preferred(nodes, attacks)) == brute_preferred(nodes, attacks)


def test_semantics_supported_attacks():
    # a supports b, b attacks c: a attacks c too; through a support chain as well
    att = sem.derived_attacks("abcd", [("b", "c")], [("a", "b"), ("d", "a")])
    assert att == {("b", "c"), ("a", "c"), ("d", "c")}


def dfquad_recursive(node, attackers, supporters, base, weight):
    """Independent DF-QuAD for acyclic graphs, straight from the definition."""

    def agg(vals):
        out = 0.0
        for v in vals:
            out = out + v - out * v
        return out

    va = agg(
        dfquad_recursive(a, attackers, supporters, base, weight) * weight[(a, node)]
        for a in attackers.get(node, [])
    )
    vs = agg(
        dfquad_recursive(s, attackers, supporters, base, weight) * weight[(s, node)]
        for s in supporters.get(node, [])
    )
    v0 = base[node]
    return v0 - v0 * (va - vs) if va >= vs else v0 + (1 - v0) * (vs - va)


def test_semantics_df_quad_matches_recursive_definition():
    rng = random.Random(3)
    for _ in range(50):
        nodes = [f"n{i}" for i in range(7)]
        att, sup, weight = [], [], {}
        for i, a in enumerate(nodes):
            for b in nodes[:i]:  # edges only to earlier nodes: acyclic
                r = rng.random()
                w = round(rng.uniform(0.3, 1.0), 3)
                if r < 0.2:
                    att.append((a, b, w))
                    weight[(a, b)] = w
                elif r < 0.4:
                    sup.append((a, b, w))
                    weight[(a, b)] = w
        base = {n: rng.uniform(0.2, 0.9) for n in nodes}
        got = sem.df_quad(nodes, att, sup, base)
        attackers = {b: [a for a, bb, _ in att if bb == b] for b in nodes}
        supporters = {b: [a for a, bb, _ in sup if bb == b] for b in nodes}
        for n in nodes:
            want = dfquad_recursive(n, attackers, supporters, base, weight)
            assert got[n] == pytest.approx(want, abs=1e-9)
            assert 0.0 <= got[n] <= 1.0


def test_semantics_df_quad_direction():
    s = sem.df_quad("abc", [("b", "a", 1.0)], [("c", "a", 0.5)], {"a": 0.5, "b": 0.5, "c": 0.5})
    # attacker 0.5 beats supporter 0.25: a goes down from its base
    assert s["a"] == pytest.approx(0.5 - 0.5 * (0.5 - 0.25))
    # cycles converge and stay in [0, 1]
    c = sem.df_quad("ab", [("a", "b", 1.0), ("b", "a", 1.0)], [], {"a": 0.6, "b": 0.6})
    assert all(0 <= v <= 1 for v in c.values())


def test_semantics_on_a_map_are_stored_and_shown(tmp_path, fake_pipeline, capsys):
    from argmap import ArgumentMap, build_documents
    from argmap.cli import main
    from argmap.ingest import document_from_text

    doc, _ = document_from_text(
        "Cities should build protected bike lanes. Some people argue that bike lanes hurt "
        "local shops. But shop owners in cities with lanes report more foot traffic.",
        "x.txt",
    )
    amap = build_documents([doc], pipeline=fake_pipeline)
    main_claim = amap.claim(amap.documents[doc.id].main_claim)
    objection = next(c for c in amap.claims() if "hurt local shops" in c.text)
    rebuttal = next(c for c in amap.claims() if "foot traffic" in c.text)
    # reinstatement: the rebuttal defeats the objection, so the main claim stands
    assert (rebuttal.acceptance, objection.acceptance, main_claim.acceptance) == ("in", "out", "in")
    assert objection.strength < main_claim.strength
    path = tmp_path / "m.json"
    amap.save(path)
    again = ArgumentMap.load(path)
    assert again.claim(objection.id).acceptance == "out"
    assert main(["show", str(path)]) == 0
    assert "Acceptance (grounded): 2 in, 1 out, 0 undecided" in capsys.readouterr().out
