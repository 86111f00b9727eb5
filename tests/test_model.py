import pytest

from argmap.errors import MentionError
from argmap.model import Claim, Document, Mention, Relation


def make_doc(text="Open models help research. Closed models hide their flaws."):
    return Document.create(text, "mem://doc.txt", "A doc")


def test_model_document_id_is_content_hash():
    a, b = make_doc(), make_doc()
    assert a.id == b.id
    assert make_doc("Something else entirely here.").id != a.id


def test_model_mention_checks_offsets():
    doc = make_doc()
    m = Mention.of(doc, 0, 25)
    assert m.text_in(doc) == "Open models help research"
    with pytest.raises(MentionError):
        Mention.of(doc, 10, 5)
    with pytest.raises(MentionError):
        Mention.of(doc, 0, len(doc.text) + 1)
    with pytest.raises(MentionError):
        Mention.of(Document.create("a    b", "x"), 1, 4)  # blank


def test_model_claim_and_relation_round_trip():
    doc = make_doc()
    c = Claim(
        "c1",
        "Open models help research",
        (Mention.of(doc, 0, 25),),
        "pro",
        0.8,
        "test",
        metadata={"role": "central"},
    )
    d = c.to_dict({doc.id: doc})
    assert d["mentions"][0]["text"] == "Open models help research"
    assert Claim.from_dict(d) == c
    r = Relation("c2", "c1", "attacks", 0.5, "test")
    assert Relation.from_dict(r.to_dict()) == r
    with pytest.raises(ValueError):
        Relation("a", "b", "refutes")


def test_model_claim_needs_a_mention():
    with pytest.raises(MentionError):
        Claim("c", "text", ())
