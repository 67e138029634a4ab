"""The FastAPI application factory: ``uvicorn api.main:create_app --factory``.

Nothing is built at import time. The lifespan opens the store named by ``Settings.store``
(or uses one handed in, for tests and embedding) and closes it at shutdown; the spaCy pipeline
is built only when the first write needs it (:func:`api.deps.get_nlp`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from anyio import CapacityLimiter
from fastapi import FastAPI

from api.errors import install_error_handlers
from api.middleware import BodySizeLimit
from api.routes import (
    articles,
    entities,
    explorer,
    export,
    health,
    linked_data,
    meetings,
    met,
    network,
    relationships,
    sparql,
    statements,
)
from api.schemas import PROBLEM_RESPONSES
from kg.config import Settings
from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)

QUERY_THREADS = 4
"""Worker threads that may evaluate /sparql queries at once (the rest wait their turn)."""


def _open_store(settings: Settings) -> KnowledgeStore:
    from kg.rdf.backends import open_store_from_settings

    return open_store_from_settings(settings)


def create_app(settings: Settings | None = None, *, store: KnowledgeStore | None = None) -> FastAPI:
    """Build the service. ``settings`` default to ``Settings.from_env(os.environ)``; a ``store``
    handed in is used as is and left open at shutdown (the caller owns it)."""
    settings = settings if settings is not None else Settings.from_env(os.environ)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = store is None
        app.state.store = _open_store(settings) if own else store
        holder = getattr(app.state.store, "set_holder_info", None)
        if own and callable(holder):
            # lets `kg ingest` on this machine hand articles to this process instead
            holder(url=f"http://{settings.host}:{settings.port}", token=settings.token or "")
        try:
            yield
        finally:
            if own:
                app.state.store.close()

    app = FastAPI(
        title="Diplomatic knowledge graph",
        summary="Who met whom, who said what, with evidence: REST lookups, SPARQL 1.1 and exports.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.nlp = None
    app.state.projection = None
    app.state.query_limiter = CapacityLimiter(QUERY_THREADS)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    for module in (health, entities, met, relationships, network, meetings, statements, articles,
                   sparql, export, linked_data, explorer):
        app.include_router(module.router, responses=PROBLEM_RESPONSES)
    return app


__all__ = ["QUERY_THREADS", "create_app"]
