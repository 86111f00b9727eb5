"""The learned role model: its weights file, how it replaces the rules' roles, and its options."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.embed import HashingEmbedder
from argmap.errors import ArgmapError
from argmap.model import Document
from argmap.parse import discourse as dc
from argmap.parse.discourse.features import PLAIN_FEATURES, ROLE_LABELS, VECTOR_DIMS, role_rows
from argmap.parse.discourse.scoring import RoleModel
from argmap.pipeline import Pipeline

TEXT = (
    "The town should keep its Sunday market. Stallholders earn a third of their week there. "
    "Some residents say the traffic is unbearable. But the car park fills only after ten. "
    "Visitors also spend in the high street shops."
)


def _model(favour: str, feature: str = "bias", embedder: str = "none") -> RoleModel:
    """Weights that choose ``favour`` wherever ``feature`` is set, premise otherwise."""
    plain = np.zeros((len(ROLE_LABELS), len(PLAIN_FEATURES)), dtype=np.float32)
    plain[ROLE_LABELS.index("premise"), PLAIN_FEATURES.index("bias")] = 0.5
    plain[ROLE_LABELS.index(favour), PLAIN_FEATURES.index(feature)] = 1.0
    coef = np.hstack([plain, np.zeros((len(ROLE_LABELS), VECTOR_DIMS), dtype=np.float32)])
    zero = np.zeros(len(ROLE_LABELS))
    return RoleModel(coef, zero, plain, zero, {"embedder": embedder})


def _roles(**options) -> tuple[list[str], list[str], str]:
    doc = Document.create(TEXT, source="t.txt")
    ext = dc.DiscourseExtractor(embedder=HashingEmbedder(), **options).extract(doc)
    main = next(c.text for c in ext.claims if c.id == ext.main_claim)
    return [u.role.value for u in ext.units or []], [c.stance for c in ext.claims], main


def test_role_model_replaces_the_rules_roles_but_not_the_main_claim() -> None:
    rules, _, main = _roles(role_model=None)
    assert rules.count("objection") == 1 and "rebuttal" in rules
    roles, stances, main_after = _roles(role_model=_model("objection"))
    assert main_after == main
    assert roles.count("central") == 1
    assert all(r == "objection" for r in roles if r != "central")
    assert stances.count("con") == len(roles) - 1  # an objection's stance follows its role
    roles, _, _ = _roles(role_model=_model("premise"))
    assert all(r == "premise" for r in roles if r != "central")


def test_role_model_weighs_a_cue_rather_than_deciding_by_it() -> None:
    # the rules' own decision is one feature: weights that trust it reproduce the rules
    trust = _model("premise", "bias")
    for role in ("objection", "rebuttal"):
        trust.plain[ROLE_LABELS.index(role), PLAIN_FEATURES.index(f"rule_{role}")] = 2.0
    rules, _, _ = _roles(role_model=None)
    assert _roles(role_model=trust)[0] == rules


def test_role_rows_read_the_unit_its_neighbours_and_its_line() -> None:
    doc = Document.create(
        "Ann wrote:\n> The parking fees are too high.\n\nThey are fair for a city centre. "
        "The council should keep them.",
        "t.txt",
    )
    units = dc.analyse_units(doc)
    assert [u.quoted for u in units] == [True, False, False]
    dc.assign_roles(units, 2)  # the rules run first: their roles are features
    rows, keep = role_rows(doc.text, units, 2, None)
    assert units[0].role == "objection"
    assert rows[0, PLAIN_FEATURES.index("rule_objection")] == 1.0
    assert keep == [0, 1]
    col = {name: rows[:, i] for i, name in enumerate(PLAIN_FEATURES)}
    assert list(col["quoted_line"]) == [1.0, 0.0]
    assert list(col["next_central"]) == [0.0, 1.0]
    assert list(col["prev_none"]) == [1.0, 0.0]
    assert not rows[:, len(PLAIN_FEATURES) :].any()  # no vectors without an embedder


def test_role_model_reads_vectors_only_from_the_embedder_it_was_trained_with() -> None:
    shipped = RoleModel.load("role_model.npz")
    assert shipped.meta["embedder"] == "all-MiniLM-L6-v2"
    assert shipped.reads_vectors_of(Pipeline.default().embedder)
    assert not shipped.reads_vectors_of(HashingEmbedder())
    # with another embedder the vector-free weights decide: the vector columns are not read
    m = _model("premise", embedder="hashing")
    m.coef[ROLE_LABELS.index("objection"), len(PLAIN_FEATURES)] = 100.0
    rows = np.zeros((1, len(PLAIN_FEATURES) + VECTOR_DIMS), dtype=np.float32)
    rows[0, PLAIN_FEATURES.index("bias")] = 1.0
    rows[0, len(PLAIN_FEATURES)] = 1.0
    assert m.predict(rows, vectors=True) == ["objection"]
    assert m.predict(rows, vectors=False) == ["premise"]


def test_role_model_file_errors_name_the_file(tmp_path) -> None:
    bad = tmp_path / "roles.npz"
    bad.write_bytes(b"not a numpy archive")
    with pytest.raises(ArgmapError, match="roles.npz: cannot read role model weights"):
        RoleModel.load(str(bad))
    other = _model("premise")
    other.save(tmp_path / "ok.npz")
    assert RoleModel.load(str(tmp_path / "ok.npz")).plain.tolist() == other.plain.tolist()
    data = dict(np.load(tmp_path / "ok.npz"))
    data["meta"] = np.frombuffer(b'{"features": ["x"]}', dtype=np.uint8)
    np.savez(tmp_path / "old.npz", **data)
    with pytest.raises(ArgmapError, match="other features than this code's"):
        RoleModel.load(str(tmp_path / "old.npz"))


def test_a_long_document_keeps_the_role_rules() -> None:
    from argmap.parse.discourse.extractor import ROLE_MODEL_MAX_UNITS

    long_text = (
        TEXT
        + " "
        + " ".join(
            f"Stall {k} sells bread from the valley farms." for k in range(ROLE_MODEL_MAX_UNITS)
        )
    )
    doc = Document.create(long_text, "t.txt")
    every = dc.DiscourseExtractor(embedder=HashingEmbedder(), role_model=_model("objection"))
    rules = dc.DiscourseExtractor(embedder=HashingEmbedder(), role_model=None)
    assert every.extract(doc).units == rules.extract(doc).units


def test_a_map_records_its_role_model_and_rules_can_be_chosen(tmp_path) -> None:
    from argmap.cli import main

    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "m.json"
    common = ["build", str(tmp_path / "d"), "-o", str(out), "--embedder", "hashing", "-q"]
    assert main([*common, "--no-debate"]) == 0
    import json

    saved = json.loads(out.read_text())
    options = saved["metadata"]["pipeline"]["extractor"]["options"]
    assert options["role_model"] == "role_model.npz"
    assert main([*common, "--no-debate", "--role-model", "rules"]) == 0
    saved = json.loads(out.read_text())
    assert saved["metadata"]["pipeline"]["extractor"]["options"]["role_model"] is None


@pytest.mark.model
def test_shipped_role_model_keeps_what_the_rules_read_right_in_plain_prose() -> None:
    """With its own MiniLM vectors the model keeps the reported view and its answer of a plain
    short text, and the author's own voice after an objection."""
    from argmap.embed import make_embedder

    extractor = dc.DiscourseExtractor(make_embedder(None))

    def roles(text: str) -> dict[str, str]:
        ext = extractor.extract(Document.create(text, "t.txt"))
        return {c.text: u.role.value for c, u in zip(ext.claims, ext.units or [], strict=True)}

    r = roles(
        "Libraries should open on Sundays. Councillors say the staff cost too much. That "
        "overlooks the volunteers who offered to help. Families have no other free day."
    )
    assert r["Councillors say the staff cost too much."] == "objection"
    assert r["That overlooks the volunteers who offered to help."] == "rebuttal"
    r = roles(
        "Ferries should stay in public hands. Critics argue that private firms run them "
        "cheaper. The island routes would be the first to go."
    )
    assert r["Critics argue that private firms run them cheaper."] == "objection"
    r = roles(
        "Yes, e-scooters are quick and cheap to ride. But cities should ban rental "
        "e-scooters from pavements. They block wheelchairs and prams."
    )
    assert r["Yes, e-scooters are quick and cheap to ride."] == "objection"


