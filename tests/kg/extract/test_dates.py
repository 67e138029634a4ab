"""Date expressions resolved against a publication date (pure functions, no model)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.dates import is_after, is_future_expression, is_same_day, resolve_date, weekday_date

THU = dt.date(2018, 1, 11)  # a Thursday
NEW_YEAR = dt.date(2018, 1, 2)  # a Tuesday, early in the year


@pytest.mark.parametrize(
    ("text", "published", "future", "expected", "what"),
    [
        ("Tuesday", THU, False, "2018-01-09", "past weekday: latest on or before publication"),
        ("on Wednesday", THU, False, "2018-01-10", "'on' + weekday"),
        ("Thursday", THU, False, "2018-01-11", "the publication weekday itself is that day"),
        ("Friday", THU, False, "2018-01-05", "a later weekday name in a past event is last week's"),
        ("Tuesday", THU, True, "2018-01-16", "future weekday: the next one"),
        ("Thursday", THU, True, "2018-01-11", "future weekday on the publication weekday: that day"),
        ("Tuesday’s", THU, False, "2018-01-09", "possessive weekday ('Tuesday's meeting')"),
        ("Wednesday night", THU, False, "2018-01-10", "weekday with a part of the day"),
        ("last Friday", THU, False, "2018-01-05", "'last' + weekday"),
        ("next Monday", THU, False, "2018-01-15", "'next' + weekday points forward whatever the tense"),
        ("Tuesday", NEW_YEAR, False, "2018-01-02", "weekday across nothing: the same day"),
        ("Sunday", NEW_YEAR, False, "2017-12-31", "weekday back across a year end"),
        ("yesterday", THU, False, "2018-01-10", "yesterday"),
        ("today", THU, False, "2018-01-11", "today"),
        ("tonight", THU, False, "2018-01-11", "tonight is today"),
        ("tomorrow", THU, False, "2018-01-12", "tomorrow"),
        ("the day before yesterday", THU, False, "2018-01-09", "two days back"),
        ("three days ago", THU, False, "2018-01-08", "N days ago, number word"),
        ("2 days later", THU, False, "2018-01-13", "N days later"),
        ("last month", THU, False, "2017-12", "last month: month only, across the year"),
        ("next month", THU, False, "2018-02", "next month"),
        ("earlier this month", THU, False, "2018-01", "this month"),
        ("last week", THU, False, "2018-01", "last week inside one month: month only"),
        ("last week", NEW_YEAR, False, "2017-12", "last week wholly in the previous month"),
        ("last week", dt.date(2018, 2, 6), False, None, "last week across two months: no date"),
        ("later this week", THU, True, None, "this week: no day"),
        ("January 17, 2010", THU, False, "2010-01-17", "month day, year"),
        ("17 January 2010", THU, False, "2010-01-17", "day month year"),
        ("Monday, Dec. 4, 2017", THU, False, "2017-12-04", "abbreviated month with a dot, weekday ignored"),
        ("Jan. 9", THU, False, "2018-01-09", "month day without a year: this year when past"),
        ("Dec. 4", THU, False, "2017-12-04", "month day without a year: last year when that is past"),
        ("Dec. 4", THU, True, "2018-12-04", "month day without a year, future: the next one"),
        ("17 January", THU, True, "2018-01-17", "day month, future"),
        ("the 17th of January", THU, True, "2018-01-17", "'the 17th of January'"),
        ("on the 8th", THU, False, "2018-01-08", "ordinal day of this month"),
        ("on the 20th", THU, False, "2017-12-20", "ordinal day later than publication: last month"),
        ("on the 20th", THU, True, "2018-01-20", "ordinal day, future: this month"),
        ("Sept. 30", THU, False, "2017-09-30", "'Sept.' abbreviation"),
        ("2018-01-10", None, False, "2018-01-10", "ISO date needs no publication date"),
        ("in March", THU, False, "2017-03", "month name alone, past: month only"),
        ("in March", THU, True, "2018-03", "month name alone, future"),
        ("March 2016", THU, False, "2016-03", "month and year"),
        ("February 30", THU, False, None, "impossible day"),
        ("2010", THU, False, None, "a year alone is no day and no month"),
        ("months", THU, False, None, "a duration"),
        ("more than two years", THU, False, None, "a longer duration"),
        ("Tuesday", None, False, None, "weekday without publication date"),
        ("yesterday", None, False, None, "relative day without publication date"),
        ("", THU, False, None, "empty text"),
        ("may", THU, False, None, "lower-case 'may' is the modal, not May"),
    ],
)
def test_resolve_date(text: str, published: dt.date | None, future: bool, expected: str | None, what: str) -> None:
    assert resolve_date(text, published, future=future) == expected, what


def test_weekday_date_directions() -> None:
    assert weekday_date(1, THU) == dt.date(2018, 1, 9)
    assert weekday_date(1, THU, future=True) == dt.date(2018, 1, 16)
    assert weekday_date(3, THU) == weekday_date(3, THU, future=True) == THU


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 6))
def test_weekday_date_is_that_weekday_within_a_week(published: dt.date, weekday: int) -> None:
    past = weekday_date(weekday, published)
    future = weekday_date(weekday, published, future=True)
    assert past.weekday() == future.weekday() == weekday
    assert 0 <= (published - past).days <= 6
    assert 0 <= (future - published).days <= 6


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_past_dates_never_after_publication(published: dt.date) -> None:
    for text in ("Monday", "Saturday", "yesterday", "Dec. 31", "Feb. 28", "the 15th"):
        value = resolve_date(text, published)
        assert value is not None and value <= published.isoformat(), text


@pytest.mark.parametrize(
    ("text", "future"),
    [("next week", True), ("later this week", True), ("in the coming days", True), ("upcoming", True),
     ("tomorrow", True), ("last week", False), ("on Tuesday", False), ("earlier", False)],
)
def test_is_future_expression(text: str, future: bool) -> None:
    assert is_future_expression(text) is future


def test_is_after() -> None:
    assert is_after("2018-01-12", THU)
    assert not is_after("2018-01-11", THU)
    assert is_after("2018-02", THU)
    assert not is_after("2018-01", THU)
    assert not is_after("2019-01-01", None)


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("earlier in the day", True),
        ("Later that day", True),
        ("later that evening", True),
        ("on the same day", True),
        ("that day", True),
        ("earlier this week", False),
        ("today", False),
        ("the day before yesterday", False),
        ("later this month", False),
    ],
)
def test_is_same_day(text: str, same: bool) -> None:
    """Expressions naming the day of the event just told of, not the publication's."""
    assert is_same_day(text) is same
