"""Each document has a time budget: one that overruns is named and skipped, the others built."""

from __future__ import annotations

import time

import pytest

from argmap.budget import OverBudget, budget, check
from argmap.embed import HashingEmbedder
from argmap.errors import ArgmapError
from argmap.ingest import load_bytes
from argmap.pipeline import Pipeline


def test_budget_check_raises_once_the_time_is_up() -> None:
    check()  # outside any budget: never
    with budget(0.01, "slow.txt"):
        check()
        time.sleep(0.03)
        with pytest.raises(OverBudget, match=r"slow\.txt: took longer than the 0\.01 s budget"):
            check()
    check()  # the budget ends with its block


def test_budget_a_document_that_overruns_is_named_and_the_rest_built() -> None:
    big = " ".join(f"Claim number {i} says towns should plant trees." for i in range(20_000))
    docs = [
        load_bytes(big.encode(), "huge.txt")[0],
        load_bytes(b"Towns should plant trees. Trees cool the streets.", "small.txt")[0],
    ]
    p = Pipeline.default(HashingEmbedder(), debate=None, crossdoc=None, document_budget=0.5)
    amap = p.run(docs)
    assert [d.source for d in amap.documents.values()] == ["small.txt"]
    (problem,) = amap.metadata["problems"]
    assert problem["source"] == "huge.txt" and "budget" in problem["reason"]
    assert amap.metadata["document_budget"] == 0.5
    # with the default budget the same document is read
    assert Pipeline.default(HashingEmbedder(), debate=None, crossdoc=None).document_budget == 120.0


@pytest.mark.parametrize("bad", [0, -1, "fast", True])
def test_budget_must_be_a_positive_number(bad) -> None:
    with pytest.raises(ArgmapError, match="document_budget"):
        Pipeline.default(HashingEmbedder(), debate=None, document_budget=bad)
