"""Reading a saved map: ``show``, ``claims`` and ``claim``."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("show", help="summarise a map: documents, claims, relations, most attacked")
    p.add_argument("map", metavar="MAP.json")
    p.add_argument("-n", type=int, default=5, help="how many most-attacked claims to list")
    p.set_defaults(func=show)

    p = sub.add_parser(
        "keypoints", help="the debate's key points: points several sources make, and cruxes"
    )
    p.add_argument("map", metavar="MAP.json")
    p.add_argument("--side", choices=["pro", "con", "neutral"], help="only this side")
    p.add_argument("--cruxes", action="store_true", help="only key points the sides fight over")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=keypoints)

    p = sub.add_parser("claims", help="list claims, optionally searched by meaning")
    p.add_argument("map", metavar="MAP.json")
    p.add_argument("--search", metavar="TEXT", help="rank claims by similarity to TEXT")
    p.add_argument("--stance", choices=["pro", "con"], help="only this stance")
    p.add_argument("--document", metavar="ID_OR_SOURCE", help="only claims made in this document")
    p.add_argument("-k", type=int, default=10, help="how many search results (default 10)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=claims)

    p = sub.add_parser("claim", help="one claim: its text, sources, supporters and attackers")
    p.add_argument("map", metavar="MAP.json")
    p.add_argument("id", metavar="ID", help="claim id (a unique prefix is enough)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=claim)


def _load(path: str) -> Any:
    from argmap.model.amap import ArgumentMap

    return ArgumentMap.load(path)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _print_debate(amap: Any, top: int) -> None:
    """The question, where each document stands, and the top key points on each side."""
    q = amap.metadata.get("question")
    if not q:
        return
    if q.get("text"):
        how = "given" if q.get("given") else f"inferred from {q.get('source')}"
        print(f"Question: {q['text']}  ({how}, confidence {q.get('confidence', 0):.2f})")
    else:
        print(f"Question: none ({q.get('reason', 'the documents share no question')})")
    print("\nPositions:")
    for d in amap.documents.values():
        conf = d.position_confidence or 0.0
        print(f"  {d.position or '?':8} {conf:.2f}  {_short(d.title or d.source, 70)}")
    kps = amap.key_points or []
    for side in ("pro", "con"):
        ranked = [k for k in kps if k.side == side][:top]
        if not ranked:
            continue
        print(f"\nTop key points, {side}:")
        for k in ranked:
            crux = "  [crux]" if k.crux else ""
            print(f"  {k.documents} sources  {_short(k.label, 90)}{crux}")
    print()


def show(args: argparse.Namespace) -> int:
    amap = _load(args.map)
    s = amap.stats()
    _print_debate(amap, args.n)
    print(
        f"{args.map}: {s['documents']} documents, {s['claims']} claims "
        f"({s['merged']} merged), {s['supports']} supports, {s['attacks']} attacks"
    )
    print("\nDocuments:")
    for d in amap.documents.values():
        n = len(amap.claims(document=d.id))
        print(f"  {d.id}  {_short(d.title, 60)}  ({n} claims)  {d.source}")
        if d.main_claim and d.main_claim in amap.claims_by_id:
            print(f"      main claim: {_short(amap.claims_by_id[d.main_claim].text, 90)}")
    pro = len(amap.claims(stance="pro"))
    print(f"\nClaims: {pro} pro, {s['claims'] - pro} con")
    from argmap.reason import acceptance
    from argmap.reason import strength as strength_of

    labels = acceptance(amap)
    counts = {k: sum(1 for v in labels.values() if v == k) for k in ("in", "out", "undecided")}
    print(
        f"Acceptance (grounded): {counts['in']} in, {counts['out']} out, "
        f"{counts['undecided']} undecided"
    )
    strength = strength_of(amap)
    strongest = sorted(amap.claims(), key=lambda c: -strength[c.id])[:3]
    print("Strongest claims (DF-QuAD):")
    for c in strongest:
        print(f"  {strength[c.id]:.2f}  {c.id}  {_short(c.text, 90)}")
    print("\nMost attacked:")
    for c, k in amap.most_contested(args.n):
        extra = f"  [{labels[c.id]}, strength {strength[c.id]:.2f}]"
        print(f"  {k:3d}x  {c.id}  {_short(c.text, 90)}{extra}")
    problems = amap.metadata.get("problems") or []
    if problems:
        print("\nProblems at build time:")
        for p in problems:
            print(f"  {p['severity']}: {p['source']}: {p['reason']}")
    return 0


def keypoints(args: argparse.Namespace) -> int:
    from argmap.errors import ArgmapError

    amap = _load(args.map)
    if amap.key_points is None:
        raise ArgmapError(
            f"{args.map} has no key points: it was built without the debate stage "
            "(rebuild it, with --question to name the question)"
        )
    rows = [
        k
        for k in amap.key_points
        if (args.side is None or k.side == args.side) and (k.crux or not args.cruxes)
    ]
    if args.json:
        print(json.dumps([k.to_dict() for k in rows], ensure_ascii=False, indent=1))
        return 0
    q = (amap.metadata.get("question") or {}).get("text")
    if q:
        print(f"Question: {q}")
    for k in rows:
        crux = "  [crux]" if k.crux else ""
        print(
            f"{k.id}  {k.side:7}  {k.documents} sources, {k.mentions} mentions  "
            f"{_short(k.label, 90)}{crux}"
        )
    if not rows:
        print("no key points" + (f" on the {args.side} side" if args.side else ""))
    return 0


def claims(args: argparse.Namespace) -> int:
    amap = _load(args.map)
    rows: list[tuple[Any, float | None]]
    if args.search:
        allowed = {c.id for c in amap.claims(stance=args.stance, document=args.document)}
        from argmap.query import search

        found = search(amap, args.search, k=len(amap))
        rows = [(c, s) for c, s in found if c.id in allowed]
        rows = rows[: args.k]
    else:
        rows = [(c, None) for c in amap.claims(stance=args.stance, document=args.document)]
    if args.json:
        out = []
        for c, s in rows:
            d = {
                "id": c.id,
                "text": c.text,
                "stance": c.stance,
                "sources": len(c.documents),
                "mentions": len(c.mentions),
            }
            if s is not None:
                d["score"] = s
            out.append(d)
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for c, s in rows:
        score = f"{s:.2f}  " if s is not None else ""
        print(f"{score}{c.id}  {c.stance:3}  x{len(c.documents)}  {_short(c.text)}")
    return 0


def claim(args: argparse.Namespace) -> int:
    amap = _load(args.map)
    c = amap.claim(args.id)
    sup, att = amap.supporters(c.id), amap.attackers(c.id)
    if args.json:
        print(
            json.dumps(
                {
                    "claim": c.to_dict(amap.documents),
                    "passages": amap.passages(c.id),
                    "supporters": [{"id": x.id, "text": x.text} for x in sup],
                    "attackers": [{"id": x.id, "text": x.text} for x in att],
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    print(f"{c.id}  ({c.stance}, confidence {c.confidence})")
    print(textwrap.fill(c.text, 100))
    if c.acceptance or c.strength is not None:
        print(f"acceptance: {c.acceptance}, strength: {c.strength}")
    print(f"\nSources ({len(c.mentions)}):")
    for p in amap.passages(c.id, context=80):
        print(f"  {p['source']} [{p['start']}:{p['end']}]")
        print(
            textwrap.indent(
                textwrap.fill(
                    f"…{_short(p['before'], 80)} »{p['text']}« {_short(p['after'], 80)}…", 96
                ),
                "    ",
            )
        )
    if c.members:
        print(f"\nMerged variants ({len(c.members)}):")
        for m in c.members:
            print(f"  {m.similarity:.2f}  {_short(m.text, 90)}")
    for title, items in (("Supporters", sup), ("Attackers", att)):
        print(f"\n{title} ({len(items)}):")
        for x in items:
            print(f"  {x.id}  {_short(x.text, 90)}")
    return 0
