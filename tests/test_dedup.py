"""Dedup: one point, one node — never a merge of opposites, and every merge can be undone.

Fast tests use hand-made vectors or the hashing embedder; the ``model`` tests run
all-MiniLM-L6-v2 on pairs written here (not the pairs quoted in the issue).
"""

from __future__ import annotations

import numpy as np
import pytest

import argmap
from argmap.dedup import DEFAULT_THRESHOLD, cluster, medoid, polarity_conflict
from argmap.dedup.apply import explode, home_of, merge
from argmap.embed import HashingEmbedder, SentenceTransformerEmbedder
from argmap.judge.polarity import PairVeto
from argmap.model import Claim, Document, Mention, Relation
from argmap.model.amap import ArgumentMap
from argmap.units.proposition import core_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Licences for open models allow commercial use.",
         "Licences for open models do not allow commercial use."),
        ("Open weights make misuse by criminals easier.",
         "Open weights make misuse by criminals harder."),
        ("Releasing weights is reversible.", "Releasing weights is irreversible."),
        ("Training the model cost 12 million dollars.", "Training the model cost 80 million dollars."),
        ("Fine-tuning an open model costs a few hundred dollars.",
         "Fine-tuning an open model costs a few thousand dollars."),
        ("Regulators never audit closed labs.", "Regulators always audit closed labs."),
    ],
)  # fmt: skip
def test_dedup_polarity_conflict_catches_opposites(a: str, b: str) -> None:
    assert polarity_conflict(a, b)
    assert polarity_conflict(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Open release lowers costs for start-ups.",
         "Start-ups pay less when models are released openly."),
        ("Publishing model weights lets universities study frontier systems.",
         "Releasing the weights allows academic researchers to examine frontier models."),
        # a double negation, or an antonym under a negation, says the same thing
        ("Open models are not impossible to secure.", "Open models are possible to secure."),
        ("Open models are easier to secure.", "Open models are not harder to secure."),
        # "without" in one loose paraphrase is not a flipped polarity
        ("Most releases come without training data.",
         "Labs seldom publish the data their models learned from."),
    ],
)  # fmt: skip
def test_dedup_polarity_conflict_lets_paraphrases_through(a: str, b: str) -> None:
    assert not polarity_conflict(a, b)


class _Synonyms:
    """A fake embedder that knows which words are synonyms: they map to the same vector."""

    groups = [{"audit", "inspect"}, {"license"}, {"examine"}]

    def encode(self, texts):
        out = np.zeros((len(texts), len(self.groups) + 1), dtype=np.float32)
        for i, t in enumerate(texts):
            j = next((k for k, g in enumerate(self.groups) if t.lower() in g), len(self.groups))
            out[i, j] = 1.0
        return out


def test_dedup_minimal_pair_veto_needs_a_non_synonym_swap() -> None:
    veto = PairVeto(_Synonyms())
    assert veto("Open models are harder to audit.", "Open models are harder to license.")
    assert not veto("Open models are harder to audit.", "Open models are harder to inspect.")
    # more than one word differs: not a minimal pair, left to the similarity threshold
    assert not veto(
        "Open models are harder to audit.", "Open weights are harder for outsiders to audit."
    )
    assert not PairVeto(None)("Open models are harder to audit.", "Open models are harder to tune.")


def test_dedup_core_text_takes_off_the_framing_only() -> None:
    assert core_text("Critics argue that open models are harder to secure.") == (
        "Open models are harder to secure."
    )
    assert core_text("However, many eyes find flaws faster.") == "Many eyes find flaws faster."
    assert core_text("Q: Should labs publish weights?") == "Should labs publish weights?"
    # the author's own claims keep their subject: "we argue" is not someone else's view
    assert core_text("Open models are harder to secure.") == "Open models are harder to secure."
    assert core_text("But") == "But"


