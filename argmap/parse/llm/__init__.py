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

from argmap.parse.llm.client import (
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    ENV_KEY,
    ENV_TIMEOUT,
    FORMATS,
    ChatClient,
    LLMError,
    chat_endpoint,
    parse_json_object,
)
from argmap.parse.llm.prompts import (
    EXTRACT_PROMPT,
    RELATE_PROMPT,
    RETRY_PROMPT,
    ROLES,
    SYSTEM,
    extraction_schema,
    relation_only_schema,
    relations_schema,
)
from argmap.parse.llm.quotes import locate, paragraph_chunks
from argmap.parse.llm.stages import (
    CLAIM_CONFIDENCE,
    RELATION_CONFIDENCE,
    STAGE,
    LLMExtraction,
    LLMExtractor,
    LLMRelations,
)

__all__ = [
    "CLAIM_CONFIDENCE",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "ENV_KEY",
    "ENV_TIMEOUT",
    "EXTRACT_PROMPT",
    "FORMATS",
    "RELATE_PROMPT",
    "RELATION_CONFIDENCE",
    "RETRY_PROMPT",
    "ROLES",
    "STAGE",
    "SYSTEM",
    "ChatClient",
    "LLMError",
    "LLMExtraction",
    "LLMExtractor",
    "LLMRelations",
    "chat_endpoint",
    "extraction_schema",
    "locate",
    "paragraph_chunks",
    "parse_json_object",
    "relation_only_schema",
    "relations_schema",
]
