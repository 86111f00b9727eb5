"""Maps from argument graphs that other tools made (AIF JSON, AIF RDF without argmap's terms).

Such graphs carry claim texts and supports/attacks but no source documents, while every argmap
claim must point at real characters. So the texts become one synthetic document, one line per
claim, and each claim's mention is its own line: the map is valid and traceable to what the file
said, without pretending to know the original documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from argmap.dedup.apply import fold
from argmap.errors import MapFormatError
from argmap.ids import claim_id
from argmap.judge.polarity import polarity_conflict
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Mention, Relation
from argmap.units.cues import is_question

IMPORT_STAGE = "import"


@dataclass(frozen=True)
class ForeignEdge:
    """``premise`` supports or attacks ``conclusion``; both are keys of the foreign I-nodes."""

    premise: str
    conclusion: str
    type: str


def map_from_nodes(
    nodes: Sequence[tuple[str, str]],
    edges: Sequence[ForeignEdge],
    source: str,
    fmt: str,
    rephrases: Sequence[tuple[str, str]] = (),
) -> ArgumentMap:
    """Build a map from ``(key, text)`` I-nodes (in file order) and the edges between them.

    Blank I-nodes are dropped (a mention cannot be blank), and so are edges touching them.
    Whitespace inside a text is collapsed to single spaces so each claim stays on one line.
    ``rephrases`` are ``(rephrasing, rephrased)`` key pairs from the file's MA nodes: the tool
    that made the file said they are one point, so they become one claim with both mentions,
    worded as the rephrased one, and its members record the merge as dedup's would. A pair
    argmap's dedup would never merge -- a question and a statement, opposite polarity -- stays
    two claims: AIF also uses MA for restating a question as the position that answers it.
    """
    texts: list[tuple[str, str]] = []
    for key, text in nodes:
        flat = " ".join(str(text).split())
        if flat:
            texts.append((key, flat))
    if not texts:
        raise MapFormatError(f"{source}: no claim texts (I-nodes) found")
    body = "\n".join(t for _, t in texts) + "\n"
    title = source.rsplit("/", 1)[-1]
    doc = Document.create(
        body, source=source, title=title, metadata={"imported_from": fmt, "synthetic": True}
    )
    ids: dict[str, str] = {}
    claims: list[Claim] = []
    pos = 0
    for key, text in texts:
        start, end = pos, pos + len(text)
        pos = end + 1
        if key in ids:
            raise MapFormatError(f"{source}: node id {key!r} is used twice")
        ids[key] = claim_id(doc.id, start, end)
        claims.append(
            Claim(
                id=ids[key], text=text, mentions=(Mention.of(doc, start, end),), stage=IMPORT_STAGE
            )
        )
    rels: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for e in edges:
        a, b = ids.get(e.premise), ids.get(e.conclusion)
        if a is None or b is None or (a, b, e.type) in seen:
            continue
        seen.add((a, b, e.type))
        rels.append(Relation(a, b, e.type, stage=IMPORT_STAGE))
    if rephrases:
        claims, rels = _fold_rephrases(claims, rels, [ids[k] for k, _ in texts], ids, rephrases)
    return ArgumentMap([doc], claims, rels, {"imported_from": fmt, "source": source})


def _fold_rephrases(
    claims: list[Claim],
    rels: list[Relation],
    order: list[str],
    ids: dict[str, str],
    rephrases: Sequence[tuple[str, str]],
) -> tuple[list[Claim], list[Relation]]:
    index = {cid: i for i, cid in enumerate(order)}
    parent = list(range(len(order)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rephrased: set[int] = set()
    rephrasing: set[int] = set()
    for a_key, b_key in rephrases:
        a, b = ids.get(a_key), ids.get(b_key)
        if a is None or b is None or a == b:
            continue
        i, j = index[a], index[b]
        ta, tb = claims[i].text, claims[j].text
        if is_question(ta) != is_question(tb) or polarity_conflict(ta, tb):
            continue
        rephrasing.add(i)
        rephrased.add(j)
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(order)):
        groups.setdefault(find(i), []).append(i)
    members = sorted(groups.values())
    # worded as a claim others rephrase and that rephrases none; else the first in the file
    canonical = [
        next((i for i in g if i in rephrased and i not in rephrasing), g[0]) for g in members
    ]
    return fold(claims, rels, members, canonical)
