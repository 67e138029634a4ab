"""Cross-article resolution: one node per real actor, one event per real meeting."""

from kg.resolve.actors import bare_name, resolve_actors
from kg.resolve.events import resolve_record as resolve_events
from kg.rdf.store import KnowledgeStore
from kg.extract.records import ExtractionRecord


def resolve_record(record: ExtractionRecord, store: KnowledgeStore) -> ExtractionRecord:
    """Actors first (a meeting's participants must be final before it is matched), then events."""
    return resolve_events(resolve_actors(record, store), store)


__all__ = ["bare_name", "resolve_actors", "resolve_events", "resolve_record"]
