"""GET /entities (search) and GET /entities/{id} (one actor by key, IRI or name)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from api.schemas import Page
from kg import lookups
from kg.errors import EntityNotFoundError
from kg.extract.records import Entity, EntityType

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", response_model=Page[Entity])
def search_entities(
    store: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="name or alias, any case, accents optional")] = None,
    type: Annotated[EntityType | None, Query(description="Person, Country, Organization or Location")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[Entity]:
    """Actors whose label or alias matches ``q`` (best first), or all actors by label."""
    items, total = lookups.search_entities(store, q, type, limit, offset)
    return Page[Entity](items=items, total=total, limit=limit, offset=offset)


@router.get("/{id:path}", response_model=Entity)
def get_entity(id: str, store: StoreDep) -> Entity:
    """One actor by key (``Q22686``, ``person/catherine-dill``), full IRI, or name."""
    for iri in lookups.resolve_actor(store, id)[:1]:
        found = lookups.entity(store, iri)
        if found is not None:
            return found
    raise EntityNotFoundError(f"no actor matches {id!r}")


__all__ = ["router"]
