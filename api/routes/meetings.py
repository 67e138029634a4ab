"""GET /meetings: every meeting, newest first, with filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.routes.met import DATE
from api.schemas import Page
from kg import lookups
from kg.errors import EntityNotFoundError
from kg.extract.records import Kind, Meeting, Status

router = APIRouter(tags=["meetings"])


@router.get("/meetings", response_model=Page[Meeting])
def list_meetings(
    store: StoreDep,
    actor: Annotated[str | None, Query(max_length=300, description="a participant: name, key or IRI")] = None,
    kind: Annotated[Kind | None, Query()] = None,
    status: Annotated[Status | None, Query(description="kept when any report gives this status")] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[Meeting]:
    """Meetings, most recent first, each with the articles that report it."""
    actor_iri = None
    if actor:
        found = lookups.resolve_actor(store, actor)
        if not found:
            raise EntityNotFoundError(f"no actor matches {actor!r}")
        actor_iri = found[0]
    filters = {"actor": actor_iri, "kind": kind, "status": status, "since": since, "until": until}
    items, total = lookups.meetings(store, filters, limit, offset)
    return Page[Meeting](items=items, total=total, limit=limit, offset=offset)


__all__ = ["router"]