def _vecs(*rows: list[float]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_dedup_cluster_thresholds_documents_stances_and_vetoes() -> None:
    # 0 and 1: similar (cos 0.95), other documents; 2: far away; 3: a near copy of 0 (cos 0.98)
    # in the same document as 0, below the same-document threshold, and far from 1 (cos 0.87)
    vecs = _vecs([1, 0.0, 0], [1, 0.33, 0], [0, 0, 1], [1, -0.2, 0])
    texts = ["a", "b", "c", "d"]
    docs = [frozenset({"A"}), frozenset({"B"}), frozenset({"C"}), frozenset({"A"})]
    never = lambda a, b: False  # noqa: E731
    groups = cluster(texts, vecs, docs, 0.9, 0.99, conflict=never)
    assert sorted(i for g in groups for i in g) == [0, 1, 2, 3]  # each index exactly once
    assert groups == [[0, 1], [2], [3]]
    # a stricter threshold keeps them apart
    assert cluster(texts, vecs, docs, 0.97, 0.99, conflict=never) == [[0], [1], [2], [3]]
    # a veto keeps them apart at any similarity
    veto = lambda a, b: {a, b} == {"a", "b"}  # noqa: E731
    assert [0, 1] not in cluster(texts, vecs, docs, 0.9, 0.99, conflict=veto)
    # opposite stances need the (stricter) cross-stance threshold
    stances = ["pro", "con", "pro", "pro"]
    kw = {"conflict": never, "stances": stances}
    assert [0, 1] in cluster(texts, vecs, docs, 0.9, 0.99, cross_stance_threshold=0.94, **kw)
    assert [0, 1] not in cluster(texts, vecs, docs, 0.9, 0.99, cross_stance_threshold=0.96, **kw)


def test_dedup_medoid_is_the_most_central_member() -> None:
    vecs = _vecs([1, 0.5, 0], [1, 0, 0], [1, 0.25, 0])
    assert medoid([0, 1, 2], vecs) == 2
    assert medoid([1], vecs) == 1


TEXTS = {
    "a.txt": "Open models should be published. Publishing weights helps small firms compete.",
    "b.txt": "Frontier labs must stay closed. Publishing weights helps small firms compete. "
    "Yet small firms rarely train frontier models.",
    "c.txt": "Open models help research. Publishing the weights helps small firms compete.",
}


def _claims() -> tuple[list[Claim], list[Relation]]:
    claims: list[Claim] = []
    for name, text in TEXTS.items():
        doc = Document.create(text, source=name)
        start = 0
        for n, sentence in enumerate(text.split(". ")):
            end = text.index(sentence, start) + len(sentence) + (0 if sentence.endswith(".") else 1)
            m = Mention.of(doc, text.index(sentence, start), end)
            claims.append(Claim(f"{name[0]}{n}", m.text_in(doc), (m,), "pro", 0.8, "test"))
            start = end
    rels = [
        Relation("a1", "a0", "supports", 0.6, "test"),
        Relation("c1", "c0", "supports", 0.5, "test"),
        Relation("b2", "b1", "attacks", 0.7, "test", rule="rebuttal"),
        Relation("b1", "b0", "supports", 0.4, "test"),
        Relation("a1", "c1", "supports", 0.9, "crossdoc", scope="across"),  # becomes a self-loop
        Relation("b2", "a1", "attacks", 0.5, "test", rule="objection"),  # parallel to b2 -> b1
    ]
    return claims, rels


def test_dedup_merge_keeps_mentions_members_and_carries_relations() -> None:
    claims, rels = _claims()
    merged, out = merge(claims, rels, HashingEmbedder(), threshold=0.6)
    home = home_of(merged)
    node = next(c for c in merged if len(c.members) > 1)
    assert {m.id for m in node.members} == {"a1", "b1", "c1"}
    assert {home[i] for i in ("a1", "b1", "c1")} == {node.id}
    assert len(node.mentions) == 3 and len(node.documents) == 3
    # the canonical text is the central wording, not merely the first one seen
    assert node.text == "Publishing weights helps small firms compete."
    assert all(0 < m.similarity <= 1 for m in node.members)
    assert len(merged) == len(claims) - 2
    # no self-loops; parallel attacks combine with a count and a noisy-or confidence
    assert all(r.source != r.target for r in out)
    attacks = [r for r in out if r.type == "attacks"]
    assert len(attacks) == 1 and attacks[0].count == 2
    assert attacks[0].confidence == pytest.approx(1 - (1 - 0.7) * (1 - 0.5), abs=1e-6)
    assert set(attacks[0].pairs) == {("b2", "b1"), ("b2", "a1")}
    assert attacks[0].rule == "objection; rebuttal"  # why each combined edge was there
    # every mention is still its document's slice
    docs = {d.id: d for d in (Document.create(t, source=n) for n, t in TEXTS.items())}
    for c in merged:
        for m in c.mentions:
            assert m.text_in(docs[m.document]) in TEXTS[docs[m.document].source]


def test_dedup_explode_undoes_a_merge() -> None:
    claims, rels = _claims()
    merged, out = merge(claims, rels, HashingEmbedder(), threshold=0.6)
    back, back_rels = explode(merged, out)
    assert sorted((c.id, c.text, c.mentions) for c in back) == sorted(
        (c.id, c.text, c.mentions) for c in claims
    )
    kept = {(r.source, r.target, r.type) for r in rels if r.source != "a1" or r.target != "c1"}
    assert {(r.source, r.target, r.type) for r in back_rels} == kept
    # a combined edge's pairs keep the rules it combined (per pair they are not told apart),
    # and merging again does not repeat them
    rebuttal = next(r for r in back_rels if (r.source, r.target) == ("b2", "b1"))
    assert rebuttal.rule == "objection; rebuttal"
    _, again = merge(back, back_rels, HashingEmbedder(), threshold=0.6)
    assert next(r for r in again if r.type == "attacks").rule == "objection; rebuttal"


def test_dedup_remerge_needs_no_extraction_and_goes_both_ways() -> None:
    claims, rels = _claims()
    docs = [Document.create(t, source=n) for n, t in TEXTS.items()]
    emb = HashingEmbedder()
    merged, out = merge(claims, rels, emb, threshold=0.6)
    amap = ArgumentMap(docs, merged, out, {"dedup_threshold": 0.6})
    apart = argmap.remerge(amap, 0.999, emb)
    # only the two identical wordings stay together at 0.999
    assert len(apart) == len(claims) - 1
    assert [sorted(m.id for m in c.members) for c in apart.claims() if c.members] == [["a1", "b1"]]
    again = argmap.remerge(apart, 0.6, emb)
    assert sorted(c.id for c in again.claims()) == sorted(c.id for c in amap.claims())
    assert again.metadata["dedup_threshold"] == 0.6


@pytest.mark.model
def test_dedup_real_model_merges_paraphrases_and_never_opposites() -> None:
    from argmap.dedup.merge import DEFAULT_THRESHOLD
    from argmap.embed import SentenceTransformerEmbedder

    emb = SentenceTransformerEmbedder()
    veto = PairVeto(emb)
    same = [
        ("Publishing model weights lets universities study frontier systems.",
         "Releasing the weights allows academic researchers to examine frontier models."),
        ("Open-source AI speeds up innovation.",
         "Releasing AI models openly accelerates innovation."),
    ]  # fmt: skip
    opposite = [
        ("Open weights make misuse by criminals easier.",
         "Open weights make misuse by criminals harder."),
        ("Licences for open models allow commercial use.",
         "Licences for open models do not allow commercial use."),
        ("Open models are harder to audit.", "Open models are harder to license."),
    ]  # fmt: skip
    for a, b in same:
        v = emb.encode([a, b])
        assert float(v[0] @ v[1]) >= DEFAULT_THRESHOLD and not veto(a, b), (a, b)
    for a, b in opposite:
        v = emb.encode([a, b])
        assert float(v[0] @ v[1]) >= DEFAULT_THRESHOLD, "cosine alone would merge these"
        assert veto(a, b), (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a claim about a claim does not make it
        ("Saying that trams are slow ignores their capacity.", "Trams are slow."),
        # a question asks, a statement claims
        ("Should cities build more trams?", "Cities should build more trams."),
        # a pronoun's claim is only whole in its context
        ("They are not.", "They are not."),
        ("That is the whole problem with trams.", "That is the whole problem with trams."),
    ],
)
def test_dedup_merge_veto_keeps_apart_what_is_not_one_claim(a: str, b: str) -> None:
    from argmap.dedup.apply import MergeVeto

    assert MergeVeto(None)(core_text(a), core_text(b))


