"""Time from page load to the debate view and to a settled graph, for a synthetic map, in Chromium.

    .venv/bin/python bench/bench_app.py [--claims 2000] [--caps 400,2000]

For each node cap it starts ``streamlit run app.py`` (ARGMAP_MAX_NODES=cap), opens the page,
waits for the debate view (the first tab), opens the Network tab and waits for
``window.argmapStable`` in the graph frame (set by argmap.view.network's injected JS when
physics has stopped, or after the first drawing when positions come from the server). It
reports the wall time of a cold load (server builds the view) and of a warm reload (cached).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.model import Claim, Document, Mention, Relation  # noqa: E402
from argmap.model.amap import ArgumentMap  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WORDS = [
    "open",
    "models",
    "weights",
    "safety",
    "audit",
    "security",
    "risk",
    "research",
    "cost",
    "access",
    "public",
    "policy",
    "regulation",
    "innovation",
    "harm",
    "misuse",
    "transparency",
    "labs",
    "states",
    "data",
    "compute",
    "release",
]


def synthetic_map(n_claims: int, n_docs: int = 40, seed: int = 7) -> ArgumentMap:
    """Random sentences in ``n_docs`` documents, about 1.5 relations per claim, some shared."""
    rng = random.Random(seed)
    per_doc = n_claims // n_docs
    docs: list[Document] = []
    claims: list[Claim] = []
    for d in range(n_docs):
        sents = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
            + f" {d}-{i}."
            for i in range(per_doc)
        ]
        doc = Document.create(" ".join(sents), f"doc{d:03}.txt", f"Document {d}")
        docs.append(doc)
        pos = 0
        for i, s in enumerate(sents):
            claims.append(
                Claim(
                    f"c{d:03}{i:04}",
                    s,
                    (Mention.of(doc, pos, pos + len(s)),),
                    rng.choice(["pro", "con"]),
                    round(rng.uniform(0.4, 0.95), 2),
                    acceptance=rng.choice(["in", "out", "undecided"]),
                )
            )
            pos += len(s) + 1
    rels = []
    for _ in range(int(len(claims) * 1.5)):
        a, b = rng.sample(claims, 2)
        rels.append(
            Relation(
                a.id, b.id, rng.choice(["supports", "attacks"]), round(rng.uniform(0.4, 0.95), 2)
            )
        )
    return ArgumentMap(docs, claims, rels)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(map_path: Path, cap: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(
        os.environ,
        ARGMAP_MAP=str(map_path),
        ARGMAP_EMBEDDER="hashing",
        ARGMAP_MAX_NODES=str(cap),
        HF_HUB_OFFLINE="1",
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start")


def time_load(page, url: str) -> tuple[float, float, float, int]:
    """(seconds from goto to the debate view shown, to the settled graph after the Network tab
    is opened, seconds the graph frame itself took, nodes drawn)."""
    t0 = time.perf_counter()
    page.goto(url)
    # the app opens on the debate: its tab panel is up once the page is usable
    page.locator("#argmap-question").wait_for(timeout=300_000)
    debate = time.perf_counter() - t0
    page.get_by_role("tab", name="Network").click()
    # the pyvis page sits in a sandboxed frame inside the graph component's frame
    page.frame_locator("iframe").first.frame_locator("iframe").first.locator(
        "#mynetwork canvas"
    ).wait_for(timeout=300_000)
    frame = next(f for f in page.frames if f.evaluate("typeof vis !== 'undefined'"))
    frame.wait_for_function("window.argmapStable === true", timeout=300_000)
    wall = time.perf_counter() - t0
    in_frame = frame.evaluate("window.argmapStableAt") / 1000
    return debate, wall, in_frame, int(frame.evaluate("nodes.length"))


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=2000)
    ap.add_argument("--caps", default="400,2000", help="node caps to try, comma-separated")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.json"
        amap = synthetic_map(args.claims)
        from argmap.debate import Debate
        from argmap.embed import HashingEmbedder

        # the app opens on the debate: the map needs its question, sides and key points
        amap = Debate(HashingEmbedder()).analyse(amap, "Should AI models be open source?")
        amap.save(path)
        print(f"map: {amap!r}")
        for cap in (int(c) for c in args.caps.split(",")):
            proc, url = start(path, cap)
            try:
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    cold = time_load(page, url)
                    warm = time_load(page, url)
                    browser.close()
            finally:
                proc.terminate()
                proc.wait(timeout=20)
            for name, (debate, wall, frame_s, n) in (("cold", cold), ("warm", warm)):
                print(
                    f"cap {cap:5}: {n:5} nodes drawn, {name}: page load -> debate view "
                    f"{debate:5.1f} s, -> Network tab's settled graph {wall:5.1f} s "
                    f"(graph frame alone {frame_s:4.1f} s)"
                )


if __name__ == "__main__":
    main()
