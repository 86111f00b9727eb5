"""The ``llm`` pipeline stages: LLMExtractor (quoted claims, their roles and relations) and
LLMRelations (relations for claims any extractor found), built on the client, prompts and quote
location."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.ids import claim_id
from argmap.model.data import Claim, Document, Mention, Relation, round_conf
from argmap.parse.base import Extraction
from argmap.parse.llm.client import ChatClient
from argmap.parse.llm.prompts import (
    EXTRACT_PROMPT,
    RELATE_PROMPT,
    ROLES,
    extraction_schema,
    relation_only_schema,
)
from argmap.parse.llm.quotes import locate, paragraph_chunks
from argmap.units.segment import trim_span

STAGE = "llm"
CLAIM_CONFIDENCE = {"central": 0.8, "premise": 0.6, "objection": 0.6, "rebuttal": 0.6}
RELATION_CONFIDENCE = 0.6


@dataclass
class LLMExtraction(Extraction):
    """An Extraction that also carries the relations the model gave in the same answer, so the
    ``llm`` relation stage need not ask again."""

    relations: list[Relation] = field(default_factory=list)
    document: str | None = None
    dropped: list[str] = field(default_factory=list)


def _as_index(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _relations(items: Any, index: Mapping[int, int], ids: Sequence[str]) -> list[Relation]:
    """Relations from the model's index pairs; pairs naming a dropped or unknown claim are
    dropped, as are self-links and repeats."""
    out: dict[tuple[str, str], Relation] = {}
    for r in items if isinstance(items, list) else []:
        if not isinstance(r, dict) or r.get("type") not in ("supports", "attacks"):
            continue
        src, dst = _as_index(r.get("source")), _as_index(r.get("target"))
        if src is None or dst is None or src not in index or dst not in index:
            continue
        a, b = ids[index[src]], ids[index[dst]]
        if a == b or (a, b) in out:
            continue
        out[(a, b)] = Relation(a, b, str(r["type"]), round_conf(RELATION_CONFIDENCE), STAGE)
    return list(out.values())


class LLMExtractor:
    """A ClaimExtractor that asks a chat model for quoted claims, their roles and relations."""

    name = STAGE

    def __init__(
        self,
        url: str | None = None,
        model: str | None = None,
        key: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_chars: int = 6000,
        max_claims: int = 20,
        max_tokens: int = 2048,
        min_quote_chars: int = 8,
        client: ChatClient | None = None,
    ) -> None:
        self.client = client or ChatClient(url, model, key, timeout, retries, max_tokens)
        self.max_chars = max_chars
        self.max_claims = max_claims
        self.min_quote_chars = min_quote_chars

    def extract(self, document: Document) -> LLMExtraction:
        text = document.text
        claims: list[Claim] = []
        roles: list[str] = []
        rels: list[Relation] = []
        dropped: list[str] = []
        pos_of: dict[str, int] = {}
        schema = extraction_schema(self.max_claims)
        for n, (cs, ce) in enumerate(paragraph_chunks(text, self.max_chars)):
            prompt = EXTRACT_PROMPT.format(schema=json.dumps(schema), text=text[cs:ce])
            answer = self.client.complete_json(prompt, schema, "argument", "claims")
            index: dict[int, int] = {}
            hint = cs
            for k, item in enumerate(answer.get("claims") or []):
                quote = item.get("quote") if isinstance(item, dict) else None
                if not isinstance(quote, str) or len(quote.strip()) < self.min_quote_chars:
                    dropped.append(str(quote))
                    continue
                span = locate(text, quote, cs, ce, hint) or locate(text, quote)
                if span is None:
                    dropped.append(quote)
                    continue
                s, e = trim_span(text, *span)
                hint = e
                cid = claim_id(document.id, s, e)
                if cid in pos_of:
                    index[k] = pos_of[cid]
                    continue
                role = item.get("role") if item.get("role") in ROLES else "premise"
                stance = item.get("stance") if item.get("stance") in ("pro", "con") else "pro"
                pos_of[cid] = index[k] = len(claims)
                roles.append(str(role))
                claims.append(
                    Claim(
                        id=cid,
                        text=" ".join(text[s:e].split()),
                        mentions=(Mention.of(document, s, e),),
                        stance=str(stance),
                        confidence=round_conf(CLAIM_CONFIDENCE[str(role)]),
                        stage=STAGE,
                        metadata={"role": role, "chunk": n},
                    )
                )
            rels.extend(_relations(answer.get("relations"), index, [c.id for c in claims]))
        main = self._main(claims, roles, rels)
        unique: dict[tuple[str, str], Relation] = {}
        for r in rels:
            unique.setdefault((r.source, r.target), r)
        return LLMExtraction(
            claims=claims,
            main_claim=main,
            relations=list(unique.values()),
            document=document.id,
            dropped=dropped,
        )

    @staticmethod
    def _main(claims: list[Claim], roles: list[str], rels: list[Relation]) -> str | None:
        """The first claim marked central; the others so marked become premises. A model that
        marked none gets the most supported claim (or the first) as the main claim."""
        if not claims:
            return None
        central = [i for i, r in enumerate(roles) if r == "central"]
        if central:
            k = central[0]
        else:
            indeg = {c.id: 0 for c in claims}
            for r in rels:
                indeg[r.target] += 1
            k = max(range(len(claims)), key=lambda i: (indeg[claims[i].id], -i))
        for i, c in enumerate(claims):
            role = "central" if i == k else ("premise" if roles[i] == "central" else roles[i])
            meta = dict(c.metadata, role=role)
            if i == k and not central:
                meta["central_inferred"] = True
            claims[i] = c.with_(
                metadata=meta,
                stance="pro" if i == k else c.stance,
                confidence=round_conf(CLAIM_CONFIDENCE[role]),
            )
        return claims[k].id


class LLMRelations:
    """A RelationClassifier: reuses the relations of an ``llm`` extraction, or asks the model to
    relate the claims another extractor found (numbered, in windows of ``max_claims``)."""

    name = STAGE

    def __init__(
        self,
        url: str | None = None,
        model: str | None = None,
        key: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        max_claims: int = 30,
        max_tokens: int = 2048,
        client: ChatClient | None = None,
    ) -> None:
        self.client = client or ChatClient(url, model, key, timeout, retries, max_tokens)
        self.max_claims = max(2, max_claims)

    def relate(self, document: Document, extraction: Extraction) -> list[Relation]:
        ids = [c.id for c in extraction.claims]
        if isinstance(extraction, LLMExtraction) and extraction.document == document.id:
            known = set(ids)
            return [r for r in extraction.relations if r.source in known and r.target in known]
        if len(ids) < 2:
            return []
        central = ids.index(extraction.main_claim) if extraction.main_claim in ids else 0
        others = [i for i in range(len(ids)) if i != central]
        step = self.max_claims - 1
        out: dict[tuple[str, str], Relation] = {}
        for w in range(0, len(others), step):
            window = [central] + others[w : w + step]
            lines = "\n".join(
                f"{k}. {' '.join(extraction.claims[i].text.split())}" for k, i in enumerate(window)
            )
            schema = relation_only_schema(2 * len(window))
            prompt = RELATE_PROMPT.format(central=0, claims=lines, schema=json.dumps(schema))
            answer = self.client.complete_json(prompt, schema, "relations", "relations")
            index = {k: i for k, i in enumerate(window)}
            for r in _relations(answer.get("relations"), index, ids):
                out.setdefault((r.source, r.target), r)
        return list(out.values())
