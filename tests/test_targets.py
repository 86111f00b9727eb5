"""The learned target model: a tree over the rules' proposals, its weights file, and when it
decides (its own embedder, short texts) and when the rules keep deciding."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from argmap.embed import HashingEmbedder
from argmap.errors import ArgmapError
from argmap.model import Document
from argmap.parse import discourse as dc
from argmap.parse.discourse.relations import LEARNED, RULE_PRECISION
from argmap.parse.discourse.targets import (
    GUESSES,
    TargetContext,
    TargetModel,
    decode,
    pair_features,
    type_features,
)

TEXT = (
    "The town should keep its Sunday market. Stallholders earn a third of their week there. "
    "Some residents say the traffic is unbearable. But the car park fills only after ten. "
    "Visitors also spend in the high street shops."
)


DIM = len(HashingEmbedder().encode(["x"])[0])


def _ctx(n: int = 5, central: int = 0) -> TargetContext:
    rng = np.random.default_rng(0)
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return TargetContext(
        [f"Unit {k}." for k in range(n)],
        ["central" if k == central else "premise" for k in range(n)],
        list(range(n)),
        [0] * n,
        central,
        {},
        v,
    )


def _model(attach_col: int, weight: float, embedder: str = "hashing") -> TargetModel:
    """Weights that read one column of the pair rows and nothing else."""
    ctx = _ctx()
    attach = np.zeros(len(pair_features(ctx, 1, 0)), dtype=np.float32)
    attach[attach_col] = weight
    typer = np.zeros(len(type_features(ctx, 1, 0)), dtype=np.float32)
    return TargetModel(attach, 0.0, typer, -1.0, {"embedder": embedder, "max_units": 15})


def test_decode_makes_a_tree_rooted_at_the_main_claim() -> None:
    # column 3 is "the candidate is the unit just before": a chain, never a cycle
    ctx = _ctx(6, central=2)
    out = decode(ctx, _model(3, 4.0))
    assert set(out) == {0, 1, 3, 4, 5}  # every unit but the main claim gets one target
    tree = nx.DiGraph([(j, i) for i, (j, _k, _p) in out.items()])
    assert nx.is_arborescence(tree) and [n for n, d in tree.in_degree() if d == 0] == [2]
    assert out[3][0] == 2 and out[4][0] == 3 and out[5][0] == 4  # the chain where it can
    assert all(kind == "supports" for _j, kind, _p in out.values())  # the typer's bias: support
    # column 7 is "the candidate is the main claim": everything attaches there
    flat = decode(ctx, _model(7, 4.0))
    assert {j for j, _k, _p in flat.values()} == {2}
    # a cued proposal stands, with its type; the side it puts a unit on passes down the tree
    ctx.rules = {4: (1, "attacks", "objection")}
    ctx.roles[4] = "objection"
    cued = decode(ctx, _model(7, 4.0))
    assert cued[4] == (1, "attacks", 1.0)
    assert cued[1] == (2, "supports", cued[1][2])
    assert all(j == 2 for i, (j, _k, _p) in cued.items() if i != 4)


def test_target_model_file_round_trips_and_refuses_other_features(tmp_path) -> None:
    m = _model(7, 2.0)
    m.save(tmp_path / "t.npz")
    back = TargetModel.load(str(tmp_path / "t.npz"))
    assert back.meta["embedder"] == "hashing"
    assert np.allclose(back.attach, m.attach, atol=1e-3)
    with pytest.raises(ArgmapError, match="cannot read"):
        TargetModel.load(str(tmp_path / "missing.npz"))
    bad = TargetModel(m.attach, 0.0, m.typer, 0.0, {"layout": "pair-v0"})
    np.savez(
        tmp_path / "old.npz",
        attach=bad.attach,
        attach_bias=0.0,
        typer=bad.typer,
        typer_bias=0.0,
        meta=np.frombuffer(b'{"layout": "pair-v0"}', dtype=np.uint8),
    )
    with pytest.raises(ArgmapError, match="other features"):
        TargetModel.load(str(tmp_path / "old.npz"))


def _relations(**options):
    doc = Document.create(TEXT, source="t.txt")
    emb = HashingEmbedder()
    ext = dc.DiscourseExtractor(embedder=emb).extract(doc)
    return ext, dc.DiscourseRelations(embedder=emb, **options).relate(doc, ext)


def test_the_model_decides_only_with_its_own_embedder_and_short_texts() -> None:
    ext, rules = _relations(target_model=None)
    assert rules and all(r.rule in RULE_PRECISION for r in rules)
    # the shipped weights read MiniLM vectors: with the hashing embedder the rules decide
    _, shipped = _relations()
    assert [(r.source, r.target, r.type, r.rule) for r in shipped] == [
        (r.source, r.target, r.type, r.rule) for r in rules
    ]
    _, learned = _relations(target_model=_model(7, 4.0))
    main = ext.main_claim
    assert len(learned) == len(ext.claims) - 1
    assert all(r.rule == LEARNED or r.rule.startswith(LEARNED + ":") for r in learned)
    by_source = {r.source: r for r in rules}
    cued = guessed = 0
    for r in learned:
        rule = by_source.get(r.source)
        if rule is not None and rule.rule not in GUESSES:  # a cue: the rules' edge stands
            assert (r.target, r.type, r.rule) == (rule.target, rule.type, f"{LEARNED}:{rule.rule}")
            cued += 1
        else:  # the rules only guessed: these weights send it to the main claim
            assert r.target == main
            guessed += 1
    assert cued and guessed
    short = _model(7, 4.0)
    short.meta["max_units"] = 3
    _, long_text = _relations(target_model=short)
    assert all(r.rule in RULE_PRECISION for r in long_text)


@pytest.mark.model
def test_shipped_target_model_reads_a_short_text_as_a_tree(real_embedder) -> None:
    doc = Document.create(TEXT, source="t.txt")
    ext = dc.DiscourseExtractor(embedder=real_embedder).extract(doc)
    rels = dc.DiscourseRelations(embedder=real_embedder).relate(doc, ext)
    assert all(r.rule.startswith(LEARNED) for r in rels)
    tree = nx.DiGraph([(r.target, r.source) for r in rels])
    assert nx.is_arborescence(tree)
    assert [n for n, d in tree.in_degree() if d == 0] == [ext.main_claim]
    by_text = {c.id: c.text for c in ext.claims}
    attacks = {by_text[r.source] for r in rels if r.type == "attacks"}
    assert any("traffic" in t for t in attacks)  # the residents' objection


def test_the_rows_built_at_once_are_the_rows_built_one_by_one() -> None:
    from argmap.parse.discourse.targets import cue_matrix, pair_rows

    ctx = _ctx(6, central=2)
    ctx.units = [
        "Why now?",
        "Because it is cheap.",
        "So we should.",
        "For example, X.",
        "And Y.",
        "Z.",
    ]
    ctx.roles = ["premise", "objection", "central", "rebuttal", "premise", "objection"]
    ctx.sent = [0, 0, 1, 2, 2, 3]
    ctx.para = [0, 0, 0, 1, 1, 1]
    ctx.rules = {1: (2, "attacks", "objection"), 4: (3, "supports", "co-premise")}
    cues = cue_matrix(ctx)
    for i in range(6):
        others = [j for j in range(6) if j != i]
        want = np.stack([pair_features(ctx, i, j) for j in others])
        assert np.allclose(pair_rows(ctx, i, others, cues), want, atol=1e-6)
