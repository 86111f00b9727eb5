"""The ``discourse`` relation stage: supports and attacks inside one document, each named by the
rule that made it, from connectives, roles, list and paragraph structure and similarity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from argmap.budget import check
from argmap.embed.base import Embedder
from argmap.errors import ArgmapError
from argmap.model.data import Document, Relation, round_conf
from argmap.parse.base import Extraction
from argmap.parse.discourse.precision import RULE_PRECISION
from argmap.parse.discourse.roles import _AND
from argmap.parse.discourse.targets import TargetContext, decode, load_target_model
from argmap.parse.discourse.units import STAGE
from argmap.units import cues

LEARNED = "learned"  # the rule name of an edge the target model chose

LIST_GAP = 3  # units from one numbered point to the next before the list counts as ended

LOCAL_BIAS = 0.3
"""How much closer in meaning to the unit before it than to the main claim an unmarked unit must
be to attach there. At 0.1 the rule fired on one unmarked unit in nine and was right about one
time in five, half as often as attaching to the main claim (bench/relation_rules.py); at 0.3 it
fires only on clear elaborations, and relation F1 rises on the held-out annotated texts
(0.491 -> 0.503) and the development set (0.401 -> 0.408), as bench/train_central.py and
bench/eval_dev.sh print them."""


class DiscourseRelations:
    """Supports and attacks inside one document, from connectives, roles and similarity."""

    name = STAGE
    #: reads ``Extraction.units``: each claim's role, sentence, clause, paragraph and section
    needs = frozenset({"units"})

    def __init__(
        self,
        embedder: Embedder | None = None,
        local_bias: float = LOCAL_BIAS,
        target_model: Any = "target_model.npz",
    ) -> None:
        """``target_model``: weights that choose the targets the rules only guess, around the
        cued edges (see :mod:`targets`; shipped in ``argmap/resources``), a path to others, or
        None to keep the rules' targets. They decide only for a document of at most their
        ``max_units`` units, and only with the embedder they were trained with."""
        self.embedder = embedder
        self.local_bias = local_bias
        self.target_model = load_target_model(target_model)

    def relate(self, document: Document, extraction: Extraction) -> list[Relation]:
        claims = extraction.claims
        if len(claims) < 2:
            return []
        ids = [c.id for c in claims]
        central = extraction.central_index()
        if extraction.units is None:
            raise ArgmapError(
                f"the discourse relations need each claim's unit (role, sentence, paragraph, "
                f"section) and the extraction of {document.source} has none; use the discourse "
                "extractor, or an extractor that fills Extraction.units"
            )
        units = extraction.units
        texts = [c.text for c in claims]
        roles = [u.role.value for u in units]
        sent = [u.sentence for u in units]
        clause = [u.clause for u in units]
        section = [u.section for u in units]
        para = [u.paragraph for u in units]
        vecs = self.embedder.encode(texts) if self.embedder is not None else None
        listed = self._enumerations(texts, roles, clause, central)
        rels: dict[int, tuple[int, str, str]] = {}
        last_obj: int | None = None  # the objection a rebuttal answers
        chain: int | None = None  # the last clause of that objection's sentence
        # the question the document opens with asserts nothing: nothing supports it or leans on it
        question = 0 if central != 0 and cues.is_question(texts[0]) else None
        for i in range(len(claims)):
            check()
            if i == central:
                last_obj = chain = None
                continue
            t = texts[i]
            role = roles[i]
            if i == question:
                continue
            same_sent_prev = i > 0 and sent[i - 1] == sent[i]
            same_sent_next = i + 1 < len(claims) and sent[i + 1] == sent[i]
            if role == "objection":
                # "some say X because Y, and Z, but ...": the objector's reason and second
                # point; the answer that follows still answers X
                if chain == i - 1 and same_sent_prev and cues.REASON_LEAD.search(t):
                    rels[i] = (i - 1, "supports", "reason-after")
                    chain = i
                    continue
                if chain == i - 1 and same_sent_prev and _AND.match(t):
                    j, kind, _ = rels[i - 1]
                    rels[i] = (j, kind, "co-premise")
                    chain = i
                    continue
                if units[i].turns and i - 1 != central and roles[i - 1] == "premise":
                    # "A. However, B. But C.": B answers A, from the other side
                    rels[i] = (i - 1, "attacks", "turn")
                    last_obj = chain = i
                    continue
                # an objection continued by "and ..." backs the objection before it
                if last_obj is not None and last_obj == i - 1 and cues.ADDITION_LEAD.search(t):
                    rels[i] = (i - 1, "supports", "objection-continued")
                else:
                    rels[i] = (central, "attacks", "objection")
                last_obj = chain = i
                continue
            if (
                same_sent_prev
                and clause[i] > 0
                and _AND.match(t)
                and (i - 1) in rels
                and role == roles[i - 1]
            ):
                # "X and Y": a co-premise with the same target
                rels[i] = (rels[i - 1][0], rels[i - 1][1], "co-premise")
                continue
            if role == "rebuttal" and last_obj is not None:
                rels[i] = (last_obj, "attacks", "rebuttal")
                continue
            if section[i] and section[i] != section[central]:
                kind = "attacks" if section[i] == "con" else "supports"
                rels[i] = (central, kind, "list-section")
                continue
            if same_sent_prev and clause[i] > 0 and cues.REASON_LEAD.search(t):
                rels[i] = (i - 1, "supports", "reason-after")
                continue
            if clause[i] == 0 and same_sent_next and cues.REASON_LEAD.search(t):
                rels[i] = (i + 1, "supports", "reason-before")
                continue
            if same_sent_prev and cues.CONCLUSION_LEAD.search(t):
                # "X, so Y": X supports Y; Y itself goes on to the main claim
                if (i - 1) not in rels or rels[i - 1][0] == central:
                    rels[i - 1] = (i, "supports", "conclusion-premise")
                rels[i] = (central, "supports", "conclusion")
                continue
            if cues.EXAMPLE_LEAD.search(t) and i > 0 and i - 1 != central:
                rels[i] = (i - 1, "supports", "example")
                continue
            if i in listed:
                rels[i] = (listed[i], "supports", "numbered-point")
                continue
            topic = self._topic(i, para, roles, central)
            if topic is not None:
                rels[i] = (topic, "supports", "paragraph-topic")
                continue
            target = self._attach(i, central, vecs, sent, last_obj)
            rels[i] = (
                target,
                "supports",
                "closer-to-previous" if target != central else "main-claim",
            )
        final: dict[int, tuple[int, str, str]] = {}
        for i, (j, kind, rule) in rels.items():
            if j == question:
                j = central  # "Should X? For example, ...": the example is for the answer
            if i != j:
                final[i] = (j, kind, rule)
        model = self.target_model
        if model is not None and vecs is not None and model.applies(self.embedder, len(claims)):
            return self._learned(ids, texts, roles, sent, para, central, final, vecs)
        return [
            Relation(ids[i], ids[j], kind, round_conf(RULE_PRECISION[rule]), STAGE, rule=rule)
            for i, (j, kind, rule) in final.items()
        ]

    def _learned(
        self,
        ids: list[str],
        texts: list[str],
        roles: list[str],
        sent: list[int],
        para: list[int],
        central: int,
        proposed: dict[int, tuple[int, str, str]],
        vecs: np.ndarray,
    ) -> list[Relation]:
        """The target model's tree over the rules' proposals; an edge the rules proposed too
        keeps the rule's name beside ``learned`` (``learned:objection``)."""
        assert self.target_model is not None
        v = np.asarray(vecs, dtype=np.float32)
        v = v / np.linalg.norm(v, axis=1, keepdims=True).clip(1e-8)
        ctx = TargetContext(texts, roles, sent, para, central, proposed, v)
        out = []
        for i, (j, kind, p) in sorted(decode(ctx, self.target_model).items()):
            rule = proposed.get(i)
            name = f"{LEARNED}:{rule[2]}" if rule is not None and rule[0] == j else LEARNED
            out.append(Relation(ids[i], ids[j], kind, round_conf(p), STAGE, rule=name))
        return out

    @staticmethod
    def _enumerations(
        texts: Sequence[str], roles: Sequence[str], clause: Sequence[int], central: int
    ) -> dict[int, int]:
        """Numbered points ("First, ... Second, ... Finally, ...") are reasons side by side for
        the claim that announces them, the unit just before "First" (the main claim when that
        unit is a question or an objection); an unnumbered unit between two points elaborates
        the point before it.

        Without this, the first point takes the others as its own support: they share its
        paragraph, and "Second" reads like any sentence that follows it.
        """
        out: dict[int, int] = {}
        i = 1
        while i < len(texts):
            if not (clause[i] == 0 and roles[i] == "premise" and cues.LIST_OPENER.search(texts[i])):
                i += 1
                continue
            items = [i]
            j = i + 1
            # the next point comes within a few units, and only the author's own points count
            while j < len(texts) and j - items[-1] <= LIST_GAP and roles[j] == "premise":
                if cues.LIST_OPENER.search(texts[j]):
                    break
                if clause[j] == 0 and cues.LIST_ITEM.search(texts[j]):
                    items.append(j)
                j += 1
            if len(items) > 1:  # a lone "first" is not a list
                lead = i - 1
                if cues.is_question(texts[lead]) or roles[lead] == "objection":
                    lead = central
                for k in range(i, items[-1] + 1):
                    if k in items:
                        out[k] = lead
                    elif clause[k] == 0:
                        out[k] = max(it for it in items if it < k)
            i = items[-1] + 1
        return out

    @staticmethod
    def _topic(i: int, para: Sequence[int], roles: Sequence[str], central: int) -> int | None:
        """In a text of several paragraphs, the paragraph's first point of the author's own is
        its topic: the other unmarked units of the paragraph support it, and it supports the
        main claim. A paragraph that opens by granting a point ("X is free to use, but it is
        not open source. Its licence forbids ...") is about the answer, not the point granted."""
        if len(set(para)) < 3 or para[central] == para[i]:
            return None  # one block of text: no paragraph structure to follow
        own = (j for j in range(i) if para[j] == para[i] and roles[j] in ("premise", "rebuttal"))
        return next(own, None)

    def _attach(
        self,
        i: int,
        central: int,
        vecs: np.ndarray | None,
        sent: Sequence[int],
        last_obj: int | None,
    ) -> int:
        """An unmarked unit supports the main claim, or the unit just before it when it is
        clearly closer in meaning (an elaboration)."""
        if vecs is None or i == 0:
            return central
        prev = i - 1
        if prev in (central, last_obj):
            return central
        s_central = float(vecs[i] @ vecs[central])
        s_prev = float(vecs[i] @ vecs[prev])
        return prev if s_prev > s_central + self.local_bias else central
