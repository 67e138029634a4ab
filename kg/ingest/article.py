"""The validated article every reader produces and every extractor consumes."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Article(BaseModel):
    """One news article, as in CONTRACT.md's ``.json`` input."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    id: str = Field(min_length=1, max_length=200, pattern=r"^[^\s/\\]+$")
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    text: str
    source: str | None = None
    section: str | None = None
    language: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_part(cls, value: object) -> object:
        """Accept ``YYYY-MM-DD`` or a full ISO datetime; keep the date."""
        if isinstance(value, str) and len(value) > 10 and value[10] in "T ":
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
        return value


__all__ = ["Article"]
