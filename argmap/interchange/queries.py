"""Ready SPARQL queries over the RDF export, for ``argmap sparql MAP NAME`` and
:func:`argmap.interchange.sparql.query`.

Each declares its prefixes so it also runs unchanged on a remote endpoint after ``argmap push``.
Values are never pasted in: bind variables instead (``--bind document=d1234``).
"""

from __future__ import annotations

_PREFIXES = """PREFIX aif: <http://www.arg.tech/aif#>
PREFIX argmap: <https://argmap.dev/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

#: Claims ranked by how many attacks they take (``attacks`` sums combined edges' counts).
MOST_ATTACKED = (
    _PREFIXES
    + """
SELECT ?claim ?text (COUNT(DISTINCT ?attack) AS ?attackers) (SUM(?count) AS ?attacks)
WHERE {
  ?attack a aif:CA-node ; aif:Conclusion ?node ; argmap:count ?count .
  ?node a argmap:Claim ; argmap:id ?claim ; aif:claimText ?text .
}
GROUP BY ?claim ?text
ORDER BY DESC(?attacks) ?claim
"""
)

#: Every claim with each document it was made in, in map order. Bind ``document`` (an id) or
#: ``source`` (a path or URL) to list one document's claims.
CLAIMS_BY_DOCUMENT = (
    _PREFIXES
    + """
SELECT ?document ?source ?claim ?stance ?text
WHERE {
  ?doc a argmap:Document ; argmap:id ?document ; argmap:source ?source ; argmap:order ?dorder .
  ?node a argmap:Claim ; prov:wasDerivedFrom ?doc ; argmap:id ?claim ; argmap:stance ?stance ;
        aif:claimText ?text ; argmap:order ?order .
}
ORDER BY ?dorder ?order
"""
)

#: Attacks nobody has answered: the attacking claim is not itself attacked, so it stands.
UNANSWERED_ATTACKS = (
    _PREFIXES
    + """
SELECT ?attacker ?attackerText ?target ?targetText
WHERE {
  ?attack a aif:CA-node ; aif:Premise ?a ; aif:Conclusion ?t .
  ?a a argmap:Claim ; argmap:id ?attacker ; aif:claimText ?attackerText .
  ?t a argmap:Claim ; argmap:id ?target ; aif:claimText ?targetText .
  FILTER NOT EXISTS { ?counter a aif:CA-node ; aif:Conclusion ?a . }
}
ORDER BY ?target ?attacker
"""
)

QUERIES: dict[str, str] = {
    "most-attacked": MOST_ATTACKED,
    "claims-by-document": CLAIMS_BY_DOCUMENT,
    "unanswered-attacks": UNANSWERED_ATTACKS,
}
