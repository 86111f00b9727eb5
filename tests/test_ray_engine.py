"""``--engine ray`` on a real local Ray cluster the tests start (``ray.init(num_cpus=2)``) and
stop: the bundled corpus gives the map a local build gives, claim for claim and edge for edge;
a bad file is named and the rest built; the CLI starts a cluster of its own when given no
address."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
QUESTION = "Should AI models be open source?"


@pytest.fixture(scope="module")
def cluster():
    """A real local Ray cluster, started here with 2 CPUs and stopped after."""
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"HF_HUB_OFFLINE": "1"}},
    )
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_build_equals_the_local_build(cluster) -> None:
    import argmap
    from argmap.pipeline import Pipeline
    from argmap.scale.ray_engine import build_with_ray

    on_ray = build_with_ray([CORPUS], Pipeline.default(), QUESTION).to_dict()
    assert cluster.is_initialized()  # it ran on the cluster the test started, and left it up
    local = argmap.build([CORPUS], question=QUESTION).to_dict()
    assert len(on_ray["documents"]) == len(local["documents"]) == 10
    assert on_ray["documents"] == local["documents"]
    assert on_ray["claims"] == local["claims"]  # claim for claim
    assert on_ray["relations"] == local["relations"]  # edge for edge
    assert on_ray["key_points"] == local["key_points"]
    assert on_ray["metadata"] == local["metadata"]


def test_ray_engine_names_a_bad_file_and_builds_the_rest(cluster, tmp_path: Path) -> None:
    from argmap.scale.ray_engine import build_with_ray

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Towns should build trams. Trams carry more people than buses.", encoding="utf-8"
    )
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    amap = build_with_ray([folder])
    assert len(amap.documents) == 1
    (problem,) = [p for p in amap.metadata["problems"] if p["severity"] == "error"]
    assert problem["source"].endswith("bad.pdf")


def test_ray_cli_starts_its_own_local_cluster(tmp_path: Path) -> None:
    """``--engine ray`` with no address: a local cluster for the build, stopped after."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Towns should build trams. Trams carry more people than buses.", encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        "Trams cost too much. The same money buys many buses.", encoding="utf-8"
    )
    maps = []
    for extra in (["--engine", "ray"], []):
        out = tmp_path / f"map-{len(extra)}.json"
        proc = subprocess.run(
            [sys.executable, "-m", "argmap", "build", str(folder), "-o", str(out), "-q", *extra],
            capture_output=True,
            text=True,
            env={**os.environ, "HF_HUB_OFFLINE": "1", "RAY_USAGE_STATS_ENABLED": "0"},
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        maps.append(json.loads(out.read_text(encoding="utf-8")))
    assert maps[0]["claims"] == maps[1]["claims"] and maps[0]["relations"] == maps[1]["relations"]
