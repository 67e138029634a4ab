"""The extraction records of CONTRACT.md: what `kg extract` prints and the API returns.

They hold plain strings and IRIs only (no spaCy or rdflib objects), so they are the seam
between reading and storing. Extra fields beyond the contract (``cameo``, ``start``/``end``
offsets, ``sources``) are additive and optional.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["Person", "Country", "Organization", "Location"]
Kind = Literal["meeting", "talks", "phone_call", "video_call", "visit", "summit"]
Status = Literal["occurred", "planned", "proposed", "cancelled"]

KINDS: tuple[Kind, ...] = ("meeting", "talks", "phone_call", "video_call", "visit", "summit")
STATUSES: tuple[Status, ...] = ("occurred", "planned", "proposed", "cancelled")
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Country", "Organization", "Location")

KIND_FAMILY: dict[Kind, str] = {
    "meeting": "in_person",
    "talks": "in_person",
    "visit": "in_person",
    "summit": "in_person",
    "phone_call": "phone",
    "video_call": "video",
}
"""Kinds that can describe the same real contact: two reports of one meeting may call it
"talks" and "a meeting", never "a phone call" and "a visit"."""

_DATE = r"^\d{4}-\d{2}(-\d{2})?$"
_SPAN_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ArticleRef(_Record):
    id: str
    iri: str
    title: str | None = None
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = None
    source: str | None = None


class Role(_Record):
    title: str
    of: str | None = Field(None, description="IRI of the body or state the office belongs to")
    start: str | None = Field(None, pattern=_SPAN_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")
    end: str | None = Field(None, pattern=_SPAN_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")


class Entity(_Record):
    id: str
    label: str
    type: EntityType
    aliases: list[str] = []
    roles: list[Role] = []
    same_as: list[str] = []


class Source(_Record):
    """One article that reported a fact, with what it said (issue 4's resolved records)."""

    article: str
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)
    status: Status | None = None
    published: str | None = None


class Meeting(_Record):
    id: str
    kind: Kind
    participants: list[str] = Field(min_length=2)
    date: str | None = Field(None, pattern=_DATE)
    location: str | None = None
    status: Status = "occurred"
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)
    cameo: str | None = Field(None, pattern=r"^\d{2,4}$")
    sources: list[Source] = []


class Statement(_Record):
    id: str
    speaker: str | None
    addressee: str | None = None
    date: str | None = Field(None, pattern=_DATE)
    text: str = Field(min_length=1)
    direct: bool
    evidence: str
    confidence: float = Field(ge=0.0, le=1.0)
    cameo: str | None = Field(None, pattern=r"^\d{2,4}$")
    sources: list[Source] = []


class ExtractionRecord(_Record):
    article: ArticleRef
    entities: list[Entity] = []
    meetings: list[Meeting] = []
    statements: list[Statement] = []


__all__ = [
    "ENTITY_TYPES",
    "KINDS",
    "KIND_FAMILY",
    "STATUSES",
    "ArticleRef",
    "Entity",
    "EntityType",
    "ExtractionRecord",
    "Kind",
    "Meeting",
    "Role",
    "Source",
    "Statement",
    "Status",
]
