"""Dependencies of the routes: settings, store, the spaCy pipeline (built on first write), and
the bearer-token check for writes. ``Annotated`` aliases keep handler signatures short.

The cheap ones are ``async def`` so that ``async def`` routes never hop through the thread
pool just to read ``app.state``.
"""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request

from kg.config import Settings
from kg.rdf.store import KnowledgeStore

_NLP_LOCK = threading.Lock()


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> KnowledgeStore:
    store: KnowledgeStore = request.app.state.store
    return store


def get_nlp(request: Request) -> Any:
    """The spaCy pipeline, built the first time a write needs it (seconds; in a worker thread)."""
    state = request.app.state
    if getattr(state, "nlp", None) is None:
        with _NLP_LOCK:
            if getattr(state, "nlp", None) is None:
                from kg.nlp.pipeline import build_nlp

                state.nlp = build_nlp(state.settings.model)
    return state.nlp


async def require_token(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer KG_TOKEN")] = None,
) -> None:
    """Allow a write only with ``Authorization: Bearer <KG_TOKEN>``: 401 without credentials,
    403 with a wrong token or when the service has no token (writes disabled)."""
    expected = request.app.state.settings.token
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HTTPException(401, "writes need an 'Authorization: Bearer <token>' header",
                            headers={"WWW-Authenticate": 'Bearer realm="kg"'})
    if expected is None:
        raise HTTPException(403, "writes are disabled: the service was started without KG_TOKEN")
    given = authorization[7:].strip()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "the bearer token is not the service's KG_TOKEN")


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[KnowledgeStore, Depends(get_store)]
NlpDep = Annotated[Any, Depends(get_nlp)]
TokenDep = Depends(require_token)

__all__ = ["NlpDep", "SettingsDep", "StoreDep", "TokenDep", "get_nlp", "get_settings", "get_store", "require_token"]
