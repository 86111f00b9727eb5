"""Growing a map: an add gives the map a full build of all the documents gives, keeps the ids of
what was there, changes nothing when nothing is new, replaces a changed file, and asks the
models only about new text (the sidecar of vectors and verdicts), rebuilding a sidecar that is
missing or stale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import argmap
from argmap.embed import HashingEmbedder
from argmap.embed.base import CachedEmbedder
from argmap.embed.fingerprint import PROBES
from argmap.grow import grower_for, sidecar
from argmap.ingest import load_bytes, load_documents
from argmap.model.amap import ArgumentMap
from argmap.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
QUESTION = "Should AI models be open source?"


class CountingEmbedder(HashingEmbedder):
    """The hashing fake, noting every text it is asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode(self, texts):  # type: ignore[no-untyped-def]
        self.seen += [t for t in texts if t not in PROBES]
        return super().encode(texts)


def pipeline() -> Pipeline:
    return Pipeline.default(CachedEmbedder(HashingEmbedder()))


def content(amap: ArgumentMap) -> tuple:
    """The map as sets, so document order does not count."""
    return (
        {c.id: json.dumps(c.to_dict(), sort_keys=True) for c in amap.claims()},
        sorted(json.dumps(r.to_dict(), sort_keys=True) for r in amap.relations),
        {d: (x.main_claim, x.position) for d, x in amap.documents.items()},
        sorted(json.dumps(k.to_dict(), sort_keys=True) for k in amap.key_points or []),
    )


@pytest.fixture(scope="module")
def docs():
    return load_documents([CORPUS]).documents


def test_grow_an_add_gives_the_full_build(docs) -> None:
    first = pipeline().run(docs[:7], question=QUESTION)
    grown = first.add_documents(docs[7:], embedder="hashing")
    full = pipeline().run(docs, question=QUESTION)
    assert len(grown.documents) == len(docs)
    assert content(grown) == content(full)
    assert grown.metadata["question"]["text"] == QUESTION  # a given question stays given
    # the claims of the documents that were there keep their ids
    new_docs = {d.id for d in docs[7:]}
    for c in first.claims():
        home = next(g for g in grown.claims() if set(c.mentions) <= set(g.mentions))
        if not any(m.document in new_docs for m in home.mentions):
            assert home.id == c.id


def test_grow_adding_what_is_there_changes_nothing(docs) -> None:
    amap = pipeline().run(docs[:4])
    assert amap.add_documents(docs[:4], embedder="hashing") is amap
    grown = amap.add_documents(docs[2:6], embedder="hashing")
    again = grown.add_documents(docs[:6], embedder="hashing")
    assert again is grown and again.to_dict() == grown.to_dict()


