"""API-only envelopes around the library's records (records come from kg.extract.records and
kg.lookups)."""

from __future__ import annotations

from typing import Generic, TypeVar

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


class IngestFailure(BaseModel):
    model_config = ConfigDict(frozen=True)

    source: str
    error: str


__all__ = ["Health", "IngestFailure", "MetResult", "Page"]
