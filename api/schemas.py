"""API-only envelopes around the library's records (records come from kg.extract.records and
kg.lookups)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from kg.lookups import ActorRef, MetEntry

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a longer list: ``items`` plus where it sits in ``total``."""

    model_config = ConfigDict(frozen=True)

    items: list[T]
    total: int = Field(ge=0, description="how many items match in all")
    limit: int = Field(ge=0)
    offset: int = Field(ge=0)


class MetResult(BaseModel):
    """``GET /met``: the actor the name resolved to, other actors it could have meant, and
    everyone that actor met."""

    model_config = ConfigDict(frozen=True)

    actor: ActorRef
    candidates: list[ActorRef] = Field(default_factory=list, description="other matches for the name, best first")
    counterparts: list[MetEntry]


class Health(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: str = "ok"
    store: str = Field(description="embedded or remote")
    generation: int = Field(description="changes whenever the store's content changes")


class Problem(BaseModel):
    """An RFC 9457 problem document (``application/problem+json``), as every error is answered."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": Problem,
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for status, description in (
        (400, "refused or malformed request (the detail says what)"),
        (404, "no such resource"),
        (406, "no acceptable representation"),
        (413, "request body too large"),
        (415, "unsupported request media type"),
        (422, "invalid parameter or body (the detail names it)"),
        (503, "query timed out, or the store is unavailable"),
    )
}
"""Error responses documented on every route."""


class IngestFailure(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    error: str


__all__ = ["PROBLEM_RESPONSES", "Health", "IngestFailure", "MetResult", "Page", "Problem"]
