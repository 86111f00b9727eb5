"""Interchange commands: ``export``, ``import``, ``sparql`` and ``push``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError
from argmap.fileio import atomic_write_text
from argmap.interchange import EXPORT_FORMATS, IMPORT_FORMATS


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        help="write a map as RDF, AIF JSON, Argdown or GraphML",
        description="Write a saved map in another format. RDF uses AIF, PROV-O "
        "and W3C Web Annotation and can be imported back exactly.",
    )
    p.add_argument("map", metavar="MAP.json")
    p.add_argument(
        "--format",
        "-f",
        choices=list(EXPORT_FORMATS),
        help="output format (default: from the -o extension)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="where to write (default: stdout)")
    p.add_argument(
        "--validate",
        action="store_true",
        help="check the RDF against argmap's SHACL shapes first (needs pyshacl)",
    )
    p.set_defaults(func=export)

    p = sub.add_parser(
        "import",
        help="read RDF or AIF JSON into a map",
        description="Read RDF (turtle, json-ld, nt, xml, trig) or AIFdb JSON and "
        "save it as an argmap map. Files argmap exported come back "
        "exactly; foreign AIF becomes one document of claim texts.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--format",
        "-f",
        choices=list(IMPORT_FORMATS),
        help="input format (default: from the extension; .json is sniffed)",
    )
    p.add_argument("-o", "--output", required=True, metavar="MAP.json", help="where to save")
    p.set_defaults(func=import_)

    p = sub.add_parser(
        "sparql",
        help="run a SPARQL query over a map",
        description="Run SPARQL over the map's RDF. QUERY is query text, @FILE, "
        "or a ready query: most-attacked, claims-by-document, "
        "unanswered-attacks. Prefixes aif:, argmap:, oa:, prov:, "
        "schema:, dcterms:, xsd:, rdfs: are predeclared.",
    )
    p.add_argument("map", metavar="MAP.json")
    p.add_argument("query", metavar="QUERY")
    p.add_argument(
        "--bind",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to a string literal (<...> for an IRI); repeatable",
    )
    p.add_argument(
        "--bind-num",
        action="append",
        default=[],
        metavar="NAME=NUMBER",
        help="bind ?NAME to a number (xsd:integer, or xsd:decimal as the export writes "
        "confidence and strength), for FILTERs that compare; repeatable",
    )
    p.add_argument(
        "--store",
        metavar="DIR",
        help="load into an on-disk Oxigraph store in DIR (reused while it holds this "
        "map) and query it there; needs pyoxigraph",
    )
    p.add_argument("--json", action="store_true", help="print rows as JSON")
    p.set_defaults(func=sparql)

    p = sub.add_parser(
        "push",
        help="send a map to a SPARQL 1.1 server",
        description="Send the map's RDF to a remote store with the Graph Store "
        "HTTP Protocol (PUT/POST to URL?graph=IRI or URL?default) or "
        "SPARQL UPDATE.",
    )
    p.add_argument("map", metavar="MAP.json")
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="Graph Store URL (Oxigraph: http://host:7878/store), or the update URL "
        "with --protocol update",
    )
    p.add_argument("--graph", metavar="IRI", help="named graph to write (default: default graph)")
    p.add_argument("--append", action="store_true", help="add to the graph instead of replacing")
    p.add_argument("--protocol", choices=["graph-store", "update"], default="graph-store")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds (default 30)")
    p.set_defaults(func=push)


def _load(path: str) -> Any:
    from argmap.model.amap import ArgumentMap

    return ArgumentMap.load(path)


def export(args: argparse.Namespace) -> int:
    from argmap.fileio import check_output
    from argmap.interchange import export_text, guess_format

    if args.output not in (None, "-"):
        check_output(args.output)
    amap = _load(args.map)
    fmt = args.format or (guess_format(args.output) if args.output else None)
    if fmt is None:
        raise ArgmapError(
            "give --format, or an -o file whose extension names one "
            f"({', '.join(f'{e} {f}' for f, e in EXPORT_FORMATS.items())})"
        )
    if args.validate:
        from argmap.interchange.rdf import to_rdf
        from argmap.interchange.shacl import validate

        ok, report = validate(to_rdf(amap))
        if not ok:
            raise ArgmapError(f"the RDF export does not satisfy argmap's shapes:\n{report}")
    text = export_text(amap, fmt)
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    atomic_write_text(out, text)
    s = amap.stats()
    print(
        f"wrote {out} ({fmt}): {s['claims']} claims, {s['supports']} supports, "
        f"{s['attacks']} attacks",
        file=sys.stderr,
    )
    return 0


def import_(args: argparse.Namespace) -> int:
    from argmap.fileio import check_output
    from argmap.interchange import read_map

    check_output(args.output)
    amap = read_map(args.file, args.format)
    amap.save(args.output)
    s = amap.stats()
    print(
        f"saved {args.output}: {s['documents']} documents, {s['claims']} claims, "
        f"{s['supports']} supports, {s['attacks']} attacks",
        file=sys.stderr,
    )
    return 0


_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z", re.ASCII)


def _number(item: str, value: str) -> int | Decimal:
    """An integer, or an exact decimal (no float rounding), from plain ASCII digits."""
    v = value.strip()
    if not _NUMBER.match(v):
        raise ArgmapError(f"--bind-num {item!r}: {value!r} is not a number")
    if re.fullmatch(r"[+-]?\d+", v):
        return int(v)
    return Decimal(v)


def parse_bindings(items: list[str], numbers: list[str] | None = None) -> dict[str, Any]:
    """``NAME=VALUE`` pairs; ``<...>`` values become IRIs, all others string literals.

    ``numbers`` (from ``--bind-num``) become numbers: a string "0.5" compared with a decimal
    in a FILTER matches nothing, which would look like an empty answer rather than a mistake.
    """
    from rdflib import URIRef

    out: dict[str, Any] = {}
    for flag, group in (("--bind", items), ("--bind-num", numbers or [])):
        for item in group:
            name, sep, value = item.partition("=")
            name = name.strip().lstrip("?$")
            if not sep or not name:
                raise ArgmapError(f"{flag} {item!r}: expected NAME=VALUE")
            if name in out:
                raise ArgmapError(f"{flag} {item!r}: ?{name} is bound twice")
            if flag == "--bind-num":
                out[name] = _number(item, value)
            elif value.startswith("<") and value.endswith(">") and len(value) > 2:
                out[name] = URIRef(value[1:-1])
            else:
                out[name] = value
    return out


def _query_text(q: str) -> str:
    from argmap.interchange.queries import QUERIES

    if q in QUERIES:
        return QUERIES[q]
    if q.startswith("@"):
        try:
            return Path(q[1:]).read_text(encoding="utf-8")
        except OSError as e:
            raise ArgmapError(f"cannot read query file {q[1:]}: {e}") from e
    return q


def _print_rows(rows: list[dict[str, Any]]) -> None:
    if not rows:
        print("(no results)")
        return
    cols = list(rows[0])
    print("\t".join(cols))
    for r in rows:
        print("\t".join("" if r.get(c) is None else " ".join(str(r[c]).split()) for c in cols))


def sparql(args: argparse.Namespace) -> int:
    from argmap.interchange import sparql as sq

    amap = _load(args.map)
    query = _query_text(args.query)
    bindings = parse_bindings(args.bind, args.bind_num)
    for value in bindings.values():
        sq.to_term(value)  # a value that is no IRI or text is refused before any store opens
    if args.store:
        store = sq.OxigraphStore(args.store, amap)
        print(
            f"store {args.store}: {'reused' if store.reused else 'loaded'} ({len(store)} triples)",
            file=sys.stderr,
        )
        rows = store.query(query, **bindings)
    else:
        rows = sq.query(amap, query, **bindings)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        _print_rows(rows)
    return 0


def push(args: argparse.Namespace) -> int:
    from argmap.interchange.push import push as do_push

    amap = _load(args.map)
    res = do_push(
        amap,
        args.endpoint,
        args.graph,
        replace=not args.append,
        protocol=args.protocol,
        timeout=args.timeout,
    )
    print(f"pushed {res.triples} triples to {res.url} (HTTP {res.status})", file=sys.stderr)
    return 0
