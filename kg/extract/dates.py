"""Resolve the date expressions of news text against the article's publication date.

News text names days relative to when it was written ("on Wednesday", "yesterday",
"Tuesday's meeting") or absolutely without a year ("Jan. 17", "17 January"). These pure
functions turn such an expression into ISO text: ``YYYY-MM-DD`` when the day is fixed,
``YYYY-MM`` when only the month is ("last month"), else ``None``.

Weekdays follow GUIDELINES.md: for a past event the latest such weekday on or before the
publication date, for a future one the next such weekday on or after it (wire copy names
the publication day itself by its weekday). A date without a year takes the year that puts
it on the same side of the publication date as the event.

>>> pub = dt.date(2018, 1, 11)  # a Thursday
>>> resolve_date("Tuesday", pub), resolve_date("on Tuesday", pub, future=True)
('2018-01-09', '2018-01-16')
>>> resolve_date("yesterday", pub), resolve_date("last month", pub)
('2018-01-10', '2017-12')
>>> resolve_date("January 17, 2010", None), resolve_date("Dec. 4", pub)
('2010-01-17', '2017-12-04')
>>> resolve_date("later this week", pub) is None
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {calendar.day_name[i].lower(): i for i in range(7)}
WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})  # not "sat", "sun", "wed": common words

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

FUTURE_WORDS = frozenset({"next", "tomorrow", "upcoming", "coming", "later", "soon", "forthcoming"})
"""Words that put a date expression after the publication date."""

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:\s*,?\s*{_YEAR}\b)?", re.I),
)
_MONTH_ONLY = re.compile(rf"\b(?:in|of|during|since|early|late|mid-?)?\s*{_MONTH}(?:\s+{_YEAR})?\b", re.I)
_ORDINAL_DAY = re.compile(r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b", re.I)
_AGO = re.compile(r"\b(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")\s+days?\s+(?P<dir>ago|earlier|before|later|from now|hence)\b", re.I)
_WEEKDAY = re.compile(
    r"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?(?:'s|’s|s)?\b",
    re.I,
)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def weekday_date(weekday: int, published: dt.date, *, future: bool = False) -> dt.date:
    """The weekday (0 = Monday) nearest ``published``: on or before it, or on or after it.

    >>> weekday_date(1, dt.date(2018, 1, 11)).isoformat()
    '2018-01-09'
    >>> weekday_date(3, dt.date(2018, 1, 11), future=True).isoformat()
    '2018-01-11'
    """
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _month_shift(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _pick_year(month: int, day: int, published: dt.date | None, future: bool) -> dt.date | None:
    """The year that puts month/day on the event's side of ``published`` (nearest first)."""
    if published is None:
        return None
    candidates = [_safe_date(published.year + k, month, day) for k in (0, -1, 1)]
    valid = [c for c in candidates if c is not None]
    if future:
        after = [c for c in valid if c >= published]
        return min(after) if after else None
    before = [c for c in valid if c <= published]
    return max(before) if before else None


_INVALID = "invalid"


def _explicit(text: str, published: dt.date | None, future: bool) -> str | None:
    """An explicit day; ``_INVALID`` for an impossible one ("February 30")."""
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        if not any(_safe_date(year, month, day) for year in (2000, 2001)):  # leap and not
            return _INVALID
        if groups.get("year"):
            found = _safe_date(int(groups["year"]), month, day)
        else:
            found = _pick_year(month, day, published, future)
        return found.isoformat() if found else _INVALID
    return None


