"""Growing a map document by document: the add, and the model outputs saved beside a map."""

from argmap.grow.add import Grower, add_documents, grower_for

__all__ = ["Grower", "add_documents", "grower_for"]
