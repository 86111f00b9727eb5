"""The shipped judges on sentences written for these tests (no topic of the judge corpus).

These run the real weights and the real MiniLM layers. Each check allows a few misses: they say
that the judge reads sides and relations on questions it was never trained on, not that it is
perfect (its measured figures are in the README, from bench/judge.py and bench/stance.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import argmap
from argmap.errors import ArgmapError
from argmap.judge import CrossJudge, default_judge
from argmap.judge.cross import DEFAULT_CROSS_MEMBERS, DEFAULT_CROSS_WEIGHTS, load_cross

# (motion, reversed motion, pro claims, con claims), on questions not in data/judge
MOTIONS = [
    (
        "Should towns ban private fireworks?",
        "Fireworks should stay legal for anyone to buy.",
        [
            "Every November our dog shakes under the bed for a week.",
            "Hospitals treat hundreds of burns from garden displays each year.",
            "Organised council displays give families the spectacle without the injuries.",
        ],
        [
            "A few rockets in the back garden is a harmless family tradition.",
            "Prohibition would just push sales to unregulated online sellers.",
            "Nobody has shown that bans cut injuries where they were tried.",
        ],
    ),
    (
        "This house would make cycling helmets compulsory.",
        "Adults should decide for themselves whether to wear a helmet.",
        [
            "A helmet cuts the risk of a serious head injury in a crash by more than half.",
            "Seatbelts were unpopular too, until they became law and saved thousands.",
            "Emergency doctors see skull fractures that a cheap helmet would have prevented.",
        ],
        [
            "Where helmets became mandatory, far fewer people rode bikes at all.",
            "Drivers give helmeted riders less room, studies of overtaking suggest.",
            "Forcing the gear on commuters treats a healthy habit like a dangerous sport.",
        ],
    ),
]


@pytest.fixture(scope="module")
def judge() -> CrossJudge:
    return CrossJudge()


def test_weights_are_small_and_record_how_they_were_made():
    # the default judge averages its members: together they stay within the 30 MB budget
    assert sum(p.stat().st_size for p in DEFAULT_CROSS_MEMBERS) <= 30 * 1024 * 1024
    for path in DEFAULT_CROSS_MEMBERS:
        _, config = load_cross(path)
        assert config["seed"] == 13 and config["split"] + config["upper"] == 6
    assert CrossJudge().members == list(DEFAULT_CROSS_MEMBERS)


def test_stance_reads_sides_on_unseen_motions(judge):
    # Claims on motions no training corpus holds: the two above and the eight of
    # tests/fixtures/unseen_motions.json (written before either judge read them). The
    # direction is the judge's known weakness (README, "The debate"): on these 60 the judge of
    # 2026-12-06 had 34 right and the shipped one (valence x view) 35; chance is about 20 of
    # 60 with three labels and 30 with two. The floor catches a judge that falls to chance.
    cases = [(m, pro, con) for m, _reverse, pro, con in MOTIONS]
    fixture = json.loads((Path(__file__).parent / "fixtures" / "unseen_motions.json").read_text())
    cases += [(m["motion"], m["pro"], m["con"]) for m in fixture["motions"]]
    right = total = 0
    for motion, pro, con in cases:
        gold = ["pro"] * len(pro) + ["con"] * len(con)
        got = [v.label for v in judge.stance(motion, pro + con)]
        right += sum(g == p for g, p in zip(gold, got, strict=True))
        total += len(gold)
    assert total == 60
    assert right >= 32, f"{right}/{total} sides right"


def test_stance_to_is_batched_and_gives_confidences():
    claims = MOTIONS[0][2] + MOTIONS[0][3]
    out = argmap.stance_to(MOTIONS[0][0], claims)
    assert len(out) == len(claims)
    for v in out:
        assert v.label in ("pro", "con", "neutral")
        assert 0.0 < v.confidence <= 1.0
        assert abs(sum(v.scores.values()) - 1.0) < 1e-3
    with pytest.raises(ArgmapError):
        argmap.stance_to("  ", claims)


def test_pairs_tell_paraphrase_negation_and_unrelated_apart(judge):
    pairs = [
        (
            "The bridge toll went up to four pounds in March.",
            "Since March it costs £4 to cross the bridge.",
            "same",
        ),
        (
            "Crossing the bridge has never been cheaper.",
            "The bridge toll keeps getting more expensive.",
            "attacks",
        ),
        (
            "Tolls do not reduce traffic on the bridge.",
            "Tolls reduce traffic on the bridge.",
            "attacks",
        ),
        (
            "Queues at the toll booths add twenty minutes to each trip.",
            "The bridge toll makes commuting worse.",
            "supports",
        ),
        ("Libraries lend books for free.", "Sharks have several rows of teeth.", "unrelated"),
        (
            "The council meets on Tuesdays.",
            "Vaccines should be compulsory for schoolchildren.",
            "unrelated",
        ),
    ]
    got = [v.label for v in judge.judge([(a, b) for a, b, _ in pairs])]
    hits = sum(g == p for (_, _, g), p in zip(pairs, got, strict=True))
    assert hits >= len(pairs) - 1, list(zip([p[2] for p in pairs], got, strict=True))


def test_the_default_judge_is_the_cross_judge_and_is_shared():
    assert isinstance(default_judge(), CrossJudge)
    assert default_judge() is default_judge()


def test_weights_from_other_features_are_refused(tmp_path):
    bad = tmp_path / "judge.npz"
    with np.load(DEFAULT_CROSS_WEIGHTS) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["config"] = np.array('{"split": 4, "upper": 2, "hidden": 256, "lexical": ["x"]}')
    np.savez(bad, **arrays)
    with pytest.raises(ArgmapError, match="other features"):
        CrossJudge(bad).judge([("a", "b")])
    with pytest.raises(ArgmapError, match="not found"):
        CrossJudge(tmp_path / "missing.npz").stance("Q?", ["a"])


def test_several_weights_are_averaged_over_one_run_of_the_bottom_layers(tmp_path):
    with np.load(DEFAULT_CROSS_WEIGHTS) as z:
        arrays = {k: z[k] for k in z.files}
    config = json.loads(str(arrays["config"]))
    # a second member: the same layers with the stance head's last bias shifted toward "con"
    key = sorted(k for k in arrays if k.startswith("p/heads.stance.") and k.endswith(".bias"))[-1]
    arrays[key] = arrays[key] + np.array([0.0, 2.0, 0.0], dtype=arrays[key].dtype)
    other = tmp_path / "other.npz"
    np.savez(other, **arrays)
    claims = MOTIONS[0][2] + MOTIONS[0][3]
    one = CrossJudge(DEFAULT_CROSS_WEIGHTS).stance(MOTIONS[0][0], claims)
    two = CrossJudge(other).stance(MOTIONS[0][0], claims)
    both = CrossJudge([DEFAULT_CROSS_WEIGHTS, other]).stance(MOTIONS[0][0], claims)
    for x, y, m in zip(one, two, both, strict=True):
        assert x.scores != y.scores
        for label in ("pro", "con", "neutral"):
            assert abs(m.scores[label] - (x.scores[label] + y.scores[label]) / 2) < 2e-3
    # the default judge averages its members' stance but judges pairs with its first run alone
    pairs = [("Tolls do not reduce traffic.", "Tolls reduce traffic."), ("A b c.", "The toll.")]
    assert [v.scores for v in CrossJudge().judge(pairs)] == [
        v.scores for v in CrossJudge(DEFAULT_CROSS_WEIGHTS).judge(pairs)
    ]
    with pytest.raises(ArgmapError, match="pair_members"):
        CrossJudge([DEFAULT_CROSS_WEIGHTS, other], pair_members=3)
    config["split"] = 3
    arrays["config"] = np.array(json.dumps(config))
    mismatched = tmp_path / "split3.npz"
    np.savez(mismatched, **arrays)
    with pytest.raises(ArgmapError, match="cannot share the bottom layers"):
        CrossJudge([DEFAULT_CROSS_WEIGHTS, mismatched]).judge([("a", "b")])


def test_the_default_judge_combines_its_members_stance_with_the_trained_combiner(tmp_path):
    from argmap.debate.stage import weights_hash
    from argmap.judge.cross import DEFAULT_STACK, StanceStack, stance_width

    claims = MOTIONS[1][2] + MOTIONS[1][3]
    default, mean = CrossJudge(), CrossJudge(stack=None)
    assert default.stack == DEFAULT_STACK and mean.stack is None
    assert CrossJudge(DEFAULT_CROSS_WEIGHTS).stack is None  # trained for the default members
    rows = mean.stance_rows([(c, MOTIONS[1][0]) for c in claims])
    nets, _lower = mean._load()
    assert rows.shape == (len(claims), stance_width(nets))
    stack = StanceStack.load(DEFAULT_STACK, list(DEFAULT_CROSS_MEMBERS))
    got = default.stance(MOTIONS[1][0], claims)
    want = stack.predict_proba(rows)
    for v, p in zip(got, want, strict=True):
        assert [v.scores[k] for k in ("pro", "con", "neutral")] == pytest.approx(p, abs=2e-3)
    assert [v.scores for v in got] != [v.scores for v in mean.stance(MOTIONS[1][0], claims)]
    assert weights_hash(default).count("+") == 2  # two members and the combiner
    # a combiner is refused for members it was not fit for, with a way out
    stack.save(tmp_path / "s.npz")
    with pytest.raises(ArgmapError, match="other judge weights"):
        CrossJudge(DEFAULT_CROSS_WEIGHTS, stack=tmp_path / "s.npz").stance("Q?", ["a"])


def test_bfloat16_reads_what_float32_reads_and_precision_is_checked():
    claims = MOTIONS[0][2] + MOTIONS[0][3]
    full = CrossJudge(precision="float32").stance(MOTIONS[0][0], claims)
    half = CrossJudge(precision="bfloat16").stance(MOTIONS[0][0], claims)
    for x, y in zip(full, half, strict=True):
        for label in ("pro", "con", "neutral"):
            assert abs(x.scores[label] - y.scores[label]) < 0.05
    assert sum(x.label == y.label for x, y in zip(full, half, strict=True)) >= len(claims) - 1
    assert CrossJudge(precision="float32").uses_bf16() is False
    with pytest.raises(ArgmapError, match="precision"):
        CrossJudge(precision="fp8")


def test_a_verdict_does_not_depend_on_what_is_read_beside_it():
    from argmap.judge.cross import canonical_batches

    batches = canonical_batches([(16,), (32,), (16,), (16,)], 2)
    assert [b for b, _f in batches] == [[0, 2], [3], [1]]
    assert all(len(full) == 2 and full[: len(b)] == b for b, full in batches)
    judge = CrossJudge()
    claim = MOTIONS[0][2][1]
    alone = judge.stance(MOTIONS[0][0], [claim])[0]
    crowd = [*MOTIONS[1][2], "A much longer sentence " * 6, claim, *MOTIONS[0][3]]
    beside = judge.stance(MOTIONS[0][0], crowd)[crowd.index(claim)]
    assert alone.scores == beside.scores  # exactly: same shape, same sums
