"""The ``discourse`` claim extraction stage: units, the main claim and roles put together into
claims with their initial stance."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from argmap.budget import document
from argmap.embed.base import Embedder
from argmap.errors import ArgmapError
from argmap.ids import claim_id
from argmap.model.data import Claim, Document, Mention, round_conf
from argmap.parse.base import ClaimUnit, Extraction, Role
from argmap.parse.discourse.central import (
    CENTRAL_FEATURES,
    CENTRAL_WEIGHTS,
    LEAD_PRIOR,
    LEARNED_CENTRAL_MAX_UNITS,
    PEER_WEIGHT,
    Peers,
    _central_score,
    lead_unit,
    peer_bonus,
    rank_central,
)
from argmap.parse.discourse.roles import assign_roles
from argmap.parse.discourse.scoring import RoleModel, apply_role_model, load_role_model
from argmap.parse.discourse.units import _U, STAGE, analyse_units
from argmap.parse.ranker import LinearRanker

ROLE_MODEL_MAX_UNITS = LEARNED_CENTRAL_MAX_UNITS
"""The role model was trained on texts of 3 to 12 annotated units; a page of many more (a
magazine article, a long thread) keeps the role rules, as it keeps the main-claim rules. On the
magazine seed (33 units) the model dropped two of the author's concessions as arguing nothing."""

PREPARE_CHUNK = 4096
"""Texts per encode call in ``prepare``: large enough to keep the encoder's batches full, small
enough that one call's activations stay modest on a big build."""


