"""GET /relationships and GET /timeline: what links two actors; one actor's dated facts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import StoreDep
from kg import lookups
from kg.errors import EntityNotFoundError
from kg.lookups import Relationships, TimelineItem
from kg.rdf.store import KnowledgeStore

router = APIRouter(tags=["relationships"])

ActorParam = Annotated[str, Query(min_length=1, max_length=300, description="a name, key (Q22686) or IRI")]


def _one(store: KnowledgeStore, name: str) -> str:
    found = lookups.resolve_actor(store, name)
    if not found:
        raise EntityNotFoundError(f"no actor matches {name!r}")
    return found[0]


@router.get("/relationships", response_model=Relationships)
def relationships(store: StoreDep, source: ActorParam, target: ActorParam) -> Relationships:
    """The meetings both actors took part in and the statements one addressed to the other."""
    return lookups.relationships(store, _one(store, source), _one(store, target))


@router.get("/timeline", response_model=list[TimelineItem])
def timeline(store: StoreDep, actor: ActorParam) -> list[TimelineItem]:
    """Every meeting and statement of one actor, oldest first (undated last)."""
    return lookups.timeline(store, _one(store, actor))


__all__ = ["router"]
