"""Questions asked of a finished map that need more than its graph: search by meaning.

The graph questions (supporters, attackers, passages, most contested) stay on
:class:`~argmap.model.amap.ArgumentMap`; this layer adds what needs a model.
"""

from argmap.query.search import search

__all__ = ["search"]
