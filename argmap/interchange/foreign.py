"""Maps from argument graphs that other tools made (AIF JSON, AIF RDF without argmap's terms).

Such graphs carry claim texts and supports/attacks but no source documents, while every argmap
claim must point at real characters. So the texts become one synthetic document, one line per
claim, and each claim's mention is its own line: the map is valid and traceable to what the file
said, without pretending to know the original documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from argmap.errors import MapFormatError
from argmap.ids import claim_id
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Mention, Relation

IMPORT_STAGE = "import"


@dataclass(frozen=True)
class ForeignEdge:
    """``premise`` supports or attacks ``conclusion``; both are keys of the foreign I-nodes.

    ``inference`` is ``(premise, conclusion)`` of the inference an attack is on (AIF's conflict
    pointing at an inference node: an undercut); ``node`` is the file's S-node, so the import
    can say which relation each S-node became."""

    premise: str
    conclusion: str
    type: str
    inference: tuple[str, str] | None = None
    node: str = ""


def build_from_nodes(
    nodes: Sequence[tuple[str, str]],
    edges: Sequence[ForeignEdge],
    source: str,
    fmt: str,
    rephrases: Sequence[tuple[str, str]] = (),
) -> tuple[ArgumentMap, dict[str, str]]:
    """The map, and which claim each I-node key became.

    Blank I-nodes are dropped (a mention cannot be blank), and so are edges touching them.
    Whitespace inside a text is collapsed to single spaces so each claim stays on one line.
    ``rephrases`` are ``(rephrasing, rephrased)`` key pairs from the file's MA nodes. They are
    never folded into one claim: AIF tools use MA for restating a question as each of its
    answers, and for answers a conflict sets against each other, so a merge would lose exactly
    the disagreement the file records. They stay two claims, and ``metadata["rephrases"]``
    lists the ``[rephrasing, rephrased]`` claim ids so a reader can show them side by side.
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
        if a is None or b is None or a == b or (a, b, e.type) in seen:
            continue
        inference: tuple[str, ...] = ()
        if e.inference is not None:
            p, c = (ids.get(k) for k in e.inference)
            if p is None or c is None:
                continue
            inference = (p, c)
        seen.add((a, b, e.type))
        rels.append(Relation(a, b, e.type, stage=IMPORT_STAGE, inference=inference))
    metadata: dict = {"imported_from": fmt, "source": source}
    links = [
        [ids[a], ids[b]]
        for a, b in dict.fromkeys(rephrases)
        if a in ids and b in ids and ids[a] != ids[b]
    ]
    if links:
        metadata["rephrases"] = links
    return ArgumentMap([doc], claims, rels, metadata), ids
