"""One gazetteer entry per real actor, stored as JSON Lines in ``kg/gazetteer/data/``.

>>> e = GazetteerEntry(key="Q22686", label="Donald Trump", type="Person",
...     aliases=["Trump"], same_as=["http://www.wikidata.org/entity/Q22686"],
...     roles=[DatedRole(title="President", of="USA", start="2017-01-20", end="2021-01-20")])
>>> e.roles_on("2018-01-11")[0].title
'President'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from kg.extract.records import EntityType


class DatedRole(BaseModel):
    """An office held for a span of time; ``of`` is the key of the state or body."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    of: str | None = None
    start: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    end: str | None = Field(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    code: str | None = None  # the source's actor code, e.g. Phoenix ``RUSGOV`` (optional)

    def holds_on(self, day: str) -> bool:
        """True when ``day`` (YYYY-MM-DD) falls within the span (open ends count as open)."""
        return (self.start is None or day[: len(self.start)] >= self.start) and (
            self.end is None or day[: len(self.end)] <= self.end
        )


class GazetteerEntry(BaseModel):
    """A known actor: its key (a Wikidata id where known), names, type and dated roles.

    ``capitals`` and ``demonyms`` apply to countries: capitals stand for the state by metonymy
    ("Pyongyang said"), demonyms make the state an actor ("French President ...").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    label: str
    type: EntityType
    aliases: list[str] = []
    capitals: list[str] = []
    demonyms: list[str] = []
    same_as: list[str] = []
    roles: list[DatedRole] = []
    part_of: str | None = None  # key of the state or body an organisation belongs to
    source: str = "project"

    def roles_on(self, day: str | None) -> list[DatedRole]:
        """The roles held on ``day``; every role when the day is unknown."""
        return list(self.roles) if day is None else [r for r in self.roles if r.holds_on(day)]


def load_entries(path: Path) -> Iterator[GazetteerEntry]:
    """Read entries from a JSON Lines file."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield GazetteerEntry.model_validate_json(line)


def dump_entries(entries: Iterable[GazetteerEntry], path: Path) -> int:
    """Write entries as JSON Lines, sorted by key; returns how many were written."""
    rows = sorted(entries, key=lambda e: e.key)
    with path.open("w", encoding="utf-8") as fh:
        for e in rows:
            fh.write(json.dumps(e.model_dump(exclude_defaults=True), ensure_ascii=False) + "\n")
    return len(rows)


__all__ = ["DatedRole", "GazetteerEntry", "dump_entries", "load_entries"]
