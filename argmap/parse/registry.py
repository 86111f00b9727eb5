"""Stages by name, so the CLI, the app and a map's own metadata can choose them with a string.

Each factory names the options its stage takes, as keyword arguments, so an option is known to
exactly the stages that use it: a misspelt one (``peer_wieght=0``) or one the chosen stages do
not take (``peer_weight`` with the LLM extractor) is an error, never silently ignored. The
options a stage was made with are what a map records to be rebuilt (``Pipeline.to_dict``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from argmap.errors import ArgmapError, UnknownStage

OPTIONS: dict[str, str] = {
    "embedder": "the embedder the stages share (set by the pipeline)",
    "central_model": "discourse: main-claim ranker weights file, or None for the rules",
    "role_model": "discourse: role model weights file, or None for the rules' roles",
    "peer_weight": "discourse: how far a short text's main claim leans to the others' (0: alone)",
    "local_bias": "discourse relations: how much closer the unit before must be to be the target",
    "target_model": "discourse relations: target model weights file, or None for the rules' targets",
    "cross_encoder": "cross-encoder relations: a local CrossEncoder model folder",
    "cross_encoder_labels": "cross-encoder relations: the model's label names",
    "llm_url": "llm: OpenAI-compatible base URL",
    "llm_model": "llm: model name on that server",
    "llm_key": "llm: API key",
    "llm_timeout": "llm: seconds per request",
    "llm_retries": "llm: retries per request",
}
#: Options a map never records: secrets, and the embedder (recorded on its own).
UNRECORDED = frozenset({"embedder", "llm_key"})


def check_options(options: Mapping[str, Any]) -> None:
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


def _given(**kw: Any) -> dict[str, Any]:
    """The options a caller set; the rest keep the stage's own defaults."""
    return {k: v for k, v in kw.items() if v is not _DEFAULT}


_DEFAULT: Any = object()


def _discourse_extractor(
    embedder: Any = None,
    central_model: Any = "central_model.json",
    peer_weight: Any = _DEFAULT,
    role_model: Any = "role_model.npz",
) -> Any:
    from argmap.parse.discourse import DiscourseExtractor

    # central_model: a weights file, or None for the hand-set rules; peer_weight: 0 reads each
    # document alone
    options = _given(central_model=central_model, peer_weight=peer_weight, role_model=role_model)
    return DiscourseExtractor(embedder=embedder, **options)


def _discourse_relater(
    embedder: Any = None, local_bias: Any = _DEFAULT, target_model: Any = "target_model.npz"
) -> Any:
    from argmap.parse.discourse import DiscourseRelations

    options = _given(local_bias=local_bias, target_model=target_model)
    return DiscourseRelations(embedder=embedder, **options)


def _cross_encoder_relater(
    embedder: Any = None,
    cross_encoder: str | None = None,
    cross_encoder_labels: Mapping[str | int, str | None] | None = None,
) -> Any:
    from argmap.parse.cross_encoder import CrossEncoderRelations

    del embedder  # the cross-encoder reads its own model
    return CrossEncoderRelations(cross_encoder, label_map=cross_encoder_labels)


def _llm(stage: str) -> Callable[..., Any]:
    """The factory of one LLM stage; both take the same server options."""

    def factory(
        embedder: Any = None,
        llm_url: str | None = None,
        llm_model: str | None = None,
        llm_key: str | None = None,
        llm_timeout: float | None = None,
        llm_retries: int | None = None,
    ) -> Any:
        from argmap.parse import llm

        del embedder  # the server reads the text itself
        return getattr(llm, stage)(
            url=llm_url, model=llm_model, key=llm_key, timeout=llm_timeout, retries=llm_retries
        )

    return factory


_llm_extractor = _llm("LLMExtractor")
_llm_relater = _llm("LLMRelations")


register_extractor("discourse", _discourse_extractor)
register_relater("discourse", _discourse_relater)
register_relater("cross-encoder", _cross_encoder_relater)
register_extractor("llm", _llm_extractor)
register_relater("llm", _llm_relater)


def _accepts(factory: Callable[..., Any]) -> set[str]:
    params = inspect.signature(factory).parameters.values()
    return {p.name for p in params if p.kind is p.KEYWORD_ONLY or p.kind is p.POSITIONAL_OR_KEYWORD}


def defaults_of(kind: str, name: str) -> dict[str, Any]:
    """The plain defaults a stage's factory names (``central_model.json``), by option."""
    params = inspect.signature(_table(kind, name)).parameters.values()
    return {
        p.name: p.default
        for p in params
        if p.default is not p.empty and p.default is not _DEFAULT and p.name != "embedder"
    }


def options_of(kind: str, name: str) -> set[str]:
    """The options stage ``name`` of ``kind`` (``extractor`` or ``relations``) takes."""
    return _accepts(_table(kind, name)) - {"embedder"}


def _table(kind: str, name: str) -> Callable[..., Any]:
    table = _EXTRACTORS if kind == "extractor" else _RELATERS
    if name not in table:
        what = "extractor" if kind == "extractor" else "relation stage"
        raise UnknownStage(f"unknown {what} {name!r}; known: {', '.join(sorted(table))}")
    return table[name]


def _make(kind: str, name: str, kw: Mapping[str, Any]) -> Any:
    check_options(kw)
    factory = _table(kind, name)
    taken = _accepts(factory)
    stray = sorted(set(kw) - taken)
    if stray:
        takes = ", ".join(sorted(taken - {"embedder"})) or "no options"
        raise ArgmapError(
            f"the {name!r} {'extractor' if kind == 'extractor' else 'relation stage'} does not "
            f"take {', '.join(stray)} (it takes {takes})"
        )
    return factory(**kw)


def extractor(name: str, **kw: Any) -> Any:
    return _make("extractor", name, kw)


def relater(name: str, **kw: Any) -> Any:
    return _make("relations", name, kw)


def split_options(
    extractor_name: str | None, relations_name: str | None, options: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Share one bag of options between the two chosen stages, each getting what it takes.

    An option neither chosen stage takes is an error that names who does take it."""
    check_options(options)
    ext = options_of("extractor", extractor_name) if extractor_name else set()
    rel = options_of("relations", relations_name) if relations_name else set()
    stray = sorted(set(options) - ext - rel - {"embedder"})
    if stray:
        owners = {
            o: [
                f"{k} {n!r}"
                for k, t in (("extractor", _EXTRACTORS), ("relations", _RELATERS))
                for n in sorted(t)
                if o in options_of(k, n)
            ]
            for o in stray
        }
        chosen = f"extractor {extractor_name!r}, relations {relations_name!r}"
        raise ArgmapError(
            "option(s) the chosen stages do not take ("
            + chosen
            + "): "
            + "; ".join(f"{o} (taken by {', '.join(owners[o]) or 'none'})" for o in stray)
        )
    return (
        {k: v for k, v in options.items() if k in ext},
        {k: v for k, v in options.items() if k in rel},
    )


def recorded(options: Mapping[str, Any]) -> dict[str, Any]:
    """The options a map may record: no secrets, nothing that is not plain JSON."""
    return {
        k: v
        for k, v in options.items()
        if k not in UNRECORDED and (v is None or isinstance(v, (str, int, float, bool, dict, list)))
    }


def names() -> dict[str, list[str]]:
    return {"extractors": sorted(_EXTRACTORS), "relations": sorted(_RELATERS)}
