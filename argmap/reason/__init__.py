"""Which claims stand: Dung grounded and preferred labellings and DF-QuAD gradual strength,
as pure functions over node and edge lists, and their application to a map."""

from argmap.reason.labels import acceptance, preferred, strength, with_semantics

__all__ = ["acceptance", "preferred", "strength", "with_semantics"]
