"""The app in a real headless Chromium: graph, search, selection, and a hostile upload.

Starts ``streamlit run app.py`` on a free port against a map built here, and drives Debian's
/usr/bin/chromium through Playwright (no browser is ever downloaded). Screenshots go to
``test-output/``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import argmap

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "test-output"
CLAIM = "Open models are harder to secure."

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is not installed"),
]
sync_api = pytest.importorskip("playwright.sync_api")

DOCS = {
    "security-essay.txt": (
        "Open models should not be released without review. Open models are harder to secure. "
        "Anyone can remove the safety training from released weights."
    ),
    "open-advocate.txt": (
        "Open models accelerate innovation. Critics say that open models are harder to secure. "
        "However, many eyes find flaws faster than a small team. "
        "Security through obscurity has never worked."
    ),
    "policy-brief.txt": (
        "Regulators should require audits for frontier models. Open models are harder to "
        "secure. Once weights are public they cannot be withdrawn. But audits are possible "
        "only when weights are visible."
    ),
}
SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_TXT = (
    f"Closed models should be the default for frontier labs. Attackers read the weights {SCRIPT} "
    f"and strip the filters within days. However, {IMG} audits catch most problems early."
).encode()
HOSTILE_HTML = (
    "<html><head><title>Hostile page</title></head><body><article>"
    f"<p>Closed models should be the default for frontier labs. {SCRIPT}</p>"
    f"<p>However, {IMG} open audits catch most problems early.</p>"
    "</article></body></html>"
).encode()
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SERVERS: dict[str, int] = {}  # url -> the streamlit process behind it


@contextmanager
def streamlit_app(map_path: Path, log_dir: Path, **env_extra: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port, serving ``map_path``; yields its URL."""
    port = free_port()
    env = dict(os.environ, ARGMAP_MAP=str(map_path), HF_HUB_OFFLINE="1", **env_extra)
    log_path = log_dir / "streamlit.log"
    with log_path.open("wb") as log:
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
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        SERVERS[url] = proc.pid
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                        if r.read().strip() == b"ok":
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "streamlit did not start:\n" + log_path.read_text(errors="replace")
                    )
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from argmap.embed import HashingEmbedder
    from argmap.ingest import load_bytes
    from argmap.pipeline import Pipeline

    tmp = tmp_path_factory.mktemp("browser")
    docs = [load_bytes(text.encode(), name)[0] for name, text in DOCS.items()]
    path = tmp / "map.json"
    Pipeline.default(embedder=HashingEmbedder()).run(docs).save(path)
    with streamlit_app(path, tmp, ARGMAP_EMBEDDER="hashing") as url:
        yield url


@pytest.fixture()
def page(server: str) -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        pg.set_default_timeout(30_000)
        try:
            yield pg
        finally:
            browser.close()


def graph_frame(page, selected: str | None = None):  # -> playwright Frame
    """The pyvis page (a sandboxed frame inside the graph component's frame), once its canvas
    exists and the layout has settled -- with the claim whose text starts with ``selected``
    drawn as selected, when given, so a page still showing the previous selection is not
    taken for the new one. The network is the app's second tab (the debate view is the
    first), so that tab is opened first."""
    tab = page.get_by_role("tab", name="Network")
    tab.wait_for()
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
    page.frame_locator("iframe").first.frame_locator("iframe").first.locator(
        "#mynetwork canvas"
    ).wait_for()
    ready = (
        "sel => window.argmapStable === true && (sel === null || "
        "nodes.get().some(n => n.borderWidth === 5 && n.title.startsWith(sel)))"
    )
    last: Exception | None = None
    for _ in range(20):  # the frame reloads when the app redraws: retry on a lost context
        try:
            frame = next(f for f in page.frames if f.evaluate("typeof vis !== 'undefined'"))
            frame.wait_for_function(ready, arg=selected, timeout=60_000)
            return frame
        except (sync_api.Error, StopIteration) as e:
            last = e
            page.wait_for_timeout(250)
    raise AssertionError(f"the graph never settled: {last}")


def node_point(page, frame, node: str) -> tuple[float, float]:
    """Where on the page the centre of ``node`` is drawn, with the graph scrolled into view."""
    inner = page.frame_locator("iframe").first.locator("iframe").first
    inner.scroll_into_view_if_needed()
    box = inner.bounding_box()
    xy = frame.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", node)
    return box["x"] + xy["x"], box["y"] + xy["y"]


def pwned_anywhere(page) -> list[str]:
    hits = []
    for f in page.frames:
        state = f.evaluate("[typeof window.__pwned, typeof window.pwned]")
        if state != ["undefined", "undefined"]:
            hits.append(f"{f.url}: {state}")
    return hits


