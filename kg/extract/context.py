"""What the extraction stages hand each other: the entity index and fact drafts.

Stages work with entity *keys* (``"Q22686"``, ``"person/catherine-dill"``) and character
offsets into the article text; :mod:`kg.extract.extractor` turns drafts into contract
records with IRIs at the end.

>>> idx = EntityIndex()
>>> _ = idx.add_entity(EntityDraft(key="Q22686", label="Donald Trump", type="Person"))
>>> idx.add_mention(Mention(start=4, end=9, key="Q22686", text="Trump", kind="name"))
>>> idx.entity_at(0, 20), idx.entity_at(10, 20)
('Q22686', None)
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from kg._types import EntityKey
from kg.extract.records import EntityType, Kind, Status
from kg.ingest.article import Article

MentionKind = Literal["name", "alias", "title", "pronoun", "metonym", "demonym", "group", "other"]


@dataclass(frozen=True, order=True)
class Mention:
    """A stretch of article text ``[start, end)`` that refers to an entity."""

    start: int
    end: int
    key: EntityKey
    text: str
    kind: MentionKind = "name"


@dataclass
class DraftRole:
    title: str
    of: EntityKey | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class EntityDraft:
    key: EntityKey
    label: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    roles: list[DraftRole] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)


LONGEST_MENTION = 300
"""Longest mention in characters that the index finds by range (names and titles are short)."""


class EntityIndex:
    """The article's entities and every mention of them, searchable by character range."""

    def __init__(self) -> None:
        self.entities: dict[EntityKey, EntityDraft] = {}
        self._mentions: list[Mention] = []

    def add_entity(self, entity: EntityDraft) -> EntityDraft:
        """Add ``entity`` or return the one already under its key."""
        return self.entities.setdefault(entity.key, entity)

    def add_mention(self, mention: Mention) -> None:
        if mention.end - mention.start > LONGEST_MENTION:
            raise ValueError(f"a mention of {mention.end - mention.start} characters is not a name: {mention.text[:60]!r}")
        bisect.insort(self._mentions, mention)

    @property
    def mentions(self) -> list[Mention]:
        return list(self._mentions)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that overlap ``[start, end)``, in text order.

        Mentions are sorted by start; none is longer than :data:`LONGEST_MENTION` characters,
        so the search starts that far before ``start`` and stops at ``end``: the cost is that
        of the mentions near the range, not of the whole article.
        """
        lo = bisect.bisect_left(self._mentions, Mention(start - LONGEST_MENTION, 0, "", ""))
        hi = bisect.bisect_left(self._mentions, Mention(end, 0, "", ""), lo)
        return [m for m in self._mentions[lo:hi] if m.end > start]

    def entity_at(self, start: int, end: int) -> EntityKey | None:
        """The entity with the most characters mentioned inside ``[start, end)``, if any."""
        best: tuple[int, int] | None = None
        key = None
        for m in self.mentions_in(start, end):
            overlap = min(end, m.end) - max(start, m.start)
            rank = (overlap, -m.start)
            if best is None or rank > best:
                best, key = rank, m.key
        return key

    def entities_in(self, start: int, end: int) -> list[EntityKey]:
        """Distinct entities mentioned inside ``[start, end)``, in order of first mention."""
        seen: dict[EntityKey, None] = {}
        for m in self.mentions_in(start, end):
            seen.setdefault(m.key, None)
        return list(seen)


@dataclass
class MeetingDraft:
    kind: Kind
    participants: list[EntityKey]
    evidence: str
    start: int
    end: int
    status: Status = "occurred"
    date: str | None = None
    location: str | None = None
    confidence: float = 0.5
    cameo: str | None = None


@dataclass
class StatementDraft:
    speaker: EntityKey | None
    text: str
    direct: bool
    evidence: str
    start: int
    end: int
    addressee: EntityKey | None = None
    date: str | None = None
    confidence: float = 0.5
    cameo: str | None = None


@dataclass
class Context:
    """Everything a stage may consult about the article being read."""

    article: Article
    index: EntityIndex
    published: dt.date | None = None


__all__ = [
    "LONGEST_MENTION",
    "Context",
    "DraftRole",
    "EntityDraft",
    "EntityIndex",
    "MeetingDraft",
    "Mention",
    "MentionKind",
    "StatementDraft",
]
