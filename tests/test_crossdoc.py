"""CrossDocumentLinker: links between claims of different documents, after dedup.

Maps are built by hand (so each test controls stances, main claims and wording) and embedded
with the hashing embedder, whose similarities follow shared words and word pairs.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest

import argmap
from argmap.embed import HashingEmbedder
from argmap.ids import claim_id
from argmap.ingest import load_bytes
from argmap.link.crossdoc import SAME_POINT, STAGE, CrossDocumentLinker
from argmap.model import Claim, Document, Mention, Relation
from argmap.model.amap import ArgumentMap
from argmap.pipeline import Pipeline

EMB = HashingEmbedder()


def make_doc(source: str, items: list[tuple[str, str]]) -> tuple[Document, list[Claim]]:
    """A document whose sentences are ``items`` (text, stance); the first is its main claim."""
    text = " ".join(t for t, _ in items)
    doc = Document.create(text, source)
    claims, pos = [], 0
    for sentence, stance in items:
        start = text.index(sentence, pos)
        end = pos = start + len(sentence)
        claims.append(
            Claim(claim_id(doc.id, start, end), sentence, (Mention.of(doc, start, end),), stance)
        )
    return dataclasses.replace(doc, main_claim=claims[0].id), claims


def make_map(*docs: tuple[Document, list[Claim]], relations=()) -> ArgumentMap:
    return ArgumentMap(
        [d for d, _ in docs], [c for _, cs in docs for c in cs], relations, {"embedder": "hashing"}
    )


def unrelated_pair_map(a: str, b: str) -> ArgumentMap:
    """Two documents whose main claims neither agree nor conflict (so nothing orients them),
    holding ``a`` and ``b``."""
    return make_map(
        make_doc("a.txt", [("Labs publish too little.", "pro"), (a, "pro")]),
        make_doc("b.txt", [("Funding for audits is scarce.", "pro"), (b, "pro")]),
    )


def sim(a: str, b: str) -> float:
    v = EMB.encode([a, b])
    return float(v[0] @ v[1])


def added(before: ArgumentMap, after: ArgumentMap) -> list[Relation]:
    old = {r.key for r in before.relations}
    return [r for r in after.relations if r.key not in old]


def by_text(amap: ArgumentMap, text: str) -> Claim:
    return next(c for c in amap.claims_by_id.values() if c.text == text)


def pair_types(amap: ArgumentMap, rels: list[Relation], a: str, b: str) -> set[tuple[str, str]]:
    """(direction, type) of the relations between the claims with texts a and b."""
    ia, ib = by_text(amap, a).id, by_text(amap, b).id
    out = set()
    for r in rels:
        if (r.source, r.target) == (ia, ib):
            out.add(("a->b", r.type))
        elif (r.source, r.target) == (ib, ia):
            out.add(("b->a", r.type))
    return out


PRO_MAIN = "Open models should be released publicly."
ANTI_MAIN = "Open models should not be released publicly."
EYES = "Many eyes find security flaws faster."
EYES_SLOW = "Many eyes find security flaws too slowly to matter."
VOLUNTEERS = "Volunteer reviewers rarely catch the vulnerabilities attackers use."


class CloseEmbedder(HashingEmbedder):
    """Hashing vectors, except that the texts of ``close`` get nearly the same vector: a
    stand-in for a semantic model that sees two differently worded claims as close."""

    def __init__(self, *close: str) -> None:
        super().__init__()
        self.close = set(close)

    def encode(self, texts):
        out = super().encode(texts)
        shared = super().encode([" ".join(sorted(self.close))])[0]
        for i, t in enumerate(texts):
            if t in self.close:
                v = shared + 0.1 * out[i]
                out[i] = v / np.linalg.norm(v)
        return out


def test_opposite_documents_attack_each_other_across():
    # The two main claims contradict (negation), which puts the documents on opposite sides.
    # The second pair has no polarity cue of its own and shares little wording: each claim
    # backs its own document's main claim, so the attack can only come from the documents'
    # orientation.
    from argmap.judge.polarity import polarity_conflict, shared_words

    emb = CloseEmbedder(EYES, VOLUNTEERS)
    assert not polarity_conflict(EYES, VOLUNTEERS)
    assert shared_words(EYES, VOLUNTEERS) < SAME_POINT
    amap = make_map(
        make_doc("pro.txt", [(PRO_MAIN, "pro"), (EYES, "pro")]),
        make_doc("anti.txt", [(ANTI_MAIN, "pro"), (VOLUNTEERS, "pro")]),
    )
    out = CrossDocumentLinker(emb, min_similarity=0.5).link(amap)
    new = added(amap, out)
    assert pair_types(out, new, EYES, VOLUNTEERS) == {("a->b", "attacks"), ("b->a", "attacks")}
    assert pair_types(out, new, PRO_MAIN, ANTI_MAIN) == {("a->b", "attacks"), ("b->a", "attacks")}
    for r in new:
        assert r.scope == "across" and r.stage == STAGE
        assert r.source != r.target
        assert not set(out.claims_by_id[r.source].documents) & set(
            out.claims_by_id[r.target].documents
        )
        assert 0.5 <= r.confidence <= 1.0
    # the unrelated claims (main claim vs. the many-eyes claims) were not linked
    assert len(new) == 4
    stats = out.metadata["crossdoc_stats"]
    assert stats["links"] == 4 and stats["candidates"] == 2 and stats["documents_oriented"] == 2


AGREE_MAIN = "Open models should be released publicly and freely."
EYES_CODE = "Many eyes find security flaws faster in public code."


@pytest.mark.parametrize(
    "stance, expected",
    [
        ("pro", ["supports"]),  # same side of the debate: one support, no attack
        # the other side grants the same point: still the same point, so no attack
        ("con", ["supports"]),
    ],
)
def test_same_side_documents_support_and_the_same_point_granted_is_no_attack(stance, expected):
    # The main claims are close and agree, so both documents face the same way. Two close
    # claims that share most of their wording make the same point whichever side states it.
    assert sim(PRO_MAIN, AGREE_MAIN) >= 0.6
    assert sim(EYES, EYES_CODE) >= 0.6
    amap = make_map(
        make_doc("pro.txt", [(PRO_MAIN, "pro"), (EYES, "pro")]),
        make_doc("also-pro.txt", [(AGREE_MAIN, "pro"), (EYES_CODE, stance)]),
    )
    out = CrossDocumentLinker(EMB, min_similarity=0.6).link(amap)
    new = added(amap, out)
    got = pair_types(out, new, EYES, EYES_CODE)
    assert sorted(t for _, t in got) == expected
    # the two agreeing main claims support (never attack) each other, in one direction
    assert [t for _, t in pair_types(out, new, PRO_MAIN, AGREE_MAIN)] == ["supports"]


def test_support_points_from_the_less_central_claim_to_the_main_claim():
    main_a = "Open models should be released publicly."
    side_b = "Open models should be released publicly soon by every large lab."
    assert sim(main_a, side_b) >= 0.6
    amap = make_map(
        make_doc("a.txt", [(main_a, "pro"), ("Audits need visible weights.", "pro")]),
        make_doc(
            "b.txt",
            [("Regulators must fund audits of labs.", "pro"), (side_b, "pro")],
        ),
    )
    # The main claims neither agree nor conflict, so the documents cannot be oriented and the
    # pair goes to the classifier, which says "supports".

    class Agree:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str]] = []

        def classify_pairs(self, pairs):
            self.calls.extend(pairs)
            return [("supports", 0.9) for _ in pairs]

    clf = Agree()
    out = CrossDocumentLinker(EMB, min_similarity=0.6, classifier=clf).link(amap)
    new = added(amap, out)
    a_id, b_id = by_text(out, main_a).id, by_text(out, side_b).id
    assert [(r.source, r.target, r.type) for r in new] == [(b_id, a_id, "supports")]
    # the classifier was consulted only because the documents could not be oriented
    assert clf.calls == [(main_a, side_b)] or clf.calls == [(side_b, main_a)]
    # confidence is capped by the similarity of the pair
    assert new[0].confidence == pytest.approx(min(0.9, sim(main_a, side_b)), abs=1e-3)


def test_unoriented_pair_without_polarity_cue_is_left_unlinked():
    # Main claims that neither agree nor conflict give no orientation; with no classifier, a
    # close pair whose wording does not conflict is not guessed at -- it may share its frame and
    # make another point ("helps researchers" / "helps militaries").
    a = "Public weights let researchers test safety claims."
    b = "Public weights let outside researchers test safety claims about frontier systems in depth."
    frame = (
        "Publishing model weights helps academic researchers.",
        "Publishing model weights helps foreign militaries.",
    )
    for x, y in ((a, b), frame):
        assert sim(x, y) >= 0.5
        amap = unrelated_pair_map(x, y)
        out = CrossDocumentLinker(EMB, min_similarity=0.5).link(amap)
        assert added(amap, out) == []
        assert out.metadata["crossdoc_stats"]["candidates"] == 1
        assert out.metadata["crossdoc_stats"]["documents_oriented"] == 0


def test_claims_below_min_similarity_are_not_linked():
    s = sim(EYES, EYES_SLOW)
    docs = (
        make_doc("pro.txt", [(PRO_MAIN, "pro"), (EYES, "pro")]),
        make_doc("anti.txt", [(ANTI_MAIN, "pro"), (EYES_SLOW, "pro")]),
    )
    assert sim(PRO_MAIN, ANTI_MAIN) > s + 0.05  # the main claims stay linked either way
    amap = make_map(*docs)
    below = CrossDocumentLinker(EMB, min_similarity=s - 0.01).link(amap)
    above = CrossDocumentLinker(EMB, min_similarity=s + 0.01).link(amap)
    assert pair_types(below, added(amap, below), EYES, EYES_SLOW)
    assert pair_types(above, added(amap, above), EYES, EYES_SLOW) == set()
    assert pair_types(above, added(amap, above), PRO_MAIN, ANTI_MAIN)
    # and every link made has at least min_similarity between its claims
    for r in added(amap, above):
        src, dst = above.claims_by_id[r.source], above.claims_by_id[r.target]
        assert sim(src.text, dst.text) >= s + 0.01 - 1e-6


def test_claims_of_the_same_document_are_never_linked():
    # Near-identical claims inside one document (and a merged claim that is made in both
    # documents) are left to the per-document stages.
    twin_1 = "Open models should be released publicly today."
    twin_2 = "Open models should be released publicly now."
    doc_a, claims_a = make_doc("a.txt", [(PRO_MAIN, "pro"), (twin_1, "pro"), (twin_2, "con")])
    doc_b, claims_b = make_doc("b.txt", [(ANTI_MAIN, "pro"), ("Weights can leak.", "pro")])
    # one claim made in both documents: mentions in a and b
    shared = claims_a[1].with_(mentions=claims_a[1].mentions + claims_b[1].mentions)
    claims_b = [claims_b[0]]
    amap = ArgumentMap([doc_a, doc_b], [claims_a[0], shared, claims_a[2], *claims_b], [], {})
    out = CrossDocumentLinker(EMB, min_similarity=0.3).link(amap)
    new = added(amap, out)
    assert new, "the two main claims should be linked"
    for r in new:
        sdocs = set(out.claims_by_id[r.source].documents)
        tdocs = set(out.claims_by_id[r.target].documents)
        assert not sdocs & tdocs, (r, sdocs, tdocs)
    assert all(shared.id not in (r.source, r.target) for r in new)


def test_existing_relation_is_not_duplicated_and_one_document_is_left_alone():
    docs = (
        make_doc("pro.txt", [(PRO_MAIN, "pro"), (EYES, "pro")]),
        make_doc("anti.txt", [(ANTI_MAIN, "pro"), (EYES_SLOW, "pro")]),
    )
    mains = (docs[0][1][0].id, docs[1][1][0].id)
    known = Relation(mains[1], mains[0], "attacks", 0.8, "discourse", 1, "across")
    amap = make_map(*docs, relations=[known])
    out = CrossDocumentLinker(EMB, min_similarity=0.5).link(amap)
    between_mains = [r for r in out.relations if {r.source, r.target} == set(mains)]
    assert between_mains == [known]
    assert all({r.source, r.target} != set(mains) for r in added(amap, out))

    single = make_map(docs[0])
    assert CrossDocumentLinker(EMB, min_similarity=0.1).link(single) is single


VOCABULARY = (
    "model weights audit safety labs release code risk public closed open security research "
    "access misuse policy license data compute team patch leak review trust cost market"
)
WORDS = VOCABULARY.split()


def synthetic_map(n_docs: int, per_doc: int = 2, seed: int = 0) -> ArgumentMap:
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        items = [
            (f"Point {i} {j}: " + " ".join(rng.sample(WORDS, 5)) + ".", rng.choice(("pro", "con")))
            for j in range(per_doc)
        ]
        docs.append(make_doc(f"doc{i}.txt", items))
    return make_map(*docs)


def test_candidates_come_from_k_nearest_neighbours_not_all_pairs():
    # min_similarity -1 lets every neighbour through, so the pair count is set by k alone.
    k = 3
    counts = {}
    for n_docs in (20, 40):
        amap = synthetic_map(n_docs)
        n = len(amap)
        stats = (
            CrossDocumentLinker(EMB, k=k, min_similarity=-1.0).link(amap).metadata["crossdoc_stats"]
        )
        assert stats["claims"] == n and stats["k"] == k
        assert stats["neighbours_examined"] == n * k
        # each claim adds at most k unordered pairs and at least k/2 on average
        assert n * k / 2 <= stats["pairs_considered"] <= n * k
        assert stats["pairs_considered"] < n * (n - 1) / 2 / 4
        assert stats["candidates"] <= stats["pairs_considered"]
        counts[n] = stats["pairs_considered"]
    (n1, p1), (n2, p2) = sorted(counts.items())
    assert n2 == 2 * n1
    assert p2 / p1 < 2.6  # linear growth; all pairs would grow about 4x


def test_linker_passes_k_and_min_similarity_to_the_neighbour_search(monkeypatch):
    import argmap.link.crossdoc as crossdoc

    seen = {}
    real = crossdoc.neighbour_pairs

    def spy(vecs, threshold, k=10, approx=None):
        seen["k"], seen["threshold"], seen["n"] = k, threshold, len(vecs)
        return real(vecs, threshold, k=k, approx=approx)

    monkeypatch.setattr(crossdoc, "neighbour_pairs", spy)
    amap = synthetic_map(10)
    CrossDocumentLinker(EMB, k=4, min_similarity=0.65).link(amap)
    assert seen == {"k": 4, "threshold": 0.65, "n": len(amap)}


def test_pipeline_links_contradicting_documents_across():
    texts = {
        "caution.txt": (
            "Frontier model weights should not be published. Open weights are harder to "
            "secure against misuse. Anyone can strip the safeguards from a downloaded model."
        ),
        "openness.txt": (
            "Frontier model weights should be published. Critics say that open weights are "
            "harder to secure against misuse. However, anyone can audit the safeguards of a "
            "downloaded model. Hiding code has never made software safe."
        ),
    }
    docs = [load_bytes(t.encode(), name)[0] for name, t in texts.items()]
    linked = Pipeline.default(embedder=HashingEmbedder()).run(docs)
    plain = Pipeline.default(embedder=HashingEmbedder(), crossdoc=None).run(docs)
    assert linked.metadata["crossdoc"] == "nearest-neighbours"
    assert plain.metadata["crossdoc"] is None and "crossdoc_stats" not in plain.metadata
    assert all(r.scope != "across" for r in plain.relations)
    across = [r for r in linked.relations if r.scope == "across"]
    assert across and all(r.stage == STAGE for r in across)
    # the crossdoc stage only adds relations: everything from the plain build is kept
    assert {r.key for r in plain.relations} <= {r.key for r in linked.relations}
    mains = {d.source: d.main_claim for d in linked.documents.values()}
    a, b = mains["caution.txt"], mains["openness.txt"]
    assert {(r.source, r.target, r.type) for r in across} >= {
        (a, b, "attacks"),
        (b, a, "attacks"),
    }
    # semantics were computed after linking: the new attacks weaken both main claims
    assert {c.id: c.acceptance for c in linked.claims()} == argmap.acceptance(linked)
    for m in (a, b):
        assert plain.claims_by_id[m].acceptance == "in"
        assert linked.claims_by_id[m].strength < plain.claims_by_id[m].strength


EASIER = "Open models are easier to secure than closed ones."
NOT_HARDER = "Open models are not harder to secure than closed ones."


def test_negated_antonym_is_agreement_not_attack():
    amap = make_map(
        make_doc("pro.txt", [(PRO_MAIN, "pro"), (EASIER, "pro")]),
        make_doc("also-pro.txt", [(AGREE_MAIN, "pro"), (NOT_HARDER, "pro")]),
    )
    out = CrossDocumentLinker(EMB, min_similarity=0.5).link(amap)
    types = {t for _, t in pair_types(out, added(amap, out), EASIER, NOT_HARDER)}
    assert types == {"supports"}


@pytest.mark.model
def test_real_model_links_a_direct_rebuttal_across_documents(real_embedder):
    texts = {
        "caution.txt": (
            "Open-weight AI models should not be released. Open models are harder to secure "
            "than closed ones. Once weights leak, nobody can patch every copy."
        ),
        "openness.txt": (
            "Open-weight AI models should be released. Open models are not harder to secure "
            "than closed ones. Security through obscurity never works, and many eyes find "
            "flaws faster."
        ),
        "brief.txt": (
            "Regulators should fund independent audits of AI labs. Closed labs answer only to "
            "their investors. Audit budgets are small."
        ),
    }
    docs = [load_bytes(t.encode(), name)[0] for name, t in texts.items()]
    amap = Pipeline.default(embedder=real_embedder).run(docs)
    harder = next(c for c in amap.claims() if c.text.startswith("Open models are harder"))
    rebuttal = next(c for c in amap.claims() if c.text.startswith("Open models are not harder"))
    assert harder.documents != rebuttal.documents  # dedup kept the opposite claims apart
    across = {(r.source, r.target, r.type) for r in amap.relations if r.scope == "across"}
    assert (rebuttal.id, harder.id, "attacks") in across
    assert (harder.id, rebuttal.id, "attacks") in across
    assert not any(t == "supports" and {s, d} == {harder.id, rebuttal.id} for s, d, t in across)
    # the brief argues something else and is not linked to the security claims
    brief = next(d.id for d in amap.documents.values() if d.source.endswith("brief.txt"))
    for s, d, _ in across:
        assert brief not in amap.claims_by_id[s].documents + amap.claims_by_id[d].documents


@pytest.mark.parametrize(
    ("a", "b", "said"),
    [
        ("Open models are harder to secure.", "Open models are not harder to secure.", -1),
        ("Open models are easier to secure.", "Open models are harder to secure.", -1),
        # an antonym under one more negation says the same again
        ("Open models are easier to secure.", "Open models are not harder to secure.", 1),
        # a negation elsewhere in a long sentence does not deny the shared clause
        (
            "The training data is kept secret.",
            "The training data is kept secret, and the licence has terms no open licence has.",
            1,
        ),
        # a clause that only names the subject restates nothing
        ("Security through obscurity does not work.", "That is security through obscurity.", 0),
        ("Sleeper trains cut emissions.", "Open models are harder to secure.", 0),
    ],
)
def test_same_statement_compares_polarity_clause_by_clause(a: str, b: str, said: int):
    from argmap.judge.polarity import same_statement

    assert same_statement(a, b) == said


def test_label_pair_reads_the_texts_before_the_sides():
    from argmap.link.crossdoc import label_pair

    # a fact both sides cite is the same point, not an attack, though the sides are opposite
    cost_a = "Training a frontier model costs tens of millions of dollars in compute."
    cost_b = "A frontier training run now costs tens of millions of dollars."
    assert label_pair(cost_a, cost_b, 1, -1) == "supports"
    # a claim about a claim disputes the claim it is about, and agrees with its denial
    harder, not_harder = (
        "Open models are harder to secure.",
        "Open models are not harder to secure.",
    )
    for meta in (
        "Saying open models are harder to secure assumes that secrecy protects them.",
        "Saying open models are harder to secure ignores the data.",
        "The claim that open models are harder to secure is wrong.",
    ):
        assert label_pair(meta, harder, 1, 1) == "attacks"
        assert label_pair(meta, not_harder, 1, -1) == "supports"
    # a denial in a main clause reaches what it governs; "don't" is a negation
    assert (
        label_pair("It is not true that tariffs raise prices.", "Tariffs raise prices.", 1, 1)
        == "attacks"
    )
    assert (
        label_pair(
            "Tariffs raise prices for shoppers.", "Tariffs don't raise prices for shoppers.", 1, 1
        )
        == "attacks"
    )
    # different quantities are not the same statement: the sides decide
    costs = ("The bridge costs 12 million dollars.", "The bridge costs 80 million dollars.")
    assert label_pair(*costs, None, None) is None
    # a denial attacks whatever the sides; with nothing to go on, no label
    assert (
        label_pair(
            "Open models are harder to secure.", "Open models are not harder to secure.", 1, 1
        )
        == "attacks"
    )
    assert label_pair(EYES, "Audits need visible weights.", None, None) is None


def test_a_question_is_never_linked_across():
    question = "Should open models be released publicly?"
    amap = make_map(
        make_doc("pro.txt", [(PRO_MAIN, "pro"), (EYES, "pro")]),
        make_doc("forum.txt", [(question, "pro"), ("Audits need visible weights.", "pro")]),
    )
    assert sim(PRO_MAIN, question) >= 0.5
    out = CrossDocumentLinker(EMB, min_similarity=0.5).link(amap)
    q = by_text(out, question).id
    assert not any(q in (r.source, r.target) for r in added(amap, out))


def test_near_paraphrases_of_unoriented_documents_support_each_other():
    # no orientation, no classifier: but the two texts make the same statement
    a = "Public weights let researchers test safety claims."
    b = "Public weights let outside researchers test safety claims."
    amap = unrelated_pair_map(a, b)
    out = CrossDocumentLinker(EMB, min_similarity=0.6).link(amap)
    assert {t for _, t in pair_types(out, added(amap, out), a, b)} == {"supports"}
    assert out.metadata["crossdoc_stats"]["documents_oriented"] == 0


def test_different_figures_do_not_put_documents_on_opposite_sides():
    # Both sides of a debate cite figures: two claims that differ only in theirs keep from
    # merging (dedup) but are no evidence of which side either document is on.
    a = "Training a frontier model costs 12 million dollars in compute."
    b = "Training a frontier model costs 80 million dollars in compute."
    amap = unrelated_pair_map(a, b)
    out = CrossDocumentLinker(EMB, min_similarity=0.6).link(amap)
    assert out.metadata["crossdoc_stats"]["candidates"] == 1
    assert out.metadata["crossdoc_stats"]["documents_oriented"] == 0
    assert added(amap, out) == []
    # a denial still does
    denied = "Training a frontier model does not cost 12 million dollars in compute."
    amap = unrelated_pair_map(a, denied)
    out = CrossDocumentLinker(EMB, min_similarity=0.6).link(amap)
    assert out.metadata["crossdoc_stats"]["documents_oriented"] == 2
