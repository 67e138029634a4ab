"""GET /statements: what was said, by whom, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.schemas import Page
from kg import lookups
from kg.errors import EntityNotFoundError
from kg.extract.records import Statement

router = APIRouter(tags=["statements"])


@router.get("/statements", response_model=Page[Statement])
def list_statements(
    store: StoreDep,
    speaker: Annotated[str | None, Query(max_length=300, description="name, key or IRI")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words the statement contains (any case)")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[Statement]:
    """Statements by ``speaker`` and/or containing ``q``, most recent first."""
    speaker_iri = None
    if speaker:
        found = lookups.resolve_actor(store, speaker)
        if not found:
            raise EntityNotFoundError(f"no actor matches {speaker!r}")
        speaker_iri = found[0]
    items, total = lookups.statements(store, speaker_iri, q, limit, offset)
    return Page[Statement](items=items, total=total, limit=limit, offset=offset)


__all__ = ["router"]
