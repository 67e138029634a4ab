"""The NetworkX projection of the store that graph routes share, built on first use and
rebuilt only when the store's generation has changed (``Projection.sync``)."""

from __future__ import annotations

import threading
from typing import Any

from kg.graph.projection import Projection, project
from kg.rdf.store import KnowledgeStore

_LOCK = threading.Lock()


def current_projection(state: Any, store: KnowledgeStore) -> Projection:
    """The app's projection, in step with the store (call from a worker thread: it may read)."""
    with _LOCK:
        projection: Projection | None = getattr(state, "projection", None)
        if projection is None:
            state.projection = projection = project(store)
        else:
            projection.sync()
        return projection


__all__ = ["current_projection"]