def _relative(text: str, published: dt.date, future: bool) -> str | None:
    low = text.lower()
    words = set(re.findall(r"[a-z]+", low))
    if "day before yesterday" in low:
        return (published - dt.timedelta(days=2)).isoformat()
    if "day after tomorrow" in low:
        return (published + dt.timedelta(days=2)).isoformat()
    if "yesterday" in words:
        return (published - dt.timedelta(days=1)).isoformat()
    if "tomorrow" in words:
        return (published + dt.timedelta(days=1)).isoformat()
    if words & {"today", "tonight"}:
        return published.isoformat()
    m = _AGO.search(low)
    if m:
        n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"]]
        sign = 1 if m["dir"] in {"later", "from now", "hence"} else -1
        return (published + dt.timedelta(days=sign * n)).isoformat()
    if "last month" in low or "past month" in low:
        return _month_shift(published, -1)
    if "next month" in low:
        return _month_shift(published, 1)
    if "this month" in low:
        return _month_shift(published, 0)
    if "last week" in low or "next week" in low:
        start = published - dt.timedelta(days=published.weekday())
        start += dt.timedelta(days=7 if "next week" in low else -7)
        end = start + dt.timedelta(days=6)
        return _month_shift(start, 0) if (start.year, start.month) == (end.year, end.month) else None
    m = _WEEKDAY.search(text)
    if m:
        rel = (m["rel"] or "").lower()
        weekday = WEEKDAYS[m["wd"].lower()]
        if rel in {"next", "coming"}:
            day = weekday_date(weekday, published + dt.timedelta(days=1), future=True)
        elif rel in {"last", "past"}:
            day = weekday_date(weekday, published - dt.timedelta(days=1))
        else:
            day = weekday_date(weekday, published, future=future)
        return day.isoformat()
    m = _ORDINAL_DAY.search(text)
    if m:
        day_num = int(m["day"])
        for shift in ((0, 1, 2) if future else (0, -1, -2)):
            month_index = published.year * 12 + published.month - 1 + shift
            cand = _safe_date(month_index // 12, month_index % 12 + 1, day_num)
            if cand and ((cand >= published) if future else (cand <= published)):
                return cand.isoformat()
    return None


def _month_only(text: str, published: dt.date | None, future: bool) -> str | None:
    m = _MONTH_ONLY.search(text)
    if not m or m["month"].lower().rstrip(".") == "may" and not m["year"]:
        return None  # "may" is far more often the modal verb
    month = MONTHS[m["month"].lower().rstrip(".")]
    if m["year"]:
        return f"{int(m['year']):04d}-{month:02d}"
    if published is None:
        return None
    year = published.year
    if future and month < published.month:
        year += 1
    elif not future and month > published.month:
        year -= 1
    return f"{year:04d}-{month:02d}"


def resolve_date(text: str, published: dt.date | None, *, future: bool = False) -> str | None:
    """ISO date (``YYYY-MM-DD``) or month (``YYYY-MM``) named by ``text``, else ``None``.

    ``future`` says the event lies after the publication date (planned or proposed), which
    decides the direction of weekdays and of dates given without a year. Relative
    expressions need ``published``; without it only dates with a year resolve.
    """
    if not text or not text.strip():
        return None
    found = _explicit(text, published, future)
    if found:
        return None if found == _INVALID else found
    if published is not None:
        found = _relative(text, published, future or bool(set(text.lower().split()) & {"next", "coming"}))
        if found:
            return found
    return _month_only(text, published, future)


def is_future_expression(text: str) -> bool:
    """True when the expression itself points after the publication date ("next week").

    >>> is_future_expression("later this week"), is_future_expression("last week")
    (True, False)
    """
    return bool(set(re.findall(r"[a-z]+", text.lower())) & FUTURE_WORDS)


SAME_DAY = re.compile(
    r"^\W*(?:(?:earlier|later)\s+(?:in\s+the|that|the\s+same)\s+day|(?:earlier|later)\s+that\s+(?:morning|afternoon|evening)"
    r"|(?:on\s+)?the\s+same\s+day|(?:on\s+)?that\s+(?:same\s+)?day)\W*$",
    re.IGNORECASE,
)
"""Expressions that name the day of the event just told of, not of the publication."""


def is_same_day(text: str) -> bool:
    """True for "earlier in the day", "later that day", "the same day" (the day in focus).

    >>> is_same_day("Earlier in the day"), is_same_day("later that evening"), is_same_day("today")
    (True, True, False)
    """
    return bool(SAME_DAY.match(text.strip()))


def is_after(iso: str, published: dt.date | None) -> bool:
    """True when the resolved ``iso`` day or month lies after ``published``.

    >>> is_after("2018-02", dt.date(2018, 1, 11)), is_after("2018-01-10", dt.date(2018, 1, 11))
    (True, False)
    """
    if published is None:
        return False
    return iso > published.isoformat()[: len(iso)]


__all__ = [
    "FUTURE_WORDS",
    "MONTHS",
    "WEEKDAYS",
    "is_after",
    "is_future_expression",
    "is_same_day",
    "resolve_date",
    "weekday_date",
]
