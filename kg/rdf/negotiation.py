"""HTTP content negotiation for SPARQL results and RDF graphs (pure functions, RFC 9110 §12.5.1).

A server offers a table of media types, each mapped to the canonical type it produces
(``application/json`` is offered for SELECT results and produces SPARQL JSON results). The
client's ``Accept`` header ranks what it wants with q-values and wildcards; the most specific
matching range decides an offer's quality, and among offers of equal quality the server's
order wins (so ``*/*`` gets the default, the first offer).

>>> choose("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
'application/sparql-results+xml'
>>> choose("text/*", RESULT_TYPES)
'text/csv'
>>> choose(None, GRAPH_TYPES)
'text/turtle'
>>> choose("image/png", GRAPH_TYPES) is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg._types import MediaType

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
HTML = "text/html"

RESULT_TYPES: Mapping[MediaType, MediaType] = {
    SPARQL_JSON: SPARQL_JSON,
    SPARQL_XML: SPARQL_XML,
    CSV: CSV,
    TSV: TSV,
    "application/json": SPARQL_JSON,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
}
"""Offers for SELECT/ASK results: accepted media type → media type produced (first = default)."""

GRAPH_TYPES: Mapping[MediaType, MediaType] = {
    TURTLE: TURTLE,
    NTRIPLES: NTRIPLES,
    JSONLD: JSONLD,
    RDFXML: RDFXML,
    "application/x-turtle": TURTLE,
    "application/turtle": TURTLE,
    "text/plain": NTRIPLES,
    "application/json": JSONLD,
    "application/xml": RDFXML,
    "text/xml": RDFXML,
}
"""Offers for CONSTRUCT/DESCRIBE graphs (first = default)."""


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 2 + len(self.params)

    def matches(self, media_type: MediaType) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; malformed parts are skipped, bad q-values read as 0.

    >>> [(r.type, r.subtype, r.q) for r in parse_accept("text/*;q=0.3, text/html;level=1, */*;q=0")]
    [('text', '*', 0.3), ('text', 'html', 1.0), ('*', '*', 0.0)]
    """
    ranges: list[MediaRange] = []
    if not header:
        return ranges
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        main, _, sub = pieces[0].lower().partition("/")
        if not main or not sub:
            continue
        q = 1.0
        params: list[tuple[str, str]] = []
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            key = key.strip().lower()
            value = value.strip().strip('"')
            if key == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
            elif key:
                params.append((key, value))
        ranges.append(MediaRange(main, sub, q, tuple(params)))
    return ranges


def quality(ranges: list[MediaRange], media_type: MediaType) -> float:
    """The q-value the client gives ``media_type``: that of the most specific matching range."""
    best: MediaRange | None = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best is not None else 0.0


def choose(accept: str | None, offers: Mapping[MediaType, MediaType]) -> MediaType | None:
    """The media type to produce for ``accept`` among ``offers``; None when nothing is acceptable.

    An absent or empty header accepts anything, so the first offer is produced.
    """
    if not offers:
        return None
    ranges = parse_accept(accept)
    if not ranges:
        return next(iter(offers.values()))
    best: MediaType | None = None
    best_q = 0.0
    for offered, produced in offers.items():
        q = quality(ranges, offered)
        if q > best_q:
            best, best_q = produced, q
    return best


__all__ = [
    "CSV",
    "GRAPH_TYPES",
    "HTML",
    "JSONLD",
    "NTRIPLES",
    "RDFXML",
    "RESULT_TYPES",
    "SPARQL_JSON",
    "SPARQL_XML",
    "TSV",
    "TURTLE",
    "MediaRange",
    "choose",
    "parse_accept",
    "quality",
]
