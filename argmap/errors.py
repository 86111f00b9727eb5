"""Library exceptions. Each carries a message a person can act on; the CLI and the app show it."""

from __future__ import annotations


class ArgmapError(Exception):
    """Base class for every error argmap raises on purpose."""


class IngestError(ArgmapError):
    """A source could not be read. Names the file and the reason, so a corpus run can go on."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class MapFormatError(ArgmapError):
    """A map file is not a valid argmap/1 map."""


class MentionError(ArgmapError):
    """A mention does not point at real characters of its document."""


class StageError(ArgmapError):
    """A pipeline stage returned something that breaks its contract, or failed to run."""


class UnknownStage(ArgmapError):
    """A stage name given on the command line or in code is not registered."""


class MissingDependency(ArgmapError):
    """An optional dependency is missing; the message gives the install line."""

    def __init__(self, package: str, extra: str | None = None, purpose: str = "") -> None:
        hint = f"pip install 'argmap[{extra}]'" if extra else f"pip install {package}"
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"{package} is needed{what}: {hint}")


EXCERPT_CHARS = 240
"""A parser's message can quote the whole input (a truncated Turtle file put 559 KB into one);
argmap's messages quote at most this much of it."""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to ``limit`` characters, marked where cut, with lone surrogates escaped."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} more]"


def brief(e: BaseException) -> str:
    """``TypeName: message`` of a third-party exception, its message cut to an excerpt."""
    return f"{type(e).__name__}: {excerpt(str(e))}"
