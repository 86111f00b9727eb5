"""Stages by name, so the CLI and config can choose them with a string."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.errors import ArgmapError, UnknownStage

OPTIONS: dict[str, str] = {
    "embedder": "the embedder the stages share (set by the pipeline)",
    "central_model": "discourse: main-claim ranker weights file, or None for the rules",
    "peer_weight": "discourse: how far a short text's main claim leans to the others' (0: alone)",
    "local_bias": "discourse relations: how much closer the unit before must be to be the target",
    "cross_encoder": "cross-encoder relations: a local CrossEncoder model folder",
    "cross_encoder_labels": "cross-encoder relations: the model's label names",
    "llm_url": "llm: OpenAI-compatible base URL",
    "llm_model": "llm: model name on that server",
    "llm_key": "llm: API key",
    "llm_timeout": "llm: seconds per request",
    "llm_retries": "llm: retries per request",
}


def check_options(options: dict[str, Any]) -> None:
    """A misspelt option (``peer_wieght=0``) is an error, not silently ignored."""
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        raise ArgmapError(
            f"unknown stage option(s) {', '.join(unknown)}; known: {', '.join(sorted(OPTIONS))}"
        )


_EXTRACTORS: dict[str, Callable[..., Any]] = {}
_RELATERS: dict[str, Callable[..., Any]] = {}


def register_extractor(name: str, factory: Callable[..., Any]) -> None:
    _EXTRACTORS[name] = factory


def register_relater(name: str, factory: Callable[..., Any]) -> None:
    _RELATERS[name] = factory


def _discourse_extractor(**kw: Any) -> Any:
    from argmap.parse.discourse import DiscourseExtractor

    options = {k: kw[k] for k in ("central_model", "peer_weight") if k in kw}
    # central_model: a weights file, or None for the hand-set rules; peer_weight: 0 reads each
    # document alone
    return DiscourseExtractor(embedder=kw.get("embedder"), **options)


def _discourse_relater(**kw: Any) -> Any:
    from argmap.parse.discourse import DiscourseRelations

    options = {k: kw[k] for k in ("local_bias",) if k in kw}
    return DiscourseRelations(embedder=kw.get("embedder"), **options)


def _cross_encoder_relater(**kw: Any) -> Any:
    from argmap.parse.cross_encoder import CrossEncoderRelations

    return CrossEncoderRelations(kw.get("cross_encoder"), label_map=kw.get("cross_encoder_labels"))


def _llm_options(kw: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": kw.get("llm_url"),
        "model": kw.get("llm_model"),
        "key": kw.get("llm_key"),
        "timeout": kw.get("llm_timeout"),
        "retries": kw.get("llm_retries"),
    }


def _llm_extractor(**kw: Any) -> Any:
    from argmap.parse.llm import LLMExtractor

    return LLMExtractor(**_llm_options(kw))


def _llm_relater(**kw: Any) -> Any:
    from argmap.parse.llm import LLMRelations

    return LLMRelations(**_llm_options(kw))


register_extractor("discourse", _discourse_extractor)
register_relater("discourse", _discourse_relater)
register_relater("cross-encoder", _cross_encoder_relater)
register_extractor("llm", _llm_extractor)
register_relater("llm", _llm_relater)


def extractor(name: str, **kw: Any) -> Any:
    check_options(kw)
    if name not in _EXTRACTORS:
        raise UnknownStage(f"unknown extractor {name!r}; known: {', '.join(sorted(_EXTRACTORS))}")
    return _EXTRACTORS[name](**kw)


def relater(name: str, **kw: Any) -> Any:
    check_options(kw)
    if name not in _RELATERS:
        raise UnknownStage(
            f"unknown relation stage {name!r}; known: {', '.join(sorted(_RELATERS))}"
        )
    return _RELATERS[name](**kw)


def names() -> dict[str, list[str]]:
    return {"extractors": sorted(_EXTRACTORS), "relations": sorted(_RELATERS)}
