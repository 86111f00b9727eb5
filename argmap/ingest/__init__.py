"""Ingestion: files and folders in, clean Documents out, and a named problem for each bad file."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from argmap.errors import IngestError
from argmap.ingest.clean import clean_text
from argmap.ingest.decode import has_mojibake
from argmap.ingest.readers import READER_WARNINGS, SUPPORTED, media_type_of, read_bytes, read_file
from argmap.model.data import Document

__all__ = [
    "Problem",
    "IngestResult",
    "collect_files",
    "load_document",
    "load_documents",
    "load_bytes",
    "document_from_text",
    "SUPPORTED",
]

MIN_WORDS = 5


@dataclass(frozen=True)
class Problem:
    """Something wrong with one source. ``error`` means it was skipped; ``warning`` means it was
    read, but a person should know (a guessed encoding, say)."""

    source: str
    reason: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand folders recursively, keep order, and name everything left out and why.

    Only regular files are read. Hidden and ``_``-prefixed entries, links that lead outside the
    folder given (or to anything but a regular file), folders that cannot be opened, devices,
    pipes, and files of a kind argmap does not read are all skipped, each with a problem (one
    line per unsupported extension), so nothing goes missing without a word.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            _walk(p, files, problems)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            problems.append(Problem(str(p), "not a regular file (a device, pipe or socket)"))
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    return files, problems


def _walk(root: Path, files: list[Path], problems: list[Problem]) -> None:
    real_root = root.resolve()
    unsupported: dict[str, list[str]] = {}

    def unreadable(e: OSError) -> None:
        problems.append(Problem(str(e.filename or root), f"cannot open folder ({e.strerror})"))

    for folder, dirs, names in os.walk(root, onerror=unreadable):
        here = Path(folder)
        for d in sorted(dirs):
            if d.startswith((".", "_")):
                problems.append(Problem(str(here / d), "hidden or '_' folder; skipped"))
            elif (here / d).is_symlink():
                problems.append(Problem(str(here / d), "link to a folder; not followed"))
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(names):
            f = here / name
            if name.startswith((".", "_")):
                problems.append(Problem(str(f), "hidden or '_' file; skipped"))
                continue
            if media_type_of(f) is None:
                unsupported.setdefault(f.suffix.lower() or "(none)", []).append(str(f))
                continue
            try:
                regular = stat.S_ISREG(f.stat().st_mode)
            except OSError:
                regular = False
            if not regular:  # a device, pipe or broken link with a document's name: say so
                problems.append(Problem(str(f), "not a regular file; skipped"))
                continue
            if f.is_symlink() and not f.resolve().is_relative_to(real_root):
                problems.append(Problem(str(f), "link to a file outside the folder; skipped"))
                continue
            files.append(f)
    for ext, names in sorted(unsupported.items()):
        kinds = ", ".join(sorted(SUPPORTED))
        first = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
        problems.append(
            Problem(
                first,
                f"{len(names)} file(s) of unsupported type '{ext}' skipped; argmap reads {kinds}",
            )
        )


def document_from_text(
    text: str,
    source: str,
    title: str = "",
    media_type: str = "text/plain",
    metadata: dict[str, str] | None = None,
    markup: bool = True,
) -> tuple[Document, list[Problem]]:
    """Clean already-decoded text into a Document. Raises IngestError if nothing is left."""
    cleaned, stats, page = clean_text(text, markup=markup)
    if len(cleaned.split()) < MIN_WORDS:
        raise IngestError(source, "no readable prose left after removing page chrome")
    warnings = []
    if has_mojibake(cleaned):
        warnings.append(Problem(source, "garbled characters remain after repair", "warning"))
    meta = dict(metadata or {})
    meta.update({k: str(v) for k, v in stats.items() if v})
    first_line = cleaned.split("\n", 1)[0]
    title = (
        title.strip()
        or _heading_title(text, markup)
        or _chrome_headline(page, cleaned)
        or (first_line if len(first_line) <= 120 else first_line[:117] + "...")
    )
    return Document.create(cleaned, source, title, media_type, meta), warnings


def _heading_title(text: str, markup: bool) -> str:
    """The text's headline, if it opens with one: cleaning drops it from the text (a title
    claims nothing), but it still names the document.

    The headline is the first opening line longer than a section label ("OPINION", "Letters
    to the Editor"); it counts only if it is a title-case run of at most 14 words, so a menu
    bar or a headline glued to its byline is not taken for one.
    """
    from argmap.ingest.boilerplate import is_title_case_run
    from argmap.ingest.clean import normalise_whitespace, strip_light_markup
    from argmap.ingest.decode import repair_text

    for raw in text.split("\n")[:6]:
        line, _ = repair_text(raw)
        line = normalise_whitespace(strip_light_markup(line) if markup else line)
        words = [w for w in line.split() if any(c.isalpha() for c in w)]
        if len(words) <= 4:
            continue
        if len(words) <= 14 and is_title_case_run(line, line.split()):
            return line
        return ""
    return ""


def _chrome_headline(page: str, cleaned: str) -> str:
    """The headline among the page chrome cleaning dropped from the front of the text."""
    from argmap.ingest.boilerplate import headline_in_chrome

    start = page.find(cleaned[:60])
    return headline_in_chrome(page[:start], cleaned) if start > 0 else ""


def load_document(path: str | Path) -> tuple[Document, list[Problem]]:
    """Read and clean one file. Raises IngestError naming the file and the reason."""
    return _finish(read_file(Path(path)), str(path))


def load_bytes(data: bytes, name: str) -> tuple[Document, list[Problem]]:
    """Read and clean an uploaded file's bytes; ``name`` gives its kind and is its source."""
    return _finish(read_bytes(data, name), name)


def _finish(
    read: tuple[str, str, str, dict[str, str]], source: str
) -> tuple[Document, list[Problem]]:
    raw, title, media, meta = read
    warnings = []
    if READER_WARNINGS in meta:
        meta = dict(meta)
        warnings.append(
            Problem(source, f"read, with warnings: {meta.pop(READER_WARNINGS)}", "warning")
        )
    enc = meta.get("encoding", "")
    if enc and enc not in ("utf-8", "utf-8-sig", "ascii") and not enc.startswith("utf-"):
        warnings.append(Problem(source, f"not UTF-8; read as {enc}", "warning"))
    doc, more = document_from_text(
        raw, source, title, media, meta, markup=media in ("text/plain", "text/markdown")
    )
    return doc, warnings + more


def load_documents(
    paths: Iterable[str | Path],
    progress: Callable[[Path], None] | None = None,
) -> IngestResult:
    """Load every file under ``paths``; one bad file is reported and skipped, never fatal."""
    files, problems = collect_files(paths)
    outcomes = []
    for f in files:
        if progress:
            progress(f)
        outcomes.append(read_one(f))
    return assemble(files, outcomes, problems)


def read_one(path: Path) -> tuple[Document | None, list[Problem]]:
    """One file: its document (None when it cannot be read) and what went wrong on the way."""
    try:
        doc, warnings = load_document(path)
    except IngestError as e:
        return None, [Problem(e.source, e.reason)]
    return doc, list(warnings)


def assemble(
    files: Sequence[Path],
    outcomes: Sequence[tuple[Document | None, list[Problem]]],
    problems: Iterable[Problem] = (),
) -> IngestResult:
    """The documents of ``files`` read one by one (here or on other machines), in file order;
    a file with the same text as an earlier one is skipped with a warning."""
    result = IngestResult(problems=list(problems))
    seen: dict[str, str] = {}
    for f, (doc, probs) in zip(files, outcomes, strict=True):
        result.problems.extend(probs)
        if doc is None:
            continue
        if doc.id in seen:
            result.problems.append(
                Problem(str(f), f"same text as {seen[doc.id]}; skipped", "warning")
            )
            continue
        seen[doc.id] = str(f)
        result.documents.append(doc)
    return result
