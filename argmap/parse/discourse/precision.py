"""How often each relation rule is right: the confidence of the edges it makes, and the names
the learned target model reads as features (so both read one table)."""

from __future__ import annotations

RULE_PRECISION = {
    # Each relation's confidence: how often its rule's relations are right (source, target and
    # type) on the project's annotated texts not held out, pulled toward 0.5 by five
    # pseudo-relations. Measured and printed by bench/relation_rules.py. Rules that never fire
    # on those texts (headed lists, numbered points and paragraph topics belong to longer
    # documents) stay at 0.5.
    "objection": 0.6,
    "objection-continued": 0.5,
    "turn": 0.5,
    "co-premise": 0.3,
    "rebuttal": 0.57,
    "list-section": 0.5,
    "reason-after": 0.48,
    "reason-before": 0.58,
    "conclusion-premise": 0.87,
    "conclusion": 0.44,
    "example": 0.5,
    "numbered-point": 0.5,
    "paragraph-topic": 0.5,
    "closer-to-previous": 0.39,
    "main-claim": 0.46,
}
