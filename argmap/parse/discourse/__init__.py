"""The default offline stages: claims and relations from discourse structure.

No entailment model is installable offline, so the argument structure of a text is read from what
authors use to signal it: connectives and their scope ("X because Y", "although X, Y",
"critics argue X. But Y."), the position of the main claim, headed pro/con lists, and, where a
unit carries no marker, embedding similarity to choose what it attaches to.

Units: sentences split into clauses at argumentative connectives. Roles:

* ``central``  the document's main claim;
* ``objection`` a view the author reports in order to answer it (a counterclaim); it attacks the
  claim it objects to (the main claim unless a headed list says otherwise);
* ``rebuttal`` the author's answer to an objection; it attacks the objection;
* ``premise``  a reason, example or elaboration; it supports its target.

Stance toward the main claim then follows from the relation tree: supports keep the stance of
the target, attacks flip it.

The modules, in the order a document passes through them:

1. ``units``     segmentation into units; headings, titles, speaker labels and quote marks left
                 out, and what each unit's line says about its voice (an interviewer's turn, a
                 line quoted from the post a reply answers);
2. ``central``   the main claim (a learned ranker over rule features for short texts);
3. ``roles``     the hand-written role rules, whose decisions become
4. ``features``  one row per unit for the role model (rules, cues, neighbours, position, line,
                 MiniLM vector), which
5. ``scoring``   weighs with weights trained on ``data/labelled/texts`` (``role_model.npz``);
6. ``relations`` decoding: each unit's one target and the relation type, a tree rooted at the
                 main claim (rules read from connectives, lists and position);
``extractor`` puts 1-5 together as a claim extraction stage.
"""

from argmap.parse.discourse.central import (
    CENTRAL_FEATURES,
    CENTRAL_WEIGHTS,
    LEAD_PRIOR,
    LEARNED_CENTRAL_MAX_UNITS,
    PEER_FLOOR,
    PEER_WEIGHT,
    REJECTION_WINDOW,
    Peers,
    central_features,
    lead_unit,
    never_central,
    peer_bonus,
    rank_central,
)
from argmap.parse.discourse.extractor import DiscourseExtractor
from argmap.parse.discourse.relations import (
    LIST_GAP,
    LOCAL_BIAS,
    RULE_PRECISION,
    DiscourseRelations,
)
from argmap.parse.discourse.roles import SHORT_TEXT_MAX_UNITS, assign_roles
from argmap.parse.discourse.roles import _is_objection as _is_objection  # used by tests
from argmap.parse.discourse.units import STAGE, analyse_units
from argmap.units import cues as cues  # ``discourse.cues``, as tests and bench scripts use it

__all__ = [
    "CENTRAL_FEATURES",
    "CENTRAL_WEIGHTS",
    "LEAD_PRIOR",
    "LEARNED_CENTRAL_MAX_UNITS",
    "LIST_GAP",
    "LOCAL_BIAS",
    "PEER_FLOOR",
    "PEER_WEIGHT",
    "REJECTION_WINDOW",
    "RULE_PRECISION",
    "SHORT_TEXT_MAX_UNITS",
    "STAGE",
    "DiscourseExtractor",
    "DiscourseRelations",
    "Peers",
    "analyse_units",
    "assign_roles",
    "central_features",
    "lead_unit",
    "never_central",
    "peer_bonus",
    "rank_central",
]