def test_dedup_merge_veto_lets_framed_restatements_through() -> None:
    from argmap.dedup.apply import MergeVeto

    veto = MergeVeto(None)
    assert not veto(core_text("Critics argue that trams are slow."), core_text("Trams are slow."))
    assert not veto(core_text("Should trams be free?"), core_text("Should trams be free to ride?"))


def test_dedup_compound_claims_need_near_identical_wording() -> None:
    from argmap.dedup.apply import needs_near_identity

    one = "Trams are cheap to run."
    two = "Trams are cheap to run, and they carry more people than buses."
    assert needs_near_identity(one, two)
    assert not needs_near_identity(one, "Running trams costs little.")
    assert not needs_near_identity(two, "Trams cost little to run; they also carry more people.")
    vecs = _vecs([1, 0, 0], [1, 0.5, 0])  # cosine 0.89: above the threshold, below 0.95
    docs = [frozenset({"A"}), frozenset({"B"})]
    never = lambda a, b: False  # noqa: E731
    assert cluster([one, two], vecs, docs, 0.7, 0.99, conflict=never) == [[0, 1]]
    apart = cluster(
        [one, two], vecs, docs, 0.7, 0.99, conflict=never, strict=needs_near_identity,
        cross_stance_threshold=0.95,
    )  # fmt: skip
    assert apart == [[0], [1]]


