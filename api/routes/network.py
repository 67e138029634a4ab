"""GET /path and GET /central: questions on the contact network (kg.graph), answered from the
NetworkX projection the routes share (api.projection)."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from api.deps import StoreDep
from api.projection import current_projection
from kg import lookups
from kg.errors import EntityNotFoundError, NotFoundError, QueryError
from kg.extract.records import Kind, Status
from kg.graph import EdgeFilter, central_actors, shortest_chain
from kg.graph.rank import Measure
from kg.lookups import ActorRef
from kg.rdf.store import KnowledgeStore

router = APIRouter(tags=["network"])

ActorParam = Annotated[str, Query(min_length=1, max_length=300, description="a name, key (Q22686) or IRI")]
DateParam = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]")]


class Hop(BaseModel):
    """One meeting of a chain, from ``source`` to ``target``."""

    source: ActorRef
    target: ActorRef
    meeting: str
    kind: str
    status: str
    date: str | None = None
    articles: list[str] = []


class ChainResult(BaseModel):
    actors: list[ActorRef]
    hops: list[Hop]
    length: int


class CentralActor(BaseModel):
    actor: ActorRef
    score: float
    meetings: int


def _where(since: str | None, until: str | None, kind: list[Kind] | None, status: list[Status] | None) -> EdgeFilter:
    try:
        return EdgeFilter.of(since=since, until=until, kinds=kind or None, statuses=status or None)
    except ValueError as exc:
        raise QueryError(f"since/until: {exc}") from None


def _actor(store: KnowledgeStore, G: object, name: str) -> str:
    """The actor's IRI, matched as /met matches names (accents, case, aliases)."""
    for iri in lookups.resolve_actor(store, name):
        if iri in G:  # type: ignore[operator]
            return iri
    raise EntityNotFoundError(f"no actor with meetings matches {name!r}")


def _ref(G: object, iri: str) -> ActorRef:
    data = G.nodes[iri]  # type: ignore[attr-defined]
    kind = data.get("type")
    return ActorRef(id=iri, label=str(data.get("label", iri)),
                    type=kind if kind in ("Person", "Country", "Organization", "Location") else None)


@router.get("/path", response_model=ChainResult)
async def path(request: Request, store: StoreDep, source: ActorParam, target: ActorParam,
               since: DateParam = None, until: DateParam = None,
               kind: Annotated[list[Kind] | None, Query()] = None,
               status: Annotated[list[Status] | None, Query()] = None) -> ChainResult:
    """The shortest chain of meetings from ``source`` to ``target`` (404 when none links them)."""

    def answer() -> ChainResult:
        G = current_projection(request.app.state, store).contacts
        a, b = _actor(store, G, source), _actor(store, G, target)
        chain = shortest_chain(G, a, b, where=_where(since, until, kind, status))
        if chain is None:
            raise NotFoundError(f"no chain of meetings links {source!r} and {target!r}")
        hops = [Hop(source=_ref(G, x), target=_ref(G, y), meeting=h.id, kind=h.kind, status=h.status,
                    date=h.date, articles=list(h.articles))
                for x, y, h in zip(chain.actors, chain.actors[1:], chain.hops)]
        return ChainResult(actors=[_ref(G, x) for x in chain.actors], hops=hops, length=chain.length)

    return await anyio.to_thread.run_sync(answer)


@router.get("/central", response_model=list[CentralActor])
async def central(request: Request, store: StoreDep,
                  measure: Measure = "degree",
                  top: Annotated[int, Query(ge=1, le=500)] = 10,
                  since: DateParam = None, until: DateParam = None,
                  kind: Annotated[list[Kind] | None, Query()] = None,
                  status: Annotated[list[Status] | None, Query()] = None) -> list[CentralActor]:
    """The most central actors by degree, betweenness (sampled, seeded) or PageRank in a window."""

    def answer() -> list[CentralActor]:
        G = current_projection(request.app.state, store).contacts
        ranked = central_actors(G, measure, top=top, where=_where(since, until, kind, status),
                                k=200 if measure == "betweenness" else None, seed=0)
        return [CentralActor(actor=_ref(G, r.actor), score=r.score, meetings=r.meetings) for r in ranked]

    return await anyio.to_thread.run_sync(answer)


__all__ = ["router"]