def test_browser_explore_then_hostile_upload(page, server: str):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    external: list[str] = []
    page.on(
        "request",
        lambda r: (
            external.append(r.url)
            if not r.url.startswith((server, "data:", "about:", "blob:"))
            else None
        ),
    )

    page.goto(server)
    page.get_by_role("heading", name="argmap").wait_for()
    frame = graph_frame(page)
    assert frame.evaluate("nodes.length") >= 8
    assert frame.locator("#argmap-legend").inner_text().count("attacks") == 1

    # search by meaning, then pick the claim from the results
    page.get_by_placeholder("e.g. open models security").fill("harder to secure")
    page.keyboard.press("Enter")
    page.get_by_role("button", name=re.compile(r"^Open models are harder to secure")).first.click()
    page.get_by_text("Sources (3)").wait_for()
    page.locator("mark", has_text=CLAIM).nth(2).wait_for()
    passages = page.locator(".argmap-passage:visible")
    for name in DOCS:
        assert passages.filter(has_text=name).count() == 1
    page.get_by_text("Attacked by (1)").wait_for()
    # the detail panel comes after the search results, so its buttons are the last ones
    attacker = page.get_by_role("button", name=re.compile("many eyes find flaws")).last
    attacker.wait_for()
    assert page.get_by_role("button", name=re.compile("safety training")).count() >= 1
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "app-claim.png"), full_page=True)

    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile("Map as JSON")).click()
    assert '"format": "argmap/1"' in Path(dl.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as dl:
        page.get_by_role("button", name=re.compile("Turtle")).click()
    from rdflib import Graph

    turtle = Graph().parse(dl.value.path(), format="turtle")
    assert len(argmap.from_rdf(turtle).claims()) == frame.evaluate("nodes.length")

    # following an attacker selects it
    attacker.click()
    page.get_by_text("Sources (1)").wait_for()
    page.locator("mark", has_text="many eyes find flaws").wait_for()

    # clicking a claim in the graph selects it: its sources and attackers come back
    frame = graph_frame(page, selected="However, many eyes")
    node = frame.evaluate(f"nodes.get().filter(n => n.title.startsWith({CLAIM!r}))[0].id")
    page.mouse.click(*node_point(page, frame, node))
    page.get_by_text("Sources (3)").wait_for()
    page.get_by_text("Attacked by (1)").wait_for()
    assert page.locator("mark", has_text=CLAIM).count() == 3
    frame = graph_frame(page, selected=CLAIM)  # redrawn with the clicked claim marked
    assert frame.evaluate("id => nodes.get(id).borderWidth", node) == 5

    # a hostile upload: built, shown as text, nothing runs
    page.get_by_text("Build a map from documents").click()
    page.locator('input[type="file"]').nth(1).set_input_files(
        [
            {"name": "hostile.txt", "mimeType": "text/plain", "buffer": HOSTILE_TXT},
            {"name": "hostile.html", "mimeType": "text/html", "buffer": HOSTILE_HTML},
        ]
    )
    page.get_by_text("hostile.html", exact=True).wait_for()
    page.get_by_role("button", name="Build map").click()
    page.get_by_text(re.compile(r"Built from uploads · 2 documents")).wait_for()
    frame = graph_frame(page)

    from argmap.ingest import load_bytes

    doc, _ = load_bytes(HOSTILE_TXT, "hostile.txt")
    script_text = re.search(r"<script>.*?</script>", doc.text)
    assert script_text, doc.text
    page.get_by_placeholder("e.g. open models security").fill("Attackers read the weights")
    page.get_by_role("radio", name="text").check(force=True)
    page.get_by_role("button", name=re.compile("^Attackers read the weights")).first.click()
    page.get_by_text(script_text.group(0)).first.wait_for()
    assert page.locator(".argmap-passage img").count() == 0

    # the node's tooltip shows the markup as text too
    node = frame.evaluate("nodes.get().filter(n => n.title.includes('<script>'))[0].id")
    page.mouse.move(*node_point(page, frame, node))
    tip = frame.locator(".vis-tooltip")
    tip.wait_for(state="visible")
    assert "<script>" in tip.inner_text() and tip.locator("img, script").count() == 0
    page.screenshot(path=str(OUT / "app-hostile.png"), full_page=True)

    page.wait_for_timeout(500)
    assert dialogs == []
    assert pwned_anywhere(page) == []
    # page-wide, in every frame: no element the documents' markup would have made
    for f in page.frames:
        made = f.evaluate(
            """() => [...document.querySelectorAll('[onerror], img[src="x"], script')]
                   .filter(e => e.tagName !== 'SCRIPT' || e.textContent.trim().startsWith('window.__pwned'))
                   .map(e => e.outerHTML.slice(0, 120))"""
        )
        assert made == [], (f.url, made)
    assert external == [], external


@pytest.mark.model
def test_browser_bundled_debate_find_a_claim_and_who_argues_about_it(tmp_path: Path):
    """What a new user does after ``make app``: the map of data/ built with the real model."""
    from argmap.model.amap import ArgumentMap

    corpus = ROOT / "data" / "corpus"
    if not corpus.is_dir():
        pytest.skip("data/corpus is not present")
    path = tmp_path / "map.json"
    argmap.build([corpus]).save(path)
    amap = ArgumentMap.load(path)
    claim = argmap.search(amap, "open models are harder to secure", k=1)[0][0]
    sources = {d.source for d in amap.documents_for(claim.id)}
    supporters, attackers = amap.supporters(claim.id), amap.attackers(claim.id)
    assert attackers, "the bundled debate answers this claim"

    with streamlit_app(path, tmp_path) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(url)
            page.get_by_role("heading", name="argmap").wait_for()
            graph_frame(page)
            page.get_by_placeholder("e.g. open models security").fill(
                "open models are harder to secure"
            )
            page.keyboard.press("Enter")
            page.get_by_role(
                "button", name=re.compile("^" + re.escape(claim.text[:30]))
            ).first.click()
            page.get_by_text(f"Sources ({len(claim.mentions)})").wait_for()
            page.get_by_text(f"Attacked by ({len(attackers)})").wait_for()
            page.get_by_text(f"Supported by ({len(supporters)})").wait_for()
            passages = page.locator(".argmap-passage:visible")
            for source in sources:  # each passage names its document; wait for it to render
                passages.filter(has_text=Path(source).name).first.wait_for()
            for other in attackers[:3]:
                name = re.compile(re.escape(" ".join(other.text.split())[:30]))
                page.get_by_role("button", name=name).first.wait_for()
            OUT.mkdir(exist_ok=True)
            page.screenshot(path=str(OUT / "app-bundled-debate.png"), full_page=True)
        finally:
            browser.close()


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_browser_closing_the_page_stops_a_build_that_is_running(tmp_path: Path):
    """A build left behind by a closed tab must not go on using a core (issue 19): Streamlit
    asks the session's script to stop, and the build notices at its next progress report."""
    from argmap.embed import HashingEmbedder
    from argmap.ingest import load_bytes
    from argmap.pipeline import Pipeline

    docs = [load_bytes(t.encode(), n)[0] for n, t in DOCS.items()]
    path = tmp_path / "map.json"
    Pipeline.default(embedder=HashingEmbedder()).run(docs).save(path)
    import random

    rng = random.Random(5)
    nouns = [
        "council",
        "park",
        "tram",
        "school",
        "budget",
        "river",
        "farm",
        "library",
        "clinic",
        "port",
        "market",
        "bridge",
    ]
    verbs = [
        "should fund",
        "must close",
        "could expand",
        "ought to protect",
        "would harm",
        "will help",
    ]
    uploads = []
    for k in range(300):  # enough work that the build is still running when the page closes
        lines = [
            f"The {rng.choice(nouns)} {rng.choice(verbs)} the {rng.choice(nouns)}, because the "
            f"{rng.choice(nouns)} {rng.choice(verbs)} every {rng.choice(nouns)} in town {k}."
            for _ in range(30)
        ]
        uploads.append({"name": f"d{k}.txt", "mimeType": "text/plain",
                        "buffer": " However, ".join(lines).encode()})  # fmt: skip
    with streamlit_app(path, tmp_path, ARGMAP_EMBEDDER="hashing") as url:
        pid = SERVERS[url]
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(url)
            page.get_by_text("Build a map from documents").click()
            page.locator('input[type="file"]').nth(1).set_input_files(uploads)
            page.get_by_role("button", name="Build map").click()
            page.get_by_text(re.compile(r"Finding claims in d\d+\.txt")).first.wait_for()
            before = _cpu_seconds(pid)
            time.sleep(2.0)
            busy = _cpu_seconds(pid) - before
            browser.close()
        # the build was working when the page went away ...
        assert busy > 0.8, f"the build used only {busy:.2f} s of CPU in 2 s"
        time.sleep(3.0)  # the disconnect reaches the session; the next progress report stops
        before = _cpu_seconds(pid)
        time.sleep(4.0)
        idle = _cpu_seconds(pid) - before
        # ... and stopped once it had: a build still running would use about 4 s of CPU here
        assert idle < 0.6, f"the server used {idle:.2f} s of CPU in 4 s after the page closed"
