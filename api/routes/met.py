"""GET /met: who met an actor, with the meetings and the articles that report them.

``async def`` on purpose: the lookups are indexed queries that take about a millisecond on
pyoxigraph, so running them on the event loop avoids the thread-pool hop that costs ~5x in
throughput (PERF-NOTES). The name index they use is rebuilt only after writes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.schemas import MetResult
from kg import lookups
from kg.errors import EntityNotFoundError
from kg.extract.records import Kind, Status

router = APIRouter(tags=["meetings"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@router.get("/met", response_model=MetResult)
async def met(
    store: StoreDep,
    actor: Annotated[str, Query(min_length=1, max_length=300, description="a name, key (Q22686) or IRI")],
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    status: Annotated[Status | None, Query()] = None,
    kind: Annotated[Kind | None, Query()] = None,
) -> MetResult:
    """Everyone ``actor`` met (busiest counterpart first), each with the meetings, newest first."""
    found = lookups.resolve_actor(store, actor)
    if not found:
        raise EntityNotFoundError(f"no actor matches {actor!r}")
    index = lookups.name_index(store)
    counterparts = lookups.met(store, found[0], since=since, until=until, status=status, kind=kind)
    return MetResult(actor=index.ref(found[0]), candidates=[index.ref(i) for i in found[1:6]],
                     counterparts=counterparts)
