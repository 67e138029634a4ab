"""Publication dates as news pages print them.

>>> parse_published("Thursday, 11 January, 2018, 4:40am")
datetime.date(2018, 1, 11)
>>> parse_published("2023-05-08T10:00:00Z")
datetime.date(2023, 5, 8)
>>> parse_published("Jan. 17, 2010")
datetime.date(2010, 1, 17)
>>> parse_published("soon") is None
True
>>> dateline("PUBLISHED : Thursday, 11 January, 2018, 4:40am")
('published', datetime.date(2018, 1, 11))
"""

from __future__ import annotations

import datetime as dt
import re

_DATELINE = re.compile(r"^\s*(PUBLISHED|UPDATED|Published|Updated|Posted|POSTED)\s*:?\s*(.+?)\s*$")
_WEEKDAY = re.compile(
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b,?", re.IGNORECASE
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(am|pm)?\b|\b\d{1,2}\s*(am|pm)\b", re.IGNORECASE)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def _make(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_published(value: str) -> dt.date | None:
    """The calendar date in a printed publication date, or None when there is none."""
    text = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]))
    text = _TIME.sub(" ", _WEEKDAY.sub(" ", text))
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        found = _make(int(m[3]), _MONTHS.get(m[2].lower()), int(m[1]))
        if found:
            return found
    m = _MONTH_DAY_YEAR.search(text)
    if m:
        return _make(int(m[3]), _MONTHS.get(m[1].lower()), int(m[2]))
    return None


def dateline(line: str) -> tuple[str, dt.date | None] | None:
    """``("published"|"updated"|"posted", date)`` for a dateline such as ``PUBLISHED : ...``."""
    m = _DATELINE.match(line)
    if not m:
        return None
    return m[1].lower(), parse_published(m[2])


__all__ = ["dateline", "parse_published"]
