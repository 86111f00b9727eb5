"""A time budget for reading one document, checked as the work goes.

The rule-based reading is linear in the text, but a document can still be large or strange
enough to hold a build for minutes. Python cannot stop a thread from outside, and a build runs
in a thread in the app, so the budget is cooperative: the loops that read a document (sentence
splitting, units, roles, relations) call :func:`check`, which raises :class:`OverBudget` once
the document's deadline has passed. The pipeline names the file and goes on with the others.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager

from argmap.errors import ArgmapError

DOCUMENT_BUDGET_S = 120.0
"""Seconds one document may take to read (extraction and relations); a setting of the pipeline."""

_DEADLINE: contextvars.ContextVar[tuple[float, float, str] | None] = contextvars.ContextVar(
    "argmap_deadline", default=None
)


_PER_DOCUMENT: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "argmap_per_document", default=None
)


class OverBudget(ArgmapError):
    """One document took longer than its time budget; it is skipped and named."""


@contextmanager
def budget(seconds: float | None, what: str) -> Iterator[None]:
    """Work inside this block must finish within ``seconds`` (None: no limit)."""
    if seconds is None:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + float(seconds), float(seconds), what))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def per_document(seconds: float | None) -> Iterator[None]:
    """Every :func:`document` block inside gets ``seconds`` (a build sets it once)."""
    token = _PER_DOCUMENT.set(seconds)
    try:
        yield
    finally:
        _PER_DOCUMENT.reset(token)


def document(what: str) -> contextlib.AbstractContextManager[None]:
    """The budget for reading one document, named ``what``, as the build set it."""
    return budget(_PER_DOCUMENT.get(), what)


def check() -> None:
    """Raise :class:`OverBudget` if the current document's time is up (cheap: call it often)."""
    d = _DEADLINE.get()
    if d is not None and time.monotonic() > d[0]:
        raise OverBudget(
            f"{d[2]}: took longer than the {d[1]:g} s budget for one document; skipped"
        )
