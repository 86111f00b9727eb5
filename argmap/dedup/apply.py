"""Apply clustering to claims and relations, and undo it.

A merged claim keeps its members (id, text, mentions, similarity to the canonical wording), and
each relation keeps the member-level pairs it combines, so ``explode`` restores the claims and
relations as extracted and re-merging at another threshold needs no re-extraction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from argmap.dedup.merge import DEFAULT_THRESHOLD, SAME_DOCUMENT_THRESHOLD, cluster, medoid
from argmap.embed.base import Embedder
from argmap.judge.polarity import PairVeto, shared_words
from argmap.model.data import Claim, Member, Mention, Relation, round_conf
from argmap.units.cues import is_question
from argmap.units.proposition import core_text, is_anaphoric, is_compound, is_meta


def explode(
    claims: Sequence[Claim], relations: Sequence[Relation]
) -> tuple[list[Claim], list[Relation]]:
    """The claims and relations as they were before any merge."""
    out: list[Claim] = []
    for c in claims:
        if not c.members:
            out.append(c.with_(acceptance=None, strength=None))
            continue
        meta = {k: v for k, v in c.metadata.items() if k != "merged"}
        for m in c.members:
            out.append(
                Claim(
                    id=m.id,
                    text=m.text,
                    mentions=m.mentions,
                    stance=m.stance,
                    confidence=m.confidence,
                    stage=m.stage or c.stage,
                    metadata=meta if m.id == c.id else {},
                )
            )
    rels: list[Relation] = []
    for r in relations:
        if not r.pairs:
            rels.append(r)
            continue
        share = round_conf(r.confidence)
        for s, t in r.pairs:
            rels.append(Relation(s, t, r.type, share, r.stage, 1, r.scope, rule=r.rule))
    return out, rels


class MergeVeto(PairVeto):
    """Everything that keeps two similar propositions apart, as ``merge`` applies it.

    Besides polarity and minimal pairs: a question never merges with a statement (one asks,
    the other claims), a claim about a claim ("Saying X assumes Y") never merges with one that
    makes it, and a proposition whose subject is a pronoun ("They are not.") merges with
    nothing, since it is only whole in its context.
    """

    def __call__(self, a: str, b: str) -> bool:
        if is_question(a) != is_question(b) or is_meta(a) != is_meta(b):
            return True
        if is_anaphoric(a) or is_anaphoric(b):
            return True
        return super().__call__(a, b)


LOW_WORD_OVERLAP = 0.5


def needs_near_identity(a: str, b: str) -> bool:
    """Pairs that merge only far above the threshold, where the embedding alone is trusted.

    A compound claim and a single-point one: its embedding averages its points. And a pair
    that shares under half of the shorter claim's content words: near the threshold, MiniLM
    puts two claims about the same topic ("open models", "secrecy") as close as two wordings
    of one point, and the words they share are the second look that tells them apart.
    """
    return is_compound(a) != is_compound(b) or shared_words(a, b) < LOW_WORD_OVERLAP


def merge(
    claims: Sequence[Claim],
    relations: Sequence[Relation],
    embedder: Embedder,
    threshold: float = DEFAULT_THRESHOLD,
    same_document_threshold: float = SAME_DOCUMENT_THRESHOLD,
) -> tuple[list[Claim], list[Relation]]:
    """Merge near-duplicates among ``claims`` (which must be unmerged) and carry the relations."""
    claims = list(claims)
    if not claims:
        return [], []
    texts = [core_text(c.text) for c in claims]  # compare propositions, not their framing
    vecs = embedder.encode(texts)
    docs = [frozenset(c.documents) for c in claims]
    conflict = MergeVeto(embedder)
    groups = cluster(
        texts,
        vecs,
        docs,
        threshold,
        same_document_threshold,
        conflict=conflict,
        stances=[c.stance for c in claims],
        strict=needs_near_identity,
    )
    canon = [medoid(g, vecs) for g in groups]
    sims = {i: float(vecs[i] @ vecs[c]) for g, c in zip(groups, canon, strict=True) for i in g}
    return fold(claims, relations, groups, canon, sims)


def fold(
    claims: Sequence[Claim],
    relations: Sequence[Relation],
    groups: Sequence[Sequence[int]],
    canonical: Sequence[int],
    similarity: dict[int, float] | None = None,
) -> tuple[list[Claim], list[Relation]]:
    """Make each group of ``claims`` one claim, worded as its ``canonical`` member.

    The merged claim keeps every mention and its members (with their similarity to the
    canonical wording, 1.0 where unknown); relations move onto the merged claims, parallel
    ones combine (count, noisy-or confidence) and self-loops go. Dedup uses it, and so does
    importing another tool's rephrase (MA) nodes.
    """
    similarity = similarity or {}
    home: dict[str, str] = {}
    merged: list[Claim] = []
    for g, canon_i in zip(groups, canonical, strict=True):
        canon = claims[canon_i]
        for i in g:
            home[claims[i].id] = canon.id
        if len(g) == 1:
            merged.append(canon)
            continue
        members = []
        mentions: list[Mention] = []
        for i in sorted(g, key=lambda i: (i != canon_i, i)):
            c = claims[i]
            sim = round_conf(similarity.get(i, 1.0)) if i != canon_i else 1.0
            members.append(Member(c.id, c.text, c.mentions, c.stance, c.confidence, sim, c.stage))
            mentions.extend(c.mentions)
        merged.append(
            canon.with_(
                mentions=tuple(mentions),
                members=tuple(members),
                confidence=round_conf(max(claims[i].confidence for i in g)),
            )
        )
    combined: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for r in relations:
        s, t = home.get(r.source), home.get(r.target)
        if s is None or t is None or s == t:
            continue
        combined[(s, t, r.type)].append(r)
    rels = []
    for (s, t, typ), group in combined.items():
        if len(group) == 1 and group[0].source == s and group[0].target == t:
            rels.append(group[0])
            continue
        miss = 1.0
        for r in group:
            miss *= 1.0 - r.confidence
        pairs = tuple(sorted({(r.source, r.target) for r in group}))
        scope = "document" if all(r.scope == "document" for r in group) else "across"
        rels.append(
            Relation(
                s,
                t,
                typ,
                round_conf(1.0 - miss),
                group[0].stage,
                sum(r.count for r in group),
                scope,
                pairs,
                "; ".join(sorted({x for r in group for x in r.rule.split("; ") if x})),
            )
        )
    return merged, rels


def home_of(claims: Sequence[Claim]) -> dict[str, str]:
    """Member id -> id of the claim it now belongs to (itself when unmerged)."""
    out = {}
    for c in claims:
        out[c.id] = c.id
        for m in c.members:
            out[m.id] = c.id
    return out
