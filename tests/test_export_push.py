"""Pushing to a real SPARQL 1.1 server: a local Oxigraph (from PyPI) on a loopback port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_export_helpers import sample_map

from argmap.errors import ArgmapError
from argmap.interchange.push import push

GRAPH = "https://example.org/graphs/debate"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _oxigraph() -> str:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(exe).exists():
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    return exe


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    exe = _oxigraph()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(tmp_path / "ox"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _select(base, "ASK {}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"oxigraph did not start: {err[-500:]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _select(base: str, query: str) -> dict:
    body = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(
        f"{base}/query",
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.loads(resp.read())


def _count(base: str, where: str) -> int:
    q = (
        "PREFIX argmap: <https://argmap.dev/ns#> "
        f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {where} }}"
    )
    return int(_select(base, q)["results"]["bindings"][0]["n"]["value"])


def test_export_push_graph_store_put_then_query(server: str) -> None:
    amap = sample_map()
    res = push(amap, f"{server}/store", GRAPH)
    assert res.status in (200, 201, 204)
    assert res.url.endswith("?graph=" + urllib.parse.quote(GRAPH, safe=""))
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == len(amap) == 5
    assert _count(server, "?c a argmap:Claim") == 0  # nothing went to the default graph
    push(amap, f"{server}/store", GRAPH)  # PUT replaces: still five, not ten triples each
    rows = _select(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")
    assert int(rows["results"]["bindings"][0]["n"]["value"]) == res.triples


def test_export_push_sparql_update_to_default_graph(server: str) -> None:
    amap = sample_map()
    push(amap, f"{server}/update", protocol="update")
    assert _count(server, "?c a argmap:Claim") == 5
    text = amap.claims_by_id["c_critics"].text
    rows = _select(
        server,
        "PREFIX aif: <http://www.arg.tech/aif#> "
        "SELECT ?t WHERE { ?c a <https://argmap.dev/ns#Claim> ; "
        '<https://argmap.dev/ns#id> "c_critics" ; aif:claimText ?t }',
    )
    assert rows["results"]["bindings"][0]["t"]["value"] == text


def test_export_push_cli(server: str, tmp_path: Path) -> None:
    from test_export_cli import run_cli

    path = tmp_path / "map.json"
    sample_map().save(path)
    code, _out, err = run_cli(
        ["push", str(path), "--endpoint", f"{server}/store", "--graph", GRAPH]
    )
    assert code == 0, err
    assert "pushed" in err
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 5


def test_export_push_dead_server_is_a_clear_error() -> None:
    port = _free_port()  # nothing listens there
    with pytest.raises(ArgmapError, match="cannot reach"):
        push(sample_map(), f"http://127.0.0.1:{port}/store", timeout=2)


def test_export_push_silent_server_times_out() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)  # accepts the connection, never answers
        port = s.getsockname()[1]
        t0 = time.monotonic()
        with pytest.raises(ArgmapError, match="no answer within"):
            push(sample_map(), f"http://127.0.0.1:{port}/store", timeout=0.5)
        assert time.monotonic() - t0 < 10


def test_export_push_rejects_bad_urls_and_graph_names() -> None:
    with pytest.raises(ArgmapError, match="not an http"):
        push(sample_map(), "file:///etc/passwd")
    with pytest.raises(ArgmapError, match="not an absolute IRI"):
        push(sample_map(), "http://127.0.0.1:1/update", "x> } DROP ALL {", protocol="update")


def _smaller_map():
    amap = sample_map()
    amap.claims_by_id.pop("c_yet")
    amap.relations = [r for r in amap.relations if "c_yet" not in (r.source, r.target)]
    return amap


def test_export_push_append_adds_and_replace_replaces(server: str) -> None:
    other = "https://example.org/graphs/other"
    push(sample_map(), f"{server}/store", other)  # a graph that later pushes must not touch
    small = _smaller_map()
    push(small, f"{server}/store", GRAPH)
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 4
    # --append (POST) adds the full map's claims to what is there: the union
    push(sample_map(), f"{server}/store", GRAPH, replace=False)
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 5
    # a replacing push of the smaller map takes the extra claim away again
    push(small, f"{server}/store", GRAPH)
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 4
    assert _count(server, f"GRAPH <{other}> {{ ?c a argmap:Claim }}") == 5


def test_export_push_sparql_update_to_a_named_graph(server: str) -> None:
    push(sample_map(), f"{server}/update", protocol="update")  # the default graph: untouched
    push(sample_map(), f"{server}/update", GRAPH, protocol="update")
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 5
    push(_smaller_map(), f"{server}/update", GRAPH, protocol="update")  # DROP, then INSERT
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 4
    push(sample_map(), f"{server}/update", GRAPH, protocol="update", replace=False)
    assert _count(server, f"GRAPH <{GRAPH}> {{ ?c a argmap:Claim }}") == 5
    assert _count(server, "?c a argmap:Claim") == 5  # the default graph kept its own copy
