"""Cross-article resolution: one event per real meeting, whichever articles report it."""

from kg.resolve.events import resolve_record

__all__ = ["resolve_record"]
