"""Argdown in: statements, arguments with their premise-conclusion structure, relations, tags.

The real Argdown parser reads the file (``argdown json``, from ``npm install @argdown/cli``):
Argdown's grammar (nested relations, references, equivalence classes, inference rules, front
matter) is large and still growing, and a second parser would drift from it; researchers
expect argmap to read their file as Argdown itself does. A file already exported with
``argdown json`` needs no parser: argmap reads that JSON directly.

The parser runs as a separate process in an empty folder, with a config of argmap's own (a
JSON file, never a ``.js`` one that would run code), a time limit, and no ``@include``: that
directive makes Argdown read other local files, so a file holding it is refused, as argmap
refuses anything in an imported file that would make it open a file or a connection.

What becomes what:
- each statement (an equivalence class: every ``[Title]`` is one) becomes one claim, its text
  without its tags, its mention the characters of its defining text in the Argdown source;
  its tags go to ``claim.metadata["tags"]``;
- an argument with a premise-conclusion structure makes each premise support its conclusion
  (``rule="argdown-pcs"``); one without becomes a claim of its own (its description);
- ``+`` supports, ``-`` attacks, ``_`` undercuts (an attack on the inference of the argument,
  or on the claim where no argument is named), ``><`` contradicts (an attack each way);
- ``metadata["argdown"]`` keeps the titles, the arguments and the relations' original ends,
  so the Argdown export writes the same statements, arguments and relations back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from argmap.errors import MapFormatError, brief, excerpt
from argmap.ids import claim_id
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Mention, Relation
from argmap.model.serialise import parse_json

PARSER_ENV = "ARGMAP_ARGDOWN"
TIMEOUT_S = 60
KEY = "argdown"
PCS_RULE = "argdown-pcs"
_INCLUDE = re.compile(r"@include", re.I)
_PREFIX = re.compile(
    r"[ \t]*(?:[-+_<>]+[ \t]+)?(?:\([0-9]+\)[ \t]*)?(?:\[[^\]\n]*\]|<[^>\n]*>)?[ \t]*:?[ \t]*"
)
_REPO_PARSER = (
    Path(__file__).resolve().parents[2] / ".argdown" / "node_modules" / ".bin" / "argdown"
)


def find_parser() -> str | None:
    """The ``argdown`` command: ``$ARGMAP_ARGDOWN``, then ``PATH``, then a checkout's copy."""
    named = os.environ.get(PARSER_ENV)
    if named:
        return named
    return shutil.which("argdown") or (str(_REPO_PARSER) if _REPO_PARSER.exists() else None)


