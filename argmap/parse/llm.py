"""Claims and relations from any OpenAI-compatible chat endpoint (``--extractor llm``,
``--relations llm``).

Works with Ollama, llama.cpp's server, llama-cpp-python's server, vLLM or a hosted API: give the
base URL (``http://127.0.0.1:11434/v1``; a bare ``http://host:port`` gets ``/v1`` added), the
model name and, if the server needs one, a key (``--llm-key`` or ``ARGMAP_LLM_KEY``). Only the
standard library talks to it, so the backend adds no dependency. Nothing is ever sent unless a URL
is configured: there is no default server.

The model is asked for JSON matching a schema, sent as ``response_format`` type ``json_schema``;
a server that rejects that gets ``json_object`` with the schema attached (what llama-cpp-python's
server understands), then bare ``json_object``, then plain prompting (the schema is in the prompt
every time). A model's quote is never trusted: each is located in the document (exact, then with
whitespace, case and quote marks normalised) and a quote that is not there is dropped, together
with the relations that point at it. So every mention is real characters of the document.

Long documents are sent in chunks of whole paragraphs; claims and relations of the chunks are
merged, the first chunk's central claim being the main claim. Invalid JSON and server errors
(5xx) are retried a bounded number of times; a refused connection or a timeout fails at once with
a message that says what to check. The timeout (default 60 s) can be set with ``llm_timeout=`` or
``ARGMAP_LLM_TIMEOUT``.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.client import HTTPException
from typing import Any

from argmap.errors import ArgmapError, StageError
from argmap.ids import claim_id
from argmap.model.data import Claim, Document, Mention, Relation, round_conf
from argmap.parse.base import Extraction

STAGE = "llm"
ENV_KEY = "ARGMAP_LLM_KEY"
ENV_TIMEOUT = "ARGMAP_LLM_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2
ROLES = ("central", "premise", "objection", "rebuttal")
# Tried in order until the server accepts one: OpenAI's json_schema; json_object with a "schema"
# field (llama-cpp-python's server turns that into a grammar); bare json_object; plain prompting.
FORMATS = ("json_schema", "json_object_schema", "json_object", "plain")
CLAIM_CONFIDENCE = {"central": 0.8, "premise": 0.6, "objection": 0.6, "rebuttal": 0.6}
RELATION_CONFIDENCE = 0.6


class LLMError(StageError):
    """The LLM server could not be used: unreachable, too slow, an HTTP error or unusable JSON."""


def relations_schema(max_items: int = 40) -> dict[str, Any]:
    return {
        "type": "array",
        "maxItems": max_items,
        "items": {
            "type": "object",
            "properties": {
                "source": {"type": "integer", "minimum": 0},
                "target": {"type": "integer", "minimum": 0},
                "type": {"type": "string", "enum": ["supports", "attacks"]},
            },
            "required": ["source", "target", "type"],
            "additionalProperties": False,
        },
    }


def extraction_schema(max_claims: int = 20) -> dict[str, Any]:
    """The JSON the extractor asks for: claims quoted from the text, relations by claim index."""
    return {
        "type": "object",
        "properties": {
            "claims": {
                "type": "array",
                "maxItems": max_claims,
                "items": {
                    "type": "object",
                    "properties": {
                        "quote": {"type": "string", "minLength": 1, "maxLength": 500},
                        "stance": {"type": "string", "enum": ["pro", "con"]},
                        "role": {"type": "string", "enum": list(ROLES)},
                    },
                    "required": ["quote", "stance", "role"],
                    "additionalProperties": False,
                },
            },
            "relations": relations_schema(2 * max_claims),
        },
        "required": ["claims", "relations"],
        "additionalProperties": False,
    }


def relation_only_schema(max_items: int = 40) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"relations": relations_schema(max_items)},
        "required": ["relations"],
        "additionalProperties": False,
    }


SYSTEM = (
    "You analyse argumentative texts. You answer with one JSON object and nothing else: "
    "no prose, no code fences."
)

EXTRACT_PROMPT = """Find the argument in the text below.

