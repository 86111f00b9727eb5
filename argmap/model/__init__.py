"""The data model every step shares: documents, claims with character-offset mentions,
relations, key points, and the ArgumentMap that holds them. Nothing here imports a pipeline step.

    data.py       the frozen dataclasses
    amap.py       ArgumentMap: the container, its graph and its read-only queries
    serialise.py  the ``argmap/1`` JSON format (a contract: fields are added, never renamed)
    formats.py    the registry of interchange formats, looked up by name
"""

from argmap.model.amap import ArgumentMap
from argmap.model.data import (
    Claim,
    Document,
    KeyPoint,
    Member,
    Mention,
    Relation,
    round_conf,
    unique_documents,
)

__all__ = [
    "ArgumentMap",
    "Claim",
    "Document",
    "KeyPoint",
    "Member",
    "Mention",
    "Relation",
    "round_conf",
    "unique_documents",
]