def test_grow_a_changed_file_replaces_its_old_version(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Cities should ban cars. Cars make the air dirty.", encoding="utf-8")
    b.write_text("Bike lanes save lives. Drivers see cyclists more.", encoding="utf-8")
    amap = argmap.build([tmp_path], embedder="hashing", debate=None)
    old_a = next(d for d in amap.documents.values() if d.source.endswith("a.txt"))
    a.write_text("Cities should not ban cars. Deliveries need roads.", encoding="utf-8")
    grown = amap.add_documents([a], embedder="hashing")
    sources = sorted(Path(d.source).name for d in grown.documents.values())
    assert sources == ["a.txt", "b.txt"]
    assert old_a.id not in grown.documents
    texts = {c.text for c in grown.claims()}
    assert "Deliveries need roads." in texts and "Cars make the air dirty." not in texts
    assert "Bike lanes save lives." in texts


def test_grow_the_models_read_only_new_text(tmp_path: Path, docs, monkeypatch) -> None:
    path = tmp_path / "map.json"
    p = pipeline()
    grower = argmap.grow.Grower(p)
    first = grower.build(docs[:7], question=QUESTION)
    grower.save(path, first)
    assert sidecar.path_for(path).is_file()
    old_texts = {t for c in first.claims() for t in (c.text, *(m.text for m in c.members))}
    asked: list[str] = []
    from argmap.judge.cross import CrossJudge

    real = CrossJudge.stance

    def counting(self, question, claims):  # type: ignore[no-untyped-def]
        asked.extend(claims)
        return real(self, question, claims)

    monkeypatch.setattr(CrossJudge, "stance", counting)
    counter = CountingEmbedder()
    grown = argmap.add_documents(first, docs[7:], map_path=path, embedder=counter)
    assert len(grown.documents) == len(docs)
    assert counter.seen and not set(counter.seen) & old_texts  # vectors came from the sidecar
    assert asked and not set(asked) & {c.text for c in first.claims()}  # so did the verdicts
    # without the sidecar every text is encoded again
    sidecar.path_for(path).unlink()
    counter = CountingEmbedder()
    argmap.add_documents(first, docs[7:], map_path=path, embedder=counter)
    assert set(counter.seen) & old_texts


def test_grow_a_stale_sidecar_is_ignored_and_written_anew(tmp_path: Path, docs) -> None:
    path = tmp_path / "map.json"
    grower = argmap.grow.Grower(pipeline())
    first = grower.build(docs[:3])
    grower.save(path, first)
    other = pipeline().run(docs[3:5])
    other.save(path)  # another map saved over it, sidecar left behind
    key = argmap.grow.add.model_key(CachedEmbedder(HashingEmbedder()))
    assert sidecar.load(path, other, key) is None
    assert sidecar.load(path, first, key) is not None  # still right for the map it was made for
    g = grower_for(other, path, embedder="hashing")
    grown = g.add(other, docs[5:6])
    g.save(path, grown)
    fresh = sidecar.load(path, grown, key)
    assert fresh is not None and fresh.vectors
    v = next(iter(fresh.vectors.values()))
    assert isinstance(v, np.ndarray) and v.dtype == np.float32
    # a torn or foreign file is no sidecar, never an error
    sidecar.path_for(path).write_bytes(b"not an npz")
    assert sidecar.load(path, grown, key) is None


def test_grow_cli_build_then_add(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, text in enumerate(
        [
            "Towns should build trams. Trams carry more people than buses.",
            "Trams are too expensive. The money would buy many buses.",
        ]
    ):
        (folder / f"d{i}.txt").write_text(text, encoding="utf-8")
    more = tmp_path / "more.txt"
    more.write_text("Trams last for decades. Buses wear out in ten years.", encoding="utf-8")
    out = tmp_path / "map.json"

    def argmap_cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "argmap", *args], capture_output=True, text=True, timeout=300
        )

    r = argmap_cli("build", str(folder), "-o", str(out), "--embedder", "hashing", "-q")
    assert r.returncode == 0, r.stderr
    assert sidecar.path_for(out).is_file()
    r = argmap_cli("add", str(out), str(more), "-o", str(out), "--embedder", "hashing", "-q")
    assert r.returncode == 0, r.stderr
    grown = ArgumentMap.load(out)
    assert len(grown.documents) == 3
    assert "Trams last for decades." in {c.text for c in grown.claims()}
    r = argmap_cli("add", str(out), str(more), "-o", str(out), "--embedder", "hashing", "-q")
    assert r.returncode == 0 and "nothing new" in r.stderr
    assert ArgumentMap.load(out).to_dict() == grown.to_dict()


def test_grow_uploaded_documents_in_memory() -> None:
    doc, _ = load_bytes(b"Schools should start later. Teenagers sleep late.", "upload.txt")
    amap = argmap.build_documents([doc], embedder="hashing", debate=None)
    doc2, _ = load_bytes(b"Later starts cost parents time. Buses run at set hours.", "u2.txt")
    grown = amap.add_documents(doc2, embedder="hashing")
    assert len(grown.documents) == 2


def test_grow_refuses_an_imported_map(tmp_path: Path) -> None:
    from argmap.errors import ArgmapError
    from argmap.interchange import import_text

    aif = Path(__file__).resolve().parent / "aif" / "dialogue-l-ya-ta.json"
    amap = import_text(aif.read_text(encoding="utf-8"), "json", source="d.json")
    doc, _ = load_bytes(b"Meetings should stay in person. People talk more.", "m.txt")
    with pytest.raises(ArgmapError, match="imported"):
        amap.add_documents(doc, embedder="hashing")


def test_grow_verdicts_of_other_judge_weights_are_not_reused(tmp_path: Path, docs) -> None:
    path = tmp_path / "map.json"
    grower = argmap.grow.Grower(pipeline())
    first = grower.build(docs[:3], question=QUESTION)
    grower.save(path, first)
    loaded = ArgumentMap.load(path)
    assert grower_for(loaded, path, embedder="hashing").verdicts  # the same judge: reused
    # the map says another judge read it (weights retrained since): its verdicts are dropped
    loaded.metadata["pipeline"]["debate"]["judge_weights"] = "0" * 16
    g = grower_for(loaded, path, embedder="hashing")
    assert g.verdicts == {}
    assert g.pipeline.embedder.known()  # the vectors still are