def parse(text: str, source: str = "Argdown", timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Argdown source as the JSON the real parser exports.

    Raises:
        MapFormatError: no parser, ``@include`` in the file, or the parser failed.
    """
    if _INCLUDE.search(text):
        raise MapFormatError(
            f"{source}: uses @include, which would make the Argdown parser read other local "
            "files; argmap does not follow it. Inline the included files and import again"
        )
    cmd = find_parser()
    if cmd is None:
        raise MapFormatError(
            f"{source}: reading Argdown needs the Argdown parser: `npm install -g @argdown/cli` "
            f"(or set {PARSER_ENV} to its `argdown` command), or import the JSON that "
            "`argdown json` writes"
        )
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as tmp:
        folder = Path(tmp)
        (folder / "input.argdown").write_text(text, encoding="utf-8")
        (folder / "argdown.config.json").write_text("{}", encoding="utf-8")
        out = folder / "out"
        try:
            proc = subprocess.run(
                [cmd, "json", "input.argdown", "out", "--config", "argdown.config.json"],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=timeout,
                env={k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
            )
        except subprocess.TimeoutExpired as e:
            raise MapFormatError(f"{source}: the Argdown parser ran past {timeout:.0f} s") from e
        except OSError as e:
            raise MapFormatError(f"{source}: cannot run the Argdown parser {cmd} ({e})") from e
        result = out / "input.json"
        if proc.returncode != 0 or not result.is_file():
            said = excerpt(" ".join((proc.stderr or proc.stdout).split()), 300)
            raise MapFormatError(f"{source}: the Argdown parser failed ({said})")
        data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return data


def loads(text: str, source: str = "Argdown") -> ArgumentMap:
    """A map from Argdown source."""
    return from_argdown_json(parse(text, source), source, text)


def loads_json(text: str, source: str = "Argdown JSON") -> ArgumentMap:
    """A map from the JSON ``argdown json`` wrote (no parser needed)."""
    return from_argdown_json(parse_json(text, source, check_text=True), source)


def is_argdown_json(data: Any) -> bool:
    return (
        isinstance(data, Mapping)
        and isinstance(data.get("statements"), Mapping)
        and isinstance(data.get("arguments"), Mapping)
        and "nodes" not in data
    )


def _clean(member: Mapping[str, Any]) -> str:
    """A statement's text without its tags (``ranges`` say where Argdown found them)."""
    text = str(member.get("text") or "")
    cuts = sorted(
        (int(r["start"]), int(r["stop"]) + 1)
        for r in member.get("ranges") or []
        if isinstance(r, Mapping) and r.get("type") == "tag"
    )
    for start, stop in reversed(cuts):
        text = text[:start] + text[stop:]
    return " ".join(text.split())


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _defining(members: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    for m in members:
        if str(m.get("text") or "").strip():
            return m
    return None


class _Builder:
    def __init__(self, data: Mapping[str, Any], source: str, text: str | None) -> None:
        self.data = data
        self.source = source
        self.text = text
        self.texts: dict[str, str] = {}  # key ("s:Title" / "a:Title") -> claim text
        self.where: dict[str, tuple[int, int] | None] = {}  # key -> span in the source
        self.tags: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}

    def locate(self, member: Mapping[str, Any] | None, words: str) -> tuple[int, int] | None:
        """Where a member's raw text sits in the source, searched from its line and column."""
        if self.text is None or member is None:
            return None
        raw = " ".join(str(member.get("text") or "").split())
        starts = _line_starts(self.text)
        line = int(member.get("startLine") or 1) - 1
        if not 0 <= line < len(starts):
            return None
        base = starts[line] + max(0, int(member.get("startColumn") or 1) - 1)
        line_end = self.text.find("\n", base)
        line_end = len(self.text) if line_end < 0 else line_end
        at = self.text.find(raw, base) if raw else -1
        if 0 <= at <= line_end:
            return at, at + len(raw)
        # text over several lines, or escaped: from after the title to the end of the line
        m = _PREFIX.match(self.text, base, line_end)
        at = m.end() if m else base
        end = line_end
        while end > at and self.text[end - 1].isspace():
            end -= 1
        return (at, end) if end > at else None

    def claim(self, key: str, words: str, title: str, member: Mapping[str, Any] | None) -> None:
        """Register ``key`` as a claim: its text (the title when it has none), where it is."""
        self.texts[key] = words or title
        self.where[key] = self.locate(member, self.texts[key])
        self.titles[key] = title

    def statements(self) -> None:
        for title, s in self.data.get("statements", {}).items():
            if not isinstance(s, Mapping):
                continue
            members = [m for m in s.get("members") or [] if isinstance(m, Mapping)]
            main = _defining(members)
            words = _clean(main) if main else ""
            key = "s:" + str(title)
            self.claim(key, words, str(title), main)
            tags = [str(t) for t in s.get("tags") or []]
            if tags:
                self.tags[key] = tags

    def arguments(self) -> dict[str, dict[str, Any]]:
        """Each argument's premise-conclusion structure, in order: ``pcs`` lists statement keys
        with their role (and a conclusion's inference rules). One without it becomes a claim
        of its own."""
        out: dict[str, dict[str, Any]] = {}
        for title, a in self.data.get("arguments", {}).items():
            if not isinstance(a, Mapping):
                continue
            members = [m for m in a.get("members") or [] if isinstance(m, Mapping)]
            main = _defining(members)
            description = _clean(main) if main else ""
            pcs = []
            for p in a.get("pcs") or []:
                if not isinstance(p, Mapping):
                    continue
                step: dict[str, Any] = {
                    "key": "s:" + str(p.get("title")),
                    "role": str(p.get("role")),
                }
                if step["role"] != "premise":
                    inf = p.get("inference") or {}
                    step["rules"] = [str(r) for r in inf.get("inferenceRules") or []]
                pcs.append(step)
            entry: dict[str, Any] = {"title": str(title), "description": description, "pcs": pcs}
            if a.get("tags"):
                entry["tags"] = [str(t) for t in a.get("tags") or []]
            key = "a:" + str(title)
            if not any(p["role"] != "premise" for p in pcs):  # no structure: a claim itself
                self.claim(key, description, str(title), main)
            out[key] = entry
        return out

    def build(self) -> ArgumentMap:
        self.statements()
        args = self.arguments()
        keys = list(self.texts)
        if not keys:
            raise MapFormatError(f"{self.source}: no statements or arguments found")
        if self.text is not None and all(self.where.get(k) for k in keys):
            body = self.text
            spans = {k: self.where[k] for k in keys}
        else:  # Argdown JSON alone: one line per claim, as other tools' graphs are read
            body = "\n".join(" ".join(self.texts[k].split()) for k in keys) + "\n"
            spans, pos = {}, 0
            for k in keys:
                n = len(" ".join(self.texts[k].split()))
                spans[k] = (pos, pos + n)
                pos += n + 1
        doc = Document.create(
            body,
            source=self.source,
            title=self.source.rsplit("/", 1)[-1],
            metadata={"imported_from": "argdown", "synthetic": body is not self.text},
        )
        ids: dict[str, str] = {}
        claims: list[Claim] = []
        for k in keys:
            start, end = spans[k]  # type: ignore[misc]
            cid = claim_id(doc.id, start, end)
            if cid in ids.values():  # two statements on one span: keep them apart
                cid = claim_id(doc.id, start, end) + "-" + str(len(ids))
            ids[k] = cid
            meta: dict[str, Any] = {"argdown_title": self.titles[k]}
            if k in self.tags:
                meta["tags"] = self.tags[k]
            if k.startswith("a:"):
                meta["argdown_kind"] = "argument"
            claims.append(
                Claim(
                    id=cid,
                    text=self.texts[k],
                    mentions=(Mention.of(doc, start, end),),
                    stage="import",
                    metadata=meta,
                )
            )
        rels: list[Relation] = []
        seen: set[tuple[str, str, str]] = set()

        def add(r: Relation) -> bool:
            if r.source == r.target or r.key in seen:
                return False
            seen.add(r.key)
            rels.append(r)
            return True

        for a in args.values():
            group: list[str] = []  # what the next conclusion is inferred from
            for step in a["pcs"]:
                if step["role"] == "premise":
                    group.append(step["key"])
                    continue
                for p in group:
                    if p in ids and step["key"] in ids:
                        add(
                            Relation(
                                ids[p], ids[step["key"]], "supports", stage="import", rule=PCS_RULE
                            )
                        )
                group = [step["key"]]
        ends: list[dict[str, Any]] = []
        for r in self.data.get("relations") or []:
            if not isinstance(r, Mapping):
                continue
            made = self.relation(r, ids, args)
            kept = [x.key for x in made if add(x)]
            if kept:
                ends.append(
                    {
                        "from": str(r.get("from")),
                        "fromType": str(r.get("fromType")),
                        "to": str(r.get("to")),
                        "toType": str(r.get("toType")),
                        "relationType": str(r.get("relationType")),
                        "relations": [list(k) for k in kept],
                    }
                )
        meta_map = {
            "imported_from": "argdown",
            "source": self.source,
            KEY: {
                "arguments": [
                    {
                        **a,
                        "pcs": [{**p, "key": ids.get(p["key"], "")} for p in a["pcs"]],
                        "claim": ids.get(k, ""),
                    }
                    for k, a in args.items()
                ],
                "relations": ends,
            },
        }
        return ArgumentMap([doc], claims, rels, meta_map)

    def relation(
        self, r: Mapping[str, Any], ids: dict[str, str], args: dict[str, dict[str, Any]]
    ) -> list[Relation]:
        kind = str(r.get("relationType"))

        def end(title: Any, typ: Any, as_source: bool) -> tuple[str | None, dict[str, Any] | None]:
            if typ in ("argument", "inference"):  # an inference is named by its argument
                a = args.get("a:" + str(title))
                if a is None:
                    return None, None
                ends = [p["key"] for p in a["pcs"] if p["role"] != "premise"]
                if not ends:
                    return ids.get("a:" + str(title)), a
                return ids.get(ends[-1]), a
            return ids.get("s:" + str(title)), None

        src, _ = end(r.get("from"), r.get("fromType"), True)
        tgt, tgt_arg = end(r.get("to"), r.get("toType"), False)
        if src is None or tgt is None:
            return []
        if kind in ("support", "entails"):
            return [Relation(src, tgt, "supports", stage="import", rule=f"argdown-{kind}")]
        if kind == "attack":
            return [Relation(src, tgt, "attacks", stage="import", rule="argdown-attack")]
        if kind == "undercut":
            inference: tuple[str, ...] = ()
            pcs = tgt_arg["pcs"] if tgt_arg is not None else []
            last = [i for i, p in enumerate(pcs) if p["role"] != "premise"]
            if last:  # the final inference: from the step before the main conclusion
                before = [p for p in pcs[: last[-1]] if p["role"] == "premise"] or pcs[: last[-1]]
                p = ids.get(before[-1]["key"]) if before else None
                if p:
                    inference = (p, tgt)
            return [
                Relation(
                    src,
                    tgt,
                    "attacks",
                    stage="import",
                    rule="argdown-undercut",
                    inference=inference,
                )
            ]
        if kind in ("contradictory", "contrary"):
            return [
                Relation(src, tgt, "attacks", stage="import", rule=f"argdown-{kind}"),
                Relation(tgt, src, "attacks", stage="import", rule=f"argdown-{kind}"),
            ]
        return []


def from_argdown_json(
    data: Any, source: str = "Argdown JSON", text: str | None = None
) -> ArgumentMap:
    """A map from the JSON ``argdown json`` writes; ``text``, the Argdown source, if known.

    Raises:
        MapFormatError: not Argdown JSON, or nothing to read in it.
    """
    if not is_argdown_json(data):
        raise MapFormatError(f"{source}: not Argdown JSON (expected 'statements' and 'arguments')")
    try:
        amap = _Builder(data, source, text).build()
        amap.validate()
    except MapFormatError:
        raise
    except Exception as e:  # any shape the parser never writes: named, never a traceback
        raise MapFormatError(f"{source}: malformed Argdown JSON ({brief(e)})") from e
    return amap
