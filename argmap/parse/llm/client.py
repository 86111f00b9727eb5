"""The HTTP side of the ``llm`` stages: a minimal OpenAI-compatible chat client on the standard
library, with the response-format fallbacks, bounded retries, the error messages that say what
to check, and the parsing of a model's JSON reply."""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from http.client import HTTPException
from typing import Any

from argmap.errors import ArgmapError, StageError
from argmap.parse.llm.prompts import RETRY_PROMPT, SYSTEM

ENV_KEY = "ARGMAP_LLM_KEY"
ENV_TIMEOUT = "ARGMAP_LLM_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2
# Tried in order until the server accepts one: OpenAI's json_schema; json_object with a "schema"
# field (llama-cpp-python's server turns that into a grammar); bare json_object; plain prompting.
FORMATS = ("json_schema", "json_object_schema", "json_object", "plain")


class LLMError(StageError):
    """The LLM server could not be used: unreachable, too slow, an HTTP error or unusable JSON."""


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
