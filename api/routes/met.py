"""GET /met: who met an actor, with the meetings and the articles that report them.

``async def``, and where it is cheap the lookup runs right on the event loop: an indexed
"who met X" over pyoxigraph takes about a millisecond, and skipping the thread-pool hop is
worth ~5x in throughput (PERF-NOTES). What is not cheap goes to a worker thread so that it
cannot hold the loop: the first call after a write (it rebuilds the name index: seconds on
1M triples), an actor with more than :data:`INLINE_MEETINGS` meetings (hundreds of records to
assemble), and every call on a remote store (each query is an HTTP round trip).

The answer is serialised once, by pydantic, straight to JSON bytes (``MetResult`` stays the
documented response model): letting FastAPI validate and encode the returned model again cost
more than the lookup. Answers on the embedded store are remembered per store generation (at
most :data:`CACHE_SIZE` of them, all dropped when the store changes), so a popular actor costs
one lookup per write, not one per request.
"""

from __future__ import annotations

import threading
import weakref
from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Response

from api.deps import SettingsDep, StoreDep
from api.schemas import MetResult
from kg import lookups
from kg.errors import EntityNotFoundError
from kg.extract.records import Kind, Status
from kg.rdf.store import KnowledgeStore

router = APIRouter(tags=["meetings"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
INLINE_MEETINGS = 50
"""Actors with at most this many meetings are looked up on the event loop."""
CACHE_SIZE = 512
"""How many /met answers per store are remembered (until the store's generation changes)."""

_Key = tuple[str, str | None, str | None, str | None, str | None]
_CACHE: weakref.WeakKeyDictionary[KnowledgeStore, tuple[int, dict[_Key, bytes]]] = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def _met(store: KnowledgeStore, actor: str, found: list[str] | None, **filters: str | None) -> bytes:
    found = found if found is not None else lookups.resolve_actor(store, actor)
    if not found:
        raise EntityNotFoundError(f"no actor matches {actor!r}")
    index = lookups.name_index(store)
    counterparts = lookups.met(store, found[0], **filters)
    result = MetResult.model_construct(actor=index.ref(found[0]), candidates=[index.ref(i) for i in found[1:6]],
                                       counterparts=counterparts)
    return result.model_dump_json().encode()


def _resolve_if_cheap(store: KnowledgeStore, remote: bool, actor: str) -> list[str] | None:
    """The actor's candidates when the whole lookup is cheap enough for the loop, else None."""
    if remote:
        return None
    index = lookups.cached_index(store)
    if index is None:
        return None
    found = lookups.resolve_actor(store, actor)
    if found and index.activity(found[0]) > INLINE_MEETINGS:
        return None
    return found


def _cached(store: KnowledgeStore, generation: int, key: _Key) -> bytes | None:
    with _CACHE_LOCK:
        entry = _CACHE.get(store)
    if entry is None or entry[0] != generation:
        return None
    return entry[1].get(key)


def _remember(store: KnowledgeStore, generation: int, key: _Key, body: bytes) -> None:
    with _CACHE_LOCK:
        entry = _CACHE.get(store)
        if entry is None or entry[0] != generation or len(entry[1]) >= CACHE_SIZE:
            entry = (generation, {})
            _CACHE[store] = entry
        entry[1][key] = body


@router.get("/met", response_model=MetResult)
async def met(
    store: StoreDep,
    settings: SettingsDep,
    actor: Annotated[str, Query(min_length=1, max_length=300, description="a name, key (Q22686) or IRI")],
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    status: Annotated[Status | None, Query()] = None,
    kind: Annotated[Kind | None, Query()] = None,
) -> Response:
    """Everyone ``actor`` met (busiest counterpart first), each with the meetings, newest first."""
    key: _Key = (actor, since, until, status, kind)
    generation = None if settings.is_remote else store.generation()
    body = _cached(store, generation, key) if generation is not None else None
    if body is None:
        found = _resolve_if_cheap(store, settings.is_remote, actor)
        work = partial(_met, store, actor, found, since=since, until=until, status=status, kind=kind)
        body = work() if found is not None else await anyio.to_thread.run_sync(work)
        if generation is not None:
            _remember(store, generation, key, body)
    return Response(body, media_type="application/json")


__all__ = ["CACHE_SIZE", "router"]
