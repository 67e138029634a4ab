"""kg.rdf.negotiation: Accept parsing and choice among offers."""

from __future__ import annotations

import pytest

from kg.rdf.negotiation import GRAPH_TYPES, RESULT_TYPES, choose, parse_accept, quality


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
    ("text/*;q=0.8, application/sparql-results+json;q=0.5", "text/csv"),
    ("text/*, text/csv;q=0", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("APPLICATION/SPARQL-RESULTS+XML", "application/sparql-results+xml"),
    ("image/png", None),
    ("*/*;q=0", None),
    ("text/csv;q=abc", None),
])
def test_results(accept: str | None, expected: str | None) -> None:
    assert choose(accept, RESULT_TYPES) == expected


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", None),
    ("text/turtle;q=0.2, application/ld+json", "application/ld+json"),
    ("text/plain", "application/n-triples"),
    ("application/rdf+xml, */*;q=0.1", "application/rdf+xml"),
    ("application/x-turtle", "text/turtle"),
])
def test_graphs(accept: str, expected: str | None) -> None:
    assert choose(accept, GRAPH_TYPES) == expected


def test_most_specific_range_wins() -> None:
    ranges = parse_accept("text/*;q=0.3, text/csv;q=0.9, */*;q=0.1")
    assert quality(ranges, "text/csv") == 0.9
    assert quality(ranges, "text/turtle") == 0.3
    assert quality(ranges, "application/json") == 0.1


def test_malformed_parts_are_skipped() -> None:
    assert [(r.type, r.subtype) for r in parse_accept("garbage, , text/csv, /x")] == [("text", "csv")]
