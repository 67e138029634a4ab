"""GET /met: who met an actor, with the meetings and the articles that report them.

``async def``, and where it is cheap the lookup runs right on the event loop: an indexed
"who met X" over pyoxigraph takes about a millisecond, and skipping the thread-pool hop is
worth ~5x in throughput (PERF-NOTES). What is not cheap goes to a worker thread so that it
cannot hold the loop: the first call after a write (it rebuilds the name index: seconds on
1M triples), an actor with more than :data:`INLINE_MEETINGS` meetings (hundreds of records to
assemble), and every call on a remote store (each query is an HTTP round trip).
"""

from __future__ import annotations

from functools import partial
from typing import Annotated

import anyio
from fastapi import APIRouter, Query

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


def _met(store: KnowledgeStore, actor: str, found: list[str] | None, **filters: str | None) -> MetResult:
    found = found if found is not None else lookups.resolve_actor(store, actor)
    if not found:
        raise EntityNotFoundError(f"no actor matches {actor!r}")
    index = lookups.name_index(store)
    counterparts = lookups.met(store, found[0], **filters)
    return MetResult(actor=index.ref(found[0]), candidates=[index.ref(i) for i in found[1:6]],
                     counterparts=counterparts)


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


@router.get("/met", response_model=MetResult)
async def met(
    store: StoreDep,
    settings: SettingsDep,
    actor: Annotated[str, Query(min_length=1, max_length=300, description="a name, key (Q22686) or IRI")],
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    status: Annotated[Status | None, Query()] = None,
    kind: Annotated[Kind | None, Query()] = None,
) -> MetResult:
    """Everyone ``actor`` met (busiest counterpart first), each with the meetings, newest first."""
    found = _resolve_if_cheap(store, settings.is_remote, actor)
    work = partial(_met, store, actor, found, since=since, until=until, status=status, kind=kind)
    if found is not None:
        return work()
    return await anyio.to_thread.run_sync(work)


__all__ = ["router"]
