"""What the store holds, counted as reported (per article) and as resolved (distinct nodes).

"Reported" counts each article's own assertion once: a meeting reported by three articles is
three reports and one event; a leader named in five articles is five mentions and one actor.
"""

from __future__ import annotations

from pydantic import BaseModel

from kg.namespaces import sparql_prefixes
from kg.rdf.store import KnowledgeStore

CLASSES = ("Article", "Person", "Country", "Organization", "Location", "Meeting", "Statement")

COUNTS = sparql_prefixes() + """
SELECT ?class (COUNT(*) AS ?reported) (COUNT(DISTINCT ?x) AS ?resolved) WHERE {
  VALUES ?class { %s }
  GRAPH ?g { ?x a ?class }
}
GROUP BY ?class
""" % " ".join(f"dkg:{c}" for c in CLASSES)


class ClassCount(BaseModel):
    reported: int
    resolved: int


class StoreStats(BaseModel):
    counts: dict[str, ClassCount]
    quads: int


def store_stats(store: KnowledgeStore) -> StoreStats:
    """Counts per class before (per article graph) and after (distinct IRIs) resolution."""
    counts = {c: ClassCount(reported=0, resolved=0) for c in CLASSES}
    for row in store.select(COUNTS):
        name = str(row["class"]).rsplit("#", 1)[-1]
        counts[name] = ClassCount(reported=int(row["reported"]), resolved=int(row["resolved"]))
    return StoreStats(counts=counts, quads=store.count())


__all__ = ["CLASSES", "ClassCount", "StoreStats", "store_stats"]
