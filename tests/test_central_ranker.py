"""The learned main-claim ranker: its fitting, its weights file, and the choices it makes."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from argmap.embed import HashingEmbedder
from argmap.errors import ArgmapError
from argmap.model import Document
from argmap.parse import discourse as dc
from argmap.parse.ranker import LinearRanker, fit

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "data" / "labelled" / "texts"


def extract(text: str, **options):
    doc = Document.create(text, source="t.txt")
    ext = dc.DiscourseExtractor(embedder=HashingEmbedder(), **options).extract(doc)
    return ext, {c.id: c for c in ext.claims}


def main_claim(text: str, **options) -> str:
    ext, by_id = extract(text, **options)
    return by_id[ext.main_claim].text


def test_central_ranker_fit_learns_which_feature_marks_the_choice() -> None:
    rng = np.random.default_rng(0)

    def group() -> tuple[np.ndarray, int]:
        rows = rng.normal(size=(5, 3))
        gold = int(rng.integers(5))
        rows[:, 1] = 0.0
        rows[gold, 1] = 1.0  # feature "mark" is on exactly at the annotated choice
        return rows, gold

    model = fit([group() for _ in range(60)], ("noise", "mark", "more_noise"))
    assert model.weights[1] > 2 * np.abs(model.weights[[0, 2]]).max()
    held_out = [group() for _ in range(40)]
    assert all(int(np.argmax(model.scores(rows))) == gold for rows, gold in held_out)


def test_central_ranker_weights_round_trip_and_refuse_other_features(tmp_path: Path) -> None:
    model = LinearRanker(("a", "b"), [0.5, -1.25])
    path = tmp_path / "w.json"
    model.dump(path, note="test")
    again = LinearRanker.load(path, ("a", "b"))
    assert again.weights.tolist() == [0.5, -1.25]
    assert json.loads(path.read_text())["note"] == "test"
    assert not list(tmp_path.glob("*.tmp"))
    with pytest.raises(ArgmapError, match=r"w\.json.*other features.*\bc\b"):
        LinearRanker.load(path, ("a", "c"))
    path.write_text("{not json")
    with pytest.raises(ArgmapError, match=r"w\.json: not a ranker weights file"):
        LinearRanker.load(path, ("a", "b"))


def test_central_ranker_shipped_weights_match_the_features() -> None:
    model = LinearRanker.load("central_model.json", dc.CENTRAL_FEATURES)
    assert model.features == dc.CENTRAL_FEATURES
    assert np.isfinite(model.weights).all() and np.abs(model.weights).sum() > 0


def test_central_ranker_finds_a_conclusion_stated_last() -> None:
    # background first, the position last: the hand-set rules take the opening sentence
    text = (
        "Most village halls were built more than fifty years ago. Their roofs leak and their "
        "heating costs a fortune every winter. Volunteers already struggle to keep them open. "
        "For these reasons, I think councils should pay for repairing village halls."
    )
    assert (
        main_claim(text)
        == "For these reasons, I think councils should pay for repairing village halls."
    )
    assert main_claim(text, central_model=None).startswith("Most village halls")


def test_central_ranker_keeps_an_opening_position() -> None:
    text = (
        "Councils should stop mowing road verges in spring. Wild flowers feed bees. "
        "Uncut verges also cost less to look after."
    )
    assert main_claim(text) == "Councils should stop mowing road verges in spring."


def test_central_ranker_never_chooses_a_question_or_an_objection() -> None:
    # weights that want the first and the last unit above everything else
    features = dc.CENTRAL_FEATURES
    eager = LinearRanker(features, [5.0 if f in ("first", "last") else 0.0 for f in features])
    text = (
        "Is a four-day week good for small firms? Staff come back rested. Sick days fall. "
        "Some argue that customers will not accept a closed office on Fridays."
    )
    got = main_claim(text, central_model=eager, lead_prior=0.0)
    assert got not in (
        "Is a four-day week good for small firms?",
        "Some argue that customers will not accept a closed office on Fridays.",
    )


def test_central_ranker_a_main_claim_that_answers_a_concession_makes_it_a_counterclaim() -> None:
    text = (
        "Yes, e-scooters are quick and cheap to ride. But cities should ban rental "
        "e-scooters from pavements. They block wheelchairs and prams. Riders rarely park them "
        "properly."
    )
    ext, by_id = extract(text, role_model=None)  # the rules (the role model: test_role_model)
    assert by_id[ext.main_claim].text == "But cities should ban rental e-scooters from pavements."
    conceded = next(c for c in ext.claims if c.text.startswith("Yes, e-scooters"))
    assert conceded.stance == "con" and conceded.metadata["role"] == "objection"
    rels = dc.DiscourseRelations(HashingEmbedder()).relate(
        Document.create(text, source="t.txt"), ext
    )
    assert any(
        r.source == conceded.id and r.target == ext.main_claim and r.type == "attacks" for r in rels
    )


def test_central_ranker_long_documents_keep_the_rules() -> None:
    # the ranker was trained on short texts; a page of many units is left to the rules
    features = dc.CENTRAL_FEATURES
    wants_last = LinearRanker(features, [9.0 if f == "last" else 0.0 for f in features])
    sentences = [f"Reason number {k} is that the tram line serves district {k}." for k in range(20)]
    text = "The city should build the new tram line. " + " ".join(sentences)
    chosen = main_claim(text, central_model=wants_last)
    assert chosen == main_claim(text, central_model=None)
    assert chosen != sentences[-1]
    short = "The city should build the new tram line. " + " ".join(sentences[:3])
    assert main_claim(short, central_model=wants_last, lead_prior=0.0) == sentences[2]


def test_central_ranker_training_texts_pass_their_checker() -> None:
    sys.path.insert(0, str(TEXTS.parent))
    try:
        import check_texts
    finally:
        sys.path.remove(str(TEXTS.parent))
    files = sorted(TEXTS.glob("*.json"))
    assert files, "data/labelled/texts is empty"
    ids = set()
    for f in files:
        for item in json.loads(f.read_text(encoding="utf-8")):
            for a in item["adus"]:  # stored offsets, read before the checker recomputes them
                assert item["text"][a["start"] : a["end"]] == a["text"], item["id"]
            assert check_texts.check(copy.deepcopy(item)) == [], f"{f.name}: {item['id']}"
            assert item["id"] not in ids
            ids.add(item["id"])
    assert len(ids) >= 200


def test_central_ranker_checker_reports_each_kind_of_mistake() -> None:
    sys.path.insert(0, str(TEXTS.parent))
    try:
        import check_texts
    finally:
        sys.path.remove(str(TEXTS.parent))
    good = {
        "id": "x",
        "text": "Parks need benches. Old people rest there. Some say benches attract litter.",
        "adus": [
            {"id": "a1", "text": "Parks need benches.", "role": "proponent", "central": True},
            {"id": "a2", "text": "Old people rest there.", "role": "proponent", "central": False},
            {"id": "a3", "text": "Some say benches attract litter.", "role": "opponent",
             "central": False},
        ],
        "relations": [
            {"source": "a2", "target": "a1", "type": "sup"},
            {"source": "a3", "target": "a1", "type": "reb"},
        ],
    }  # fmt: skip
    assert check_texts.check(json.loads(json.dumps(good))) == []

    def broken(change) -> str:
        item = json.loads(json.dumps(good))
        change(item)
        return " ".join(check_texts.check(item))

    assert "not in text" in broken(lambda i: i["adus"][1].update(text="Old folk rest there."))
    assert "out of order" in broken(lambda i: i["adus"].reverse())
    assert "two outgoing" in broken(
        lambda i: i["relations"].append({"source": "a2", "target": "a3", "type": "reb"})
    )
    assert "no outgoing relation" in broken(lambda i: i["relations"].pop(0))
    assert "supports a unit of the other side" in broken(
        lambda i: i["relations"][1].update(type="sup")
    )
    assert "central claims" in broken(lambda i: i["adus"][1].update(central=True))
    assert "does not lead to the central claim" in broken(
        lambda i: i["relations"].__setitem__(0, {"source": "a2", "target": "a2", "type": "sup"})
    )
    # texts of a genre (GUIDELINES.md, "Genres") need a known genre and a topic for the split
    assert check_texts.check(json.loads(json.dumps({**good, "genre": "forum", "topic": "t"}))) == []
    assert "genre 'blog'" in broken(lambda i: i.update(genre="blog", topic="t"))
    assert "a topic is needed" in broken(lambda i: i.update(genre="news"))
    assert "2 ADUs" in broken(
        lambda i: (i.update(genre="news", topic="t"), i["adus"].pop(), i["relations"].pop())
    )
    assert "white space" in broken(lambda i: i["adus"][1].update(text="Old people rest there. "))


def test_central_ranker_never_chooses_a_bullet_of_a_headed_list() -> None:
    features = dc.CENTRAL_FEATURES
    eager = LinearRanker(features, [5.0 if f == "last" else 0.0 for f in features])
    text = (
        "The council is reviewing its night buses this winter.\n\n"
        "Against:\nThe buses run almost empty after midnight.\n\n"
        "For:\nShift workers have no other way home.\n"
        "People should not drive home after drinking.\n"
    )
    ext, by_id = extract(text, central_model=eager, lead_prior=0.0)
    assert by_id[ext.main_claim].text == "The council is reviewing its night buses this winter."


def test_central_ranker_bare_name_is_never_read_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "central_model.json").write_text("{not json")
    monkeypatch.chdir(tmp_path)
    assert dc.DiscourseExtractor().central_model is not None  # the shipped weights
    with pytest.raises(ArgmapError, match="not a ranker weights file"):
        dc.DiscourseExtractor(central_model=str(tmp_path / "central_model.json"))


# --- reading the documents of a build together ---------------------------------------------

_LEAVES = (
    "Petrol leaf blowers run on small two-stroke engines. One hour of use pollutes more than a "
    "long drive. Towns should ban petrol leaf blowers. Rakes do the same job in silence."
)
_PEERS = (
    "Towns should ban petrol leaf blowers. Their whine wakes people who work night shifts.",
    "In my view towns should ban petrol leaf blowers, because they blow pollen into the air.",
)
_ELSEWHERE = (
    "School canteens should serve less meat. Children eat enough of it at home.",
    "Libraries should open on Sundays. Working parents have no other free day.",
)


def _lead_only(**options) -> dc.DiscourseExtractor:
    """An extractor whose ranker only knows the opening unit, worth exactly 1.0: whatever the
    peers add decides against it, and nothing else does."""
    weights = [1.0 if f == "lead" else 0.0 for f in dc.CENTRAL_FEATURES]
    ranker = LinearRanker(dc.CENTRAL_FEATURES, weights)
    return dc.DiscourseExtractor(HashingEmbedder(), central_model=ranker, lead_prior=0.0, **options)


def _main(ext: dc.DiscourseExtractor, doc: Document) -> str:
    found = ext.extract(doc)
    return {c.id: c.text for c in found.claims}[found.main_claim]


def test_peer_bonus_counts_only_closeness_above_the_floor() -> None:
    vecs = np.eye(3)
    peers = np.array([[1.0, 0.0, 0.0], [0.0, 0.6, 0.8]])
    bonus = dc.peer_bonus(vecs, dc.Peers(peers), weight=2.0)
    # unit 0 equals a peer; unit 1 is 0.6 close to one (just above the 0.5 floor); unit 2 is
    # 0.8 close, but only 0.8 - 0.5 counts
    assert bonus == pytest.approx([2.0 * 0.5, 2.0 * 0.1, 2.0 * 0.3])
    assert not dc.peer_bonus(vecs, None).any()
    assert not dc.peer_bonus(vecs, dc.Peers(np.zeros((0, 3)))).any()
    # a document is not its own peer: its row is passed over, not copied out
    assert dc.peer_bonus(vecs, dc.Peers(peers, own=0), weight=2.0) == pytest.approx([0, 0.2, 0.6])
    assert not dc.peer_bonus(vecs, dc.Peers(peers[:1], own=0)).any()


def test_documents_read_together_lean_toward_the_main_claim_their_peers_share() -> None:
    doc = Document.create(_LEAVES, source="leaves.txt")
    peers = [Document.create(t, source=f"peer{i}.txt") for i, t in enumerate(_PEERS)]
    ext = _lead_only()
    alone = _main(ext, doc)
    assert alone.startswith("Petrol leaf blowers run on")  # the opening unit, as the ranker says

    ext.prepare([doc, *peers])
    assert _main(ext, doc) == "Towns should ban petrol leaf blowers."

    ext.prepare([])  # forgotten: the next document is read alone again
    assert _main(ext, doc) == alone


def test_peers_on_other_questions_or_switched_off_change_nothing() -> None:
    doc = Document.create(_LEAVES, source="leaves.txt")
    alone = _main(_lead_only(), doc)
    others = [Document.create(t, source=f"o{i}.txt") for i, t in enumerate(_ELSEWHERE)]
    ext = _lead_only()
    ext.prepare([doc, *others])
    assert _main(ext, doc) == alone  # nothing in them comes near the floor

    off = _lead_only(peer_weight=0.0)
    off.prepare([doc, *(Document.create(t, source=f"p{i}.txt") for i, t in enumerate(_PEERS))])
    assert _main(off, doc) == alone

    one = _lead_only()
    one.prepare([doc])  # a build of one document has no peers
    assert _main(one, doc) == alone


def test_pipeline_option_reads_each_document_alone() -> None:
    from argmap.pipeline import Pipeline

    docs = [Document.create(t, source=f"p{i}.txt") for i, t in enumerate((_LEAVES, *_PEERS))]
    together = Pipeline.default(embedder=HashingEmbedder()).extractor
    together.prepare(docs)
    peers = together.peers_of(docs[0].id)
    assert peers.vecs.shape[0] == 3 and peers.own == 0
    alone = Pipeline.default(embedder=HashingEmbedder(), peer_weight=0.0).extractor
    alone.prepare(docs)
    assert alone.peers_of(docs[0].id) is None


def test_an_embedder_that_fails_leaves_each_document_read_alone() -> None:
    calls = []

    class Broken(HashingEmbedder):
        def encode(self, texts):
            calls.append(len(texts))
            raise ArgmapError("model folder missing")

    ext = dc.DiscourseExtractor(Broken())
    docs = [Document.create(t, source=f"p{i}.txt") for i, t in enumerate((_LEAVES, *_PEERS))]
    ext.prepare(docs)
    assert ext.peers_of(docs[0].id) is None
    assert len(calls) == 1  # gives up at the first failure instead of failing once per document


def test_the_author_s_own_story_is_evidence_not_the_main_claim() -> None:
    text = (
        "I grew up in a town with a deposit on bottles. Every state should adopt one. "
        "Kids collected every can on the verge. Return rates double wherever deposits are tried."
    )
    assert main_claim(text) == "Every state should adopt one."
    told = ("I live in Leeds.", "When I was a child, we walked to school.", "My son was ill.")
    assert all(dc.cues.ANECDOTE.search(t) for t in told)
    views = (
        "I think deposits work.",
        "In my experience, buying them is the smarter choice.",
        "My daughter deserves a school that teaches music.",
        "I have seen enough to know the ban works.",
        "As I was saying, the ban is right.",
    )
    assert not any(dc.cues.ANECDOTE.search(t) for t in views)


def test_the_objector_s_reason_is_not_the_main_claim() -> None:
    text = (
        "Some people say leaf blowers should be banned because they are too loud for everyone. "
        "Blowers save park staff hours of work. Quiet electric models exist."
    )
    assert main_claim(text) != "because they are too loud for everyone."
