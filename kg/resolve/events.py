"""Give a newly read meeting the IRI of the event already stored when both are the same meeting.

Reports of one meeting from different articles must become one event. Dated reports already
share an IRI (minted from participants, kind family and day, see :mod:`kg.extract.extractor`).
What needs the store is the rest: a report without a day ("met on Monday" resolved in one
article, "the meeting" in another), a planned meeting later reported as held, and reports that
name one more participant than the other. Before an article is written, each of its meetings
looks up stored meetings that share two participants and picks one that is compatible:

- same kind family (in person / phone / video, :data:`KIND_FAMILY`);
- participant sets where one holds the other;
- dates that agree: the same day when both have one; otherwise the undated report's article
  date must fall in a window around the other's day (a held meeting is reported within
  :data:`REPORT_LAG_DAYS` after it happened, a planned one announced up to
  :data:`ANNOUNCE_LEAD_DAYS` before it).

The report then takes that event's IRI, so its article graph adds its evidence, confidence and
status to the same node; its own date (or none) stays as the article said it. Each lookup is
bounded by the meetings between two actors, so its cost does not grow with the whole graph.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg import ids
from kg.extract.records import KIND_FAMILY, ExtractionRecord, Meeting
from kg.namespaces import sparql_prefixes
from kg.rdf.store import KnowledgeStore

logger = logging.getLogger(__name__)

REPORT_LAG_DAYS = 7
"""An undated 'occurred' report matches a meeting held at most this many days before its article."""

ANNOUNCE_LEAD_DAYS = 120
"""An undated 'planned'/'proposed' report matches a meeting held up to this many days after its article."""

CANDIDATES = sparql_prefixes() + """
SELECT ?m ?kind ?date ?pub (GROUP_CONCAT(DISTINCT STR(?p); separator=" ") AS ?people) WHERE {
  GRAPH ?g {
    ?m dkg:participant ?a, ?b ; dkg:kind ?kind ; dkg:participant ?p ; dkg:reportedIn ?art .
    OPTIONAL { ?m dkg:date ?date }
    OPTIONAL { ?art dcterms:issued ?pub }
  }
  FILTER (?g != ?own)
}
GROUP BY ?m ?kind ?date ?pub
"""
"""Stored reports of meetings between two given actors, one row per (event, reporting article).

The article's date is reached through the report's ``dkg:reportedIn`` link, which keeps the
join anchored on the meeting (an unanchored article pattern made this 10× slower)."""


@dataclass(frozen=True)
class StoredReport:
    """One stored report of a meeting, as far as resolution needs it."""

    iri: str
    family: str
    participants: frozenset[str]
    date: str | None
    published: dt.date | None


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _dates_agree(a_date: str | None, a_pub: dt.date | None, a_status: str,
                 b_date: str | None, b_pub: dt.date | None) -> bool:
    """Could a report (a) and a stored report (b) speak of a meeting on the same day?"""
    da, db = _day(a_date), _day(b_date)
    if da and db:
        return da == db
    if a_date and b_date and (len(a_date) == 7 or len(b_date) == 7):
        return a_date[:7] == b_date[:7]
    dated, undated_pub = (db, a_pub) if db else (da, b_pub)
    if dated is None:
        # neither has a day: the same meeting only when the articles are close in time
        return a_pub is not None and b_pub is not None and abs((a_pub - b_pub).days) <= REPORT_LAG_DAYS
    if undated_pub is None:
        return False
    lag = (undated_pub - dated).days
    return -ANNOUNCE_LEAD_DAYS <= lag <= REPORT_LAG_DAYS


def _candidates(store: KnowledgeStore, meeting: Meeting, own_graph: str) -> list[StoredReport]:
    a, b = sorted(set(meeting.participants))[:2]
    rows = store.select(CANDIDATES, {"a": URIRef(a), "b": URIRef(b), "own": URIRef(own_graph)})
    out = []
    for row in rows:
        kind = str(row["kind"])
        pub = row.get("pub")
        out.append(StoredReport(
            iri=str(row["m"]),
            family=KIND_FAMILY.get(kind, kind),  # type: ignore[call-overload]
            participants=frozenset(str(row["people"]).split()),
            date=str(row["date"]) if "date" in row else None,
            published=pub.toPython() if isinstance(pub, Literal) and isinstance(pub.toPython(), dt.date) else None,
        ))
    return out


def match_event(meeting: Meeting, published: dt.date | None, stored: list[StoredReport]) -> str | None:
    """The IRI of the stored event this report is about, or None when it is a new one.

    Among compatible events the one with the same day wins, then the one with the same
    participants, then the lowest IRI (so the choice does not depend on ingest order).
    """
    mine = frozenset(meeting.participants)
    family = KIND_FAMILY[meeting.kind]
    best: tuple[tuple[int, int, str], str] | None = None
    for s in stored:
        if s.family != family or not (mine <= s.participants or s.participants <= mine):
            continue
        if not _dates_agree(meeting.date, published, meeting.status, s.date, s.published):
            continue
        rank = (0 if meeting.date and s.date == meeting.date else 1, 0 if s.participants == mine else 1, s.iri)
        if best is None or rank < best[0]:
            best = (rank, s.iri)
    return best[1] if best else None


def resolve_record(record: ExtractionRecord, store: KnowledgeStore) -> ExtractionRecord:
    """The record with each meeting's IRI replaced by the stored event it reports, if any."""
    published = dt.date.fromisoformat(record.article.published) if record.article.published else None
    own = ids.graph_iri(store.base_iri, record.article.id)
    meetings = []
    changed = False
    for m in record.meetings:
        event = match_event(m, published, _candidates(store, m, own))
        if event and event != m.id:
            logger.debug("meeting %s of %s is event %s", m.id, record.article.id, event)
            m = m.model_copy(update={"id": event})
            changed = True
        meetings.append(m)
    return record.model_copy(update={"meetings": meetings}) if changed else record


__all__ = ["ANNOUNCE_LEAD_DAYS", "REPORT_LAG_DAYS", "StoredReport", "match_event", "resolve_record"]
