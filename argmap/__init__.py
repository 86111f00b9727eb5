"""argmap: turn documents about a contested question into an argument map.

import argmap
amap = argmap.build(["data/corpus"])
amap.save("map.json")
amap = argmap.ArgumentMap.load("map.json")
best, score = argmap.search(amap, "open models are harder to secure")[0]
amap.attackers(best.id)
argmap.export(amap, "map.ttl")
same = argmap.rebuild(amap)  # from the documents and settings the map records
grown = amap.add_documents(["more_docs/"], map_path="map.json")  # the models read only what is new
"""

from argmap.dedup.remerge import remerge
from argmap.errors import ArgmapError, IngestError, MapFormatError
from argmap.grow import add_documents
from argmap.ingest import load_document, load_documents
from argmap.interchange import export, from_rdf, read_map, run_sparql, to_rdf
from argmap.judge import judge, stance_to
from argmap.model import amap as _amap
from argmap.model.amap import ArgumentMap
from argmap.model.data import Claim, Document, Mention, Relation
from argmap.pipeline import Pipeline, build, build_documents, rebuild
from argmap.query import search
from argmap.reason import acceptance, preferred, strength, with_semantics

_amap.register_grower(add_documents)

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
    "rebuild",
    "add_documents",
    "search",
    "remerge",
    "acceptance",
    "preferred",
    "strength",
    "with_semantics",
    "export",
    "read_map",
    "to_rdf",
    "from_rdf",
    "run_sparql",
    "load_document",
    "load_documents",
    "judge",
    "stance_to",
    "ArgmapError",
    "IngestError",
    "MapFormatError",
    "__version__",
]