@pytest.mark.model
def test_shipped_role_model_hears_the_authors_voice_after_an_objection_in_one_sentence() -> None:
    """The rules read "and I think ..." after an objection as the author's answer. The model fit
    on 1,104 texts read it as a premise (a known miss until 2026-12-08); the one fit on 1,520,
    with the essays, letters and speeches, hears the author."""
    from argmap.embed import make_embedder

    ext = dc.DiscourseExtractor(make_embedder(None)).extract(
        Document.create(
            "Ferries should stay in public hands. Critics argue that private firms run them "
            "cheaper, and I think that is wishful.",
            "t.txt",
        )
    )
    roles = {c.text: u.role.value for c, u in zip(ext.claims, ext.units or [], strict=True)}
    assert roles["and I think that is wishful."] == "rebuttal"


def test_role_model_drops_a_unit_only_when_none_wins_by_its_margin() -> None:
    drops = _model("none")
    drops.meta["drop_margin"] = 0.25  # none scores 1.0, premise 0.5: dropped
    rules, _, main = _roles(role_model=None)
    doc = Document.create(TEXT, source="t.txt")
    ext = dc.DiscourseExtractor(embedder=HashingEmbedder(), role_model=drops).extract(doc)
    assert [c.text for c in ext.claims] == [main]  # only the main claim is never re-scored
    assert ext.main_claim == ext.claims[0].id and ext.central_index() == 0
    drops.meta["drop_margin"] = 0.75  # a smaller lead than the margin: kept as a premise
    roles, _, _ = _roles(role_model=drops)
    assert len(roles) == len(rules) and set(roles) == {"central", "premise"}