class DiscourseExtractor:
    """Claims from discourse structure: every argumentative unit, its role and initial stance."""

    name = STAGE
    #: fills ``Extraction.units`` (role, sentence, clause, paragraph, section, turns); the same
    #: keys stay in each claim's metadata for the map JSON
    gives = frozenset({"units"})

    def __init__(
        self,
        embedder: Embedder | None = None,
        after_objection: bool = True,
        central_weights: dict[str, float] | None = None,
        lead_rule: bool = True,
        central_model: LinearRanker | str | None = "central_model.json",
        lead_prior: float = LEAD_PRIOR,
        peer_weight: float = PEER_WEIGHT,
        role_model: RoleModel | str | None = "role_model.npz",
    ) -> None:
        """``central_model``: the main-claim ranker for short texts (weights shipped in
        ``argmap/resources``, a path to others, or None for the hand-set rules everywhere).
        ``peer_weight``: how much a short text's main claim leans toward what the other
        documents of the build claim (``PEER_WEIGHT``; 0 reads each document alone).
        ``role_model``: weights that re-score each unit's role after the rules (see
        :mod:`scoring`; shipped in ``argmap/resources``), a path to others, or None to keep
        the rules' roles."""
        self.embedder = embedder
        self.after_objection = after_objection
        self.central_weights = dict(CENTRAL_WEIGHTS, **(central_weights or {}))
        self.lead_rule = lead_rule
        self.central_model = (
            LinearRanker.load(central_model, CENTRAL_FEATURES)
            if isinstance(central_model, str)
            else central_model
        )
        self.lead_prior = lead_prior
        self.peer_weight = peer_weight
        self.role_model = load_role_model(role_model)
        self._peer_row: dict[str, int] = {}
        self._peer_vecs = np.zeros((0, 0), dtype=np.float32)

    def prepare(self, documents: Sequence[Document]) -> None:
        """Read the documents of a build together.

        Every document's units are encoded in one call, so the encoder works in large batches
        across documents (a handful of sentences per call starves it, worst of all when another
        process shares the cores); ``extract`` and the relations then find the vectors in the
        embedder's cache. And each document's provisional main claim (as it would be chosen
        reading that document alone) is noted, so that ``extract`` can weigh a short text's
        candidates against the others' (see ``PEER_WEIGHT``). Called with no documents, it
        forgets them. One extractor serves one build at a time."""
        self._peer_row, self._peer_vecs = {}, np.zeros((0, 0), dtype=np.float32)
        if self.embedder is None or not documents:
            return
        analysed: list[tuple[Document, list[_U]]] = []
        for doc in documents:
            try:
                with document(doc.source):
                    units = analyse_units(doc)
            except ArgmapError:
                continue  # its own extraction reports it, naming the file
            if units:
                analysed.append((doc, units))
        # the unit as read and the claim text made from it (stripped): both get looked up
        texts = list(
            dict.fromkeys(
                t for _, units in analysed for u in units for t in (u.text, u.text.strip())
            )
        )
        try:
            for s in range(0, len(texts), PREPARE_CHUNK):
                self.embedder.encode(texts[s : s + PREPARE_CHUNK])
        except ArgmapError:
            return  # the embedder fails for every document: read each alone
        if self.peer_weight == 0 or len(analysed) < 2:
            return
        rows: dict[str, np.ndarray] = {}
        for doc, units in analysed:
            vecs = self._vectors(units)
            assert vecs is not None
            rows[doc.id] = vecs[self.choose_central(units, vecs=vecs)]
        if rows:
            self._peer_row = {doc_id: i for i, doc_id in enumerate(rows)}
            self._peer_vecs = np.vstack(list(rows.values())).astype(np.float32)

    def peers_of(self, document_id: str) -> Peers | None:
        """The prepared documents' provisional main claims, as peers of this document."""
        own = self._peer_row.get(document_id)
        if len(self._peer_vecs) - (own is not None) < 1:
            return None
        return Peers(self._peer_vecs, own)

    def extract(self, document: Document) -> Extraction:
        units = analyse_units(document)
        if not units:
            return Extraction()
        central = self.choose_central(units, self.peers_of(document.id))
        assign_roles(units, central, self.after_objection)
        if self.role_model is not None and len(units) <= ROLE_MODEL_MAX_UNITS:
            own = self.role_model.reads_vectors_of(self.embedder)
            vecs = self._vectors(units) if own else None
            units, central = apply_role_model(self.role_model, document.text, units, central, vecs)
        claims = []
        facts = []
        for x in units:
            m = Mention.of(document, x.unit.start, x.unit.end)
            stance = "con" if x.role == "objection" or x.heading == "con" else "pro"
            conf = 0.9 if x.role == "central" else 0.7
            claims.append(
                Claim(
                    id=claim_id(document.id, m.start, m.end),
                    text=x.text.strip(),
                    mentions=(m,),
                    stance=stance,
                    confidence=round_conf(conf),
                    stage=STAGE,
                    metadata={
                        "role": x.role,
                        "sentence": x.unit.sentence,
                        "clause": x.unit.clause,
                        "paragraph": x.para,
                        "section": x.heading,
                        **({"turns": True} if x.turns else {}),
                    },
                )
            )
            facts.append(
                ClaimUnit(
                    role=Role(x.role),
                    sentence=x.unit.sentence,
                    clause=x.unit.clause,
                    paragraph=x.para,
                    section=x.heading,
                    turns=x.turns,
                )
            )
        return Extraction(claims=claims, main_claim=claims[central].id, units=facts)

    def choose_central(
        self,
        units: list[_U],
        peers: Peers | None = None,
        vecs: np.ndarray | None = None,
    ) -> int:
        """The main claim; ``peers``: the build's documents' provisional main claims."""
        if vecs is None and (peers is not None or len(units) >= 3):
            vecs = self._vectors(units)
        sims = self._centroid_sims(units, vecs)
        n = len(units)
        lead = lead_unit(units) if self.lead_rule else 0
        if self.central_model is not None and n <= LEARNED_CENTRAL_MAX_UNITS:
            bonus = None
            if peers is not None and vecs is not None:
                bonus = peer_bonus(vecs, peers, self.peer_weight)
            return rank_central(self.central_model, units, sims, lead, self.lead_prior, bonus)
        rule_scores = [
            _central_score(x, n, float(sims[i]), self.central_weights, lead)
            for i, x in enumerate(units)
        ]
        return int(np.argmax(rule_scores))

    def _vectors(self, units: list[_U]) -> np.ndarray | None:
        if self.embedder is None:
            return None
        vecs = np.asarray(self.embedder.encode([u.text for u in units]), dtype=np.float64)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms == 0, 1.0, norms)

    def _centroid_sims(self, units: list[_U], vecs: np.ndarray | None = None) -> np.ndarray:
        if self.embedder is None or len(units) < 3:
            return np.zeros(len(units))
        if vecs is None:
            vecs = self._vectors(units)
        assert vecs is not None
        centroid = vecs.mean(axis=0)
        norm = np.linalg.norm(centroid) or 1.0
        sims = vecs @ (centroid / norm)
        return np.asarray(sims - sims.mean(), dtype=np.float64)
