"""Which stored meeting a new report is about: one table of cases, decided by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.records import Meeting
from kg.resolve.events import StoredReport, match_event

A, B, C = "http://x/id/actor/a", "http://x/id/actor/b", "http://x/id/actor/c"


def report(date: str | None, kind: str = "meeting", status: str = "occurred", people: tuple[str, ...] = (A, B)) -> Meeting:
    return Meeting(id="http://x/id/meeting/new", kind=kind, participants=list(people), date=date,  # type: ignore[arg-type]
                   status=status, evidence="e", confidence=0.8)  # type: ignore[arg-type]


def stored(iri: str, date: str | None, family: str = "in_person", people: tuple[str, ...] = (A, B),
           published: str | None = "2020-03-10") -> StoredReport:
    return StoredReport(iri=iri, family=family, participants=frozenset(people), date=date,
                        published=dt.date.fromisoformat(published) if published else None)


CASES = [
    # (what it tests, new report, its article date, stored reports, expected event)
    ("same day, talks vs meeting", report("2020-03-09", kind="talks"), "2020-03-10",
     [stored("E1", "2020-03-09")], "E1"),
    ("different day is another meeting", report("2020-03-02"), "2020-03-03",
     [stored("E1", "2020-03-09")], None),
    ("phone call is not the visit of that day", report("2020-03-09", kind="phone_call"), "2020-03-10",
     [stored("E1", "2020-03-09")], None),
    ("undated held report two days after the day", report(None), "2020-03-11",
     [stored("E1", "2020-03-09")], "E1"),
    ("undated held report a month later is not it", report(None), "2020-04-20",
     [stored("E1", "2020-03-09")], None),
    ("planned report before the day joins the held one", report(None, status="planned"), "2020-02-20",
     [stored("E1", "2020-03-09")], "E1"),
    ("dated report joins an undated stored one from a close article", report("2020-03-09"), "2020-03-10",
     [stored("U1", None, published="2020-03-09")], "U1"),
    ("two undated reports from articles far apart stay apart", report(None), "2020-06-01",
     [stored("U1", None, published="2020-03-09")], None),
    ("a third participant in one report still matches", report("2020-03-09", people=(A, B, C)), "2020-03-10",
     [stored("E1", "2020-03-09")], "E1"),
    ("different third parties do not match", report("2020-03-09", people=(A, B, C)), "2020-03-10",
     [stored("E1", "2020-03-09", people=(A, B, "http://x/id/actor/d"))], None),
    ("same day wins over undated", report("2020-03-09"), "2020-03-10",
     [stored("U0", None, published="2020-03-10"), stored("E9", "2020-03-09")], "E9"),
    ("ties go to the lowest IRI, whatever the order", report(None), "2020-03-10",
     [stored("E2", "2020-03-09"), stored("E1", "2020-03-08")], "E1"),
    ("month-only dates agree by month", report("2020-03"), "2020-04-01",
     [stored("E1", "2020-03-09")], "E1"),
]


@pytest.mark.parametrize(("what", "new", "published", "reports", "expected"), CASES, ids=[c[0] for c in CASES])
def test_match_event(what: str, new: Meeting, published: str, reports: list[StoredReport], expected: str | None) -> None:
    assert match_event(new, dt.date.fromisoformat(published), reports) == expected