def test_dedup_a_pair_sharing_few_words_needs_near_identical_meaning() -> None:
    from argmap.dedup.apply import needs_near_identity
    from argmap.judge.polarity import shared_words

    # two claims about one topic: close in embedding space, few words in common
    topic = (
        "Libraries give everyone free access to books.",
        "The word free hides what public libraries cost taxpayers.",
    )
    assert shared_words(*topic) < 0.5 and needs_near_identity(*topic)
    # a restatement shares most of its words, inflected or not; negations do not count
    restated = (
        "Trams carry more people than buses.",
        "A tram carries more passengers than buses do.",
    )
    assert shared_words(*restated) >= 0.5 and not needs_near_identity(*restated)
    assert shared_words("Cities do not fund trams.", "Trams are not cheap.") == 0.5
    # words that only start alike are different words
    assert (
        shared_words("Internet content should be public.", "Interest in context should publish.")
        < 0.5
    )


@pytest.mark.model
def test_dedup_second_look_with_the_real_model() -> None:
    """Near the threshold, a claim against the point stays apart; a reworded point merges."""
    from argmap.dedup.apply import MergeVeto, needs_near_identity

    emb = SentenceTransformerEmbedder()
    veto = MergeVeto(emb)
    texts = [
        "Bicycle lanes make city streets safer for everyone.",
        "Separated bicycle lanes make streets safer for all road users.",
        "The safety promised by bicycle lanes is mostly an illusion.",
        "Cycling infrastructure improves road safety in cities.",
    ]
    v = emb.encode(texts)
    sims = [float(v[0] @ v[i]) for i in range(4)]
    assert min(sims[1:]) >= DEFAULT_THRESHOLD  # cosine alone would merge all four
    assert not veto(texts[0], texts[2])  # and no polarity cue tells the illusion apart
    docs = [frozenset({d}) for d in "ABCD"]
    groups = cluster(
        texts, v, docs, DEFAULT_THRESHOLD, 0.95, conflict=veto, strict=needs_near_identity
    )
    assert [0, 1] in groups and [2] in groups, (groups, sims)
    # the price, chosen knowingly: a paraphrase in entirely other words stays a node of its
    # own, which a reader can still relate, where a wrong merge would hide a disagreement
    assert [3] in groups


def test_dedup_anaphoric_subjects_but_not_expletive_it() -> None:
    from argmap.units.proposition import is_anaphoric

    assert is_anaphoric("They are not.")
    assert is_anaphoric("It is too expensive.")
    assert is_anaphoric("This makes trams slower.")
    assert not is_anaphoric("It is clear that trams are cheaper than buses.")
    assert not is_anaphoric("It would be wrong to close the line.")
    assert not is_anaphoric("It's unclear whether buses are cheaper.")
    assert not is_anaphoric("Trams are cheaper than buses.")