List its claims. Each claim is a quote copied character for character from the text (a sentence
or clause): do not paraphrase, shorten, merge or correct it. For each claim give:
- stance: "pro" if it agrees with the main claim, "con" if it goes against it;
- role: "central" (the main claim; exactly one), "premise" (a reason or evidence for another
  claim), "objection" (a view the author reports in order to argue against it) or "rebuttal"
  (the author's answer to an objection).
Then list relations between claims, by their 0-based index in your claims list: the source claim
"supports" or "attacks" the target claim.

Answer with a JSON object matching this JSON schema:
{schema}

Text:
<<<
{text}
>>>"""

RELATE_PROMPT = """Here are the numbered claims of an argumentative text; claim {central} is the
main claim.

{claims}

List the relations between them: the source claim "supports" or "attacks" the target claim, by
their numbers. Link each claim to the claim it is a reason for or against; leave out claims that
are unrelated.

Answer with a JSON object matching this JSON schema:
{schema}"""

RETRY_PROMPT = (
    "That answer was not a JSON object matching the schema. Answer again with only the JSON object."
)


def chat_endpoint(base_url: str) -> str:
    """The chat completions URL for a base URL: ``/v1`` is added to a bare host, and a URL
    already ending in ``/chat/completions`` is used as it is."""
    url = base_url.strip().rstrip("/")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ArgmapError(
            f"--llm-url {base_url!r} is not an http(s) URL (for example http://127.0.0.1:11434/v1)"
        )
    if url.endswith("/chat/completions"):
        return url
    if parts.path in ("", "/"):
        url += "/v1"
    return url + "/chat/completions"


def parse_json_object(content: str) -> dict[str, Any] | None:
    """The JSON object in a model's answer, tolerating code fences and prose around it."""
    text = content.strip()
    candidates = [text]
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    if fenced:
        candidates.append(fenced.group(1))
    lo, hi = text.find("{"), text.rfind("}")
    if 0 <= lo < hi:
        candidates.append(text[lo : hi + 1])
    for c in candidates:
        try:
            value = json.loads(c)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


class _Rejected(Exception):
    """The server refused the request as sent (HTTP 4xx); the caller may try a simpler format."""

    def __init__(self, status: int, message: str, about_format: bool) -> None:
        super().__init__(message)
        self.status = status
        self.about_format = about_format


class _Retryable(Exception):
    """A failure worth another attempt (HTTP 5xx, a dropped connection)."""


class ChatClient:
    """A minimal OpenAI-compatible chat client on urllib, asking for schema-shaped JSON.

    The response format that works is remembered, so a server without ``json_schema`` support
    costs one rejected request, not one per document.
    """

    def __init__(
        self,
        url: str | None,
        model: str | None,
        key: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_tokens: int = 2048,
        temperature: float = 0.0,
    ) -> None:
        if not url:
            raise ArgmapError(
                "the llm stage needs an OpenAI-compatible server: pass --llm-url "
                "URL (for example http://127.0.0.1:11434/v1 for Ollama) and "
                "--llm-model NAME, or llm_url=/llm_model= in Python"
            )
        if not model:
            raise ArgmapError(
                f"the llm stage needs a model name for {url}: pass --llm-model NAME "
                "(or llm_model= in Python)"
            )
        self.url = url
        self.endpoint = chat_endpoint(url)
        self.model = model
        self.key = key or os.environ.get(ENV_KEY) or None
        if timeout is None:
            env = os.environ.get(ENV_TIMEOUT)
            try:
                timeout = float(env) if env else DEFAULT_TIMEOUT
            except ValueError as e:
                raise ArgmapError(f"{ENV_TIMEOUT}={env!r} is not a number of seconds") from e
        if timeout <= 0:
            raise ArgmapError(f"the LLM timeout must be positive, not {timeout}")
        self.timeout = float(timeout)
        self.retries = DEFAULT_RETRIES if retries is None else max(0, int(retries))
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.format = FORMATS[0]
        host = urllib.parse.urlsplit(self.endpoint).hostname or ""
        handlers: list[Any] = []
        if host in ("localhost", "127.0.0.1", "::1"):
            handlers.append(urllib.request.ProxyHandler({}))  # loopback never goes via a proxy
        self._opener = urllib.request.build_opener(*handlers)
        self._unreachable = ""

    def complete_json(
        self, prompt: str, schema: Mapping[str, Any], name: str, required: str
    ) -> dict[str, Any]:
        """Ask for a JSON object with list field ``required``; retries answers that are not one.

        Raises:
            LLMError: the server is unreachable, too slow, answers an HTTP error, or gives no
                usable JSON after the retries.
        """
        messages: list[dict[str, str]] = [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": prompt},
        ]
        last = ""
        finish = ""
        failures = 0
        while True:
            body: dict[str, Any] = {
                "model": self.model,
                "messages": messages,
                "temperature": self.temperature,
                "max_tokens": self.max_tokens,
                "stream": False,
            }
            if self.format == "json_schema":
                body["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": name, "schema": dict(schema), "strict": False},
                }
            elif self.format == "json_object_schema":
                body["response_format"] = {"type": "json_object", "schema": dict(schema)}
            elif self.format == "json_object":
                body["response_format"] = {"type": "json_object"}
            try:
                answer = self._post(body)
            except _Rejected as e:
                if self.format != FORMATS[-1] and e.about_format:
                    self.format = FORMATS[FORMATS.index(self.format) + 1]
                    continue
                raise LLMError(str(e)) from None
            except _Retryable as e:
                failures += 1
                if failures > self.retries:
                    raise LLMError(f"{e} (gave up after {failures} attempts)") from None
                continue
            last, finish = self._content(answer)
            value = parse_json_object(last)
            if value is not None and isinstance(value.get(required), list):
                return value
            failures += 1
            if failures > self.retries:
                cut = " (the answer was cut off at max_tokens)" if finish == "length" else ""
                raise LLMError(
                    f"the model {self.model!r} at {self.url} gave no valid JSON object with a "
                    f"{required!r} list after {failures} attempts{cut}; last answer: "
                    f"{last[:200]!r}"
                )
            messages = messages[:2] + [
                {"role": "assistant", "content": last[:4000]},
                {"role": "user", "content": RETRY_PROMPT},
            ]

    def _content(self, answer: Mapping[str, Any]) -> tuple[str, str]:
        try:
            choice = answer["choices"][0]
            content = choice["message"].get("content") or ""
            return str(content), str(choice.get("finish_reason") or "")
        except (KeyError, IndexError, TypeError, AttributeError):
            return "", ""

    def _post(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """One request. Failures become LLMError (fatal), _Rejected (4xx) or _Retryable.

        A server found unreachable stays so for this client: the pipeline skips a failed document
        and goes on, and each further document then fails at once instead of trying again.
        """
        if self._unreachable:
            raise LLMError(self._unreachable)
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        req = urllib.request.Request(
            self.endpoint, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        try:
            with self._opener.open(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            excerpt = " ".join(e.read()[:1000].decode("utf-8", "replace").split())[:300]
            message = (
                f"LLM server at {self.url} answered HTTP {e.code} {e.reason}"
                f"{': ' + excerpt if excerpt else ''}"
            )
            if e.code in (401, 403):
                raise LLMError(f"{message} (check --llm-key or {ENV_KEY})") from None
            if e.code == 404:
                raise LLMError(
                    f"{message} (no {self.endpoint}: check --llm-url, which usually "
                    "ends in /v1, and --llm-model)"
                ) from None
            if e.code in (429, 502, 503, 504) or (e.code >= 500 and not _mentions_format(excerpt)):
                raise _Retryable(message) from None
            raise _Rejected(e.code, message, e.code == 415 or _mentions_format(excerpt)) from None
        except urllib.error.URLError as e:
            if isinstance(e.reason, TimeoutError):
                raise LLMError(self._timeout_message()) from None
            if isinstance(e.reason, ConnectionRefusedError):
                self._unreachable = (
                    f"cannot reach LLM server at {self.url}: connection refused "
                    "(is the server running? check --llm-url)"
                )
            else:
                self._unreachable = f"cannot reach LLM server at {self.url}: {e.reason}"
            raise LLMError(self._unreachable) from None
        except TimeoutError:
            raise LLMError(self._timeout_message()) from None
        except (ConnectionError, HTTPException) as e:
            raise _Retryable(
                f"LLM server at {self.url} dropped the connection: {type(e).__name__}: {e}"
            ) from None
        try:
            value = json.loads(raw)
        except ValueError:
            raise _Retryable(
                f"LLM server at {self.url} answered something that is not JSON: {raw[:200]!r}"
            ) from None
        if not isinstance(value, dict):
            raise _Retryable(
                f"LLM server at {self.url} answered JSON that is not a chat completion"
            )
        return value

    def _timeout_message(self) -> str:
        return (
            f"LLM server at {self.url} did not answer within {self.timeout:g} s (timeout); "
            f"a slow model or a long document: set {ENV_TIMEOUT} or llm_timeout= to wait "
            "longer"
        )


def _mentions_format(text: str) -> bool:
    return bool(re.search(r"response_format|json_schema|json_object|grammar|schema", text, re.I))


# ---------------------------------------------------------------------------------------------
# Quotes back to offsets

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2032": "'",
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text with whitespace runs as one space, lower case and straight quotes, and for each of its
    characters the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        c = ch.translate(_QUOTES)
        low = c.lower()
        out.append(low if len(low) == 1 else c)
        index.append(i)
    return "".join(out), index


_EDGE = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb `"


def _variants(quote: str) -> list[str]:
    q = quote.strip()
    out = [q, q.strip(_EDGE).strip()]
    out.append(out[-1].rstrip(" .!?;:,").strip())
    out.append(re.sub(r"\s*(?:\.\.\.|\u2026)\s*$", "", out[1]).strip())
    seen: list[str] = []
    for v in out:
        if v and v not in seen:
            seen.append(v)
    return seen


def locate(
    text: str, quote: str, start: int = 0, end: int | None = None, hint: int | None = None
) -> tuple[int, int] | None:
    """Where ``quote`` occurs in ``text[start:end]``: exactly first, then ignoring whitespace,
    case and quote-mark differences. A match at or after ``hint`` is preferred, so a phrase the
    text repeats maps to the occurrence in reading order. ``None`` when it is not there."""
    end = len(text) if end is None else end
    hint = start if hint is None else max(start, min(hint, end))
    variants = _variants(quote)
    for v in variants:
        for lo in (hint, start):
            i = text.find(v, lo, end)
            if i >= 0:
                return i, i + len(v)
    norm, index = _normalise(text[start:end])
    rel_hint = next((k for k, j in enumerate(index) if j >= hint - start), len(norm))
    for v in variants:
        nq = _normalise(v)[0].strip()
        if not nq:
            continue
        for lo in (rel_hint, 0):
            k = norm.find(nq, lo)
            if k >= 0:
                return start + index[k], start + index[k + len(nq) - 1] + 1
    return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def paragraph_chunks(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Spans of whole paragraphs, each at most ``max_chars`` where paragraphs allow; a paragraph
    longer than that is cut at sentence ends (or, failing those, at a space)."""
    paras: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    pieces: list[tuple[int, int]] = []
    for s, e in paras:
        s, e = _trim(text, s, e)
        while e - s > max_chars:
            window = text[s : s + max_chars]
            cut = max(
                window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n")
            )
            if cut < max_chars // 3:
                cut = window.rfind(" ")
            if cut < max_chars // 3:
                cut = max_chars - 1
            pieces.append(_trim(text, s, s + cut + 1))
            s, e = _trim(text, s + cut + 1, e)
        if e > s:
            pieces.append((s, e))
    chunks: list[tuple[int, int]] = []
    for s, e in pieces:
        if chunks and e - chunks[-1][0] <= max_chars:
            chunks[-1] = (chunks[-1][0], e)
        else:
            chunks.append((s, e))
    return chunks


# ---------------------------------------------------------------------------------------------
# Stages


@dataclass
class LLMExtraction(Extraction):
    """An Extraction that also carries the relations the model gave in the same answer, so the
    ``llm`` relation stage need not ask again."""

    relations: list[Relation] = field(default_factory=list)
    document: str | None = None
    dropped: list[str] = field(default_factory=list)


def _as_index(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _relations(items: Any, index: Mapping[int, int], ids: Sequence[str]) -> list[Relation]:
    """Relations from the model's index pairs; pairs naming a dropped or unknown claim are
    dropped, as are self-links and repeats."""
    out: dict[tuple[str, str], Relation] = {}
    for r in items if isinstance(items, list) else []:
        if not isinstance(r, dict) or r.get("type") not in ("supports", "attacks"):
            continue
        src, dst = _as_index(r.get("source")), _as_index(r.get("target"))
        if src is None or dst is None or src not in index or dst not in index:
            continue
        a, b = ids[index[src]], ids[index[dst]]
        if a == b or (a, b) in out:
            continue
        out[(a, b)] = Relation(a, b, str(r["type"]), round_conf(RELATION_CONFIDENCE), STAGE)
    return list(out.values())


class LLMExtractor:
    """A ClaimExtractor that asks a chat model for quoted claims, their roles and relations."""

    name = STAGE

    def __init__(
        self,
        url: str | None = None,
        model: str | None = None,
        key: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_chars: int = 6000,
        max_claims: int = 20,
        max_tokens: int = 2048,
        min_quote_chars: int = 8,
        client: ChatClient | None = None,
    ) -> None:
        self.client = client or ChatClient(url, model, key, timeout, retries, max_tokens)
        self.max_chars = max_chars
        self.max_claims = max_claims
        self.min_quote_chars = min_quote_chars

    def extract(self, document: Document) -> LLMExtraction:
        text = document.text
        claims: list[Claim] = []
        roles: list[str] = []
        rels: list[Relation] = []
        dropped: list[str] = []
        pos_of: dict[str, int] = {}
        schema = extraction_schema(self.max_claims)
        for n, (cs, ce) in enumerate(paragraph_chunks(text, self.max_chars)):
            prompt = EXTRACT_PROMPT.format(schema=json.dumps(schema), text=text[cs:ce])
            answer = self.client.complete_json(prompt, schema, "argument", "claims")
            index: dict[int, int] = {}
            hint = cs
            for k, item in enumerate(answer.get("claims") or []):
                quote = item.get("quote") if isinstance(item, dict) else None
                if not isinstance(quote, str) or len(quote.strip()) < self.min_quote_chars:
                    dropped.append(str(quote))
                    continue
                span = locate(text, quote, cs, ce, hint) or locate(text, quote)
                if span is None:
                    dropped.append(quote)
                    continue
                s, e = _trim(text, *span)
                hint = e
                cid = claim_id(document.id, s, e)
                if cid in pos_of:
                    index[k] = pos_of[cid]
                    continue
                role = item.get("role") if item.get("role") in ROLES else "premise"
                stance = item.get("stance") if item.get("stance") in ("pro", "con") else "pro"
                pos_of[cid] = index[k] = len(claims)
                roles.append(str(role))
                claims.append(
                    Claim(
                        id=cid,
                        text=" ".join(text[s:e].split()),
                        mentions=(Mention.of(document, s, e),),
                        stance=str(stance),
                        confidence=round_conf(CLAIM_CONFIDENCE[str(role)]),
                        stage=STAGE,
                        metadata={"role": role, "chunk": n},
                    )
                )
            rels.extend(_relations(answer.get("relations"), index, [c.id for c in claims]))
        main = self._main(claims, roles, rels)
        unique: dict[tuple[str, str], Relation] = {}
        for r in rels:
            unique.setdefault((r.source, r.target), r)
        return LLMExtraction(
            claims=claims,
            main_claim=main,
            relations=list(unique.values()),
            document=document.id,
            dropped=dropped,
        )

    @staticmethod
    def _main(claims: list[Claim], roles: list[str], rels: list[Relation]) -> str | None:
        """The first claim marked central; the others so marked become premises. A model that
        marked none gets the most supported claim (or the first) as the main claim."""
        if not claims:
            return None
        central = [i for i, r in enumerate(roles) if r == "central"]
        if central:
            k = central[0]
        else:
            indeg = {c.id: 0 for c in claims}
            for r in rels:
                indeg[r.target] += 1
            k = max(range(len(claims)), key=lambda i: (indeg[claims[i].id], -i))
        for i, c in enumerate(claims):
            role = "central" if i == k else ("premise" if roles[i] == "central" else roles[i])
            meta = dict(c.metadata, role=role)
            if i == k and not central:
                meta["central_inferred"] = True
            claims[i] = c.with_(
                metadata=meta,
                stance="pro" if i == k else c.stance,
                confidence=round_conf(CLAIM_CONFIDENCE[role]),
            )
        return claims[k].id


class LLMRelations:
    """A RelationClassifier: reuses the relations of an ``llm`` extraction, or asks the model to
    relate the claims another extractor found (numbered, in windows of ``max_claims``)."""

    name = STAGE

    def __init__(
        self,
        url: str | None = None,
        model: str | None = None,
        key: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_claims: int = 30,
        max_tokens: int = 2048,
        client: ChatClient | None = None,
    ) -> None:
        self.client = client or ChatClient(url, model, key, timeout, retries, max_tokens)
        self.max_claims = max(2, max_claims)

    def relate(self, document: Document, extraction: Extraction) -> list[Relation]:
        ids = [c.id for c in extraction.claims]
        if isinstance(extraction, LLMExtraction) and extraction.document == document.id:
            known = set(ids)
            return [r for r in extraction.relations if r.source in known and r.target in known]
        if len(ids) < 2:
            return []
        central = ids.index(extraction.main_claim) if extraction.main_claim in ids else 0
        others = [i for i in range(len(ids)) if i != central]
        step = self.max_claims - 1
        out: dict[tuple[str, str], Relation] = {}
        for w in range(0, len(others), step):
            window = [central] + others[w : w + step]
            lines = "\n".join(
                f"{k}. {' '.join(extraction.claims[i].text.split())}" for k, i in enumerate(window)
            )
            schema = relation_only_schema(2 * len(window))
            prompt = RELATE_PROMPT.format(central=0, claims=lines, schema=json.dumps(schema))
            answer = self.client.complete_json(prompt, schema, "relations", "relations")
            index = {k: i for k, i in enumerate(window)}
            for r in _relations(answer.get("relations"), index, ids):
                out.setdefault((r.source, r.target), r)
        return list(out.values())
