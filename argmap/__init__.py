"""argmap: turn documents about a contested question into an argument map.

import argmap
amap = argmap.build(["data/corpus"])
amap.save("map.json")
amap = argmap.ArgumentMap.load("map.json")
amap.attackers(amap.search("open models are harder to secure")[0][0].id)
"""

from argmap.errors import ArgmapError, IngestError, MapFormatError
from argmap.ingest import load_document, load_documents
from argmap.judge import judge, stance_to
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Mention, Relation
from argmap.pipeline import Pipeline, build, build_documents

__version__ = "0.1.0"

__all__ = [
    "ArgumentMap",
    "Document",
    "Mention",
    "Claim",
    "Relation",
    "Pipeline",
    "build",
    "build_documents",
    "load_document",
    "load_documents",
    "judge",
    "stance_to",
    "ArgmapError",
    "IngestError",
    "MapFormatError",
    "__version__",
]
