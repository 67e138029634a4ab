"""One table of the serialisation formats the store speaks: media type ↔ pyoxigraph format ↔
rdflib format name ↔ file suffix.

Three families: SPARQL *results* (SELECT/ASK), *graphs* (CONSTRUCT/DESCRIBE, one-graph dumps)
and *datasets* (dumps that keep the named graphs). Lookups are by media type (parameters such as
``; charset=utf-8`` ignored) or by suffix; aliases are rows of their own.

>>> lookup("application/sparql-results+json; charset=utf-8").suffix
'.srj'
>>> lookup("text/turtle").rdflib
'turtle'
>>> by_suffix(".nq").media_type
'application/n-quads'
>>> lookup("image/png") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pyoxigraph import QueryResultsFormat, RdfFormat

from kg._types import MediaType

Family = Literal["results", "graph", "dataset"]


@dataclass(frozen=True)
class MediaFormat:
    """One serialisation: its canonical media type and its names in each library."""

    media_type: MediaType
    family: Family
    oxigraph: QueryResultsFormat | RdfFormat
    rdflib: str
    suffix: str


FORMATS: tuple[MediaFormat, ...] = (
    MediaFormat("application/sparql-results+json", "results", QueryResultsFormat.JSON, "json", ".srj"),
    MediaFormat("application/sparql-results+xml", "results", QueryResultsFormat.XML, "xml", ".srx"),
    MediaFormat("text/csv", "results", QueryResultsFormat.CSV, "csv", ".csv"),
    MediaFormat("text/tab-separated-values", "results", QueryResultsFormat.TSV, "tsv", ".tsv"),
    MediaFormat("text/turtle", "graph", RdfFormat.TURTLE, "turtle", ".ttl"),
    MediaFormat("application/n-triples", "graph", RdfFormat.N_TRIPLES, "nt", ".nt"),
    MediaFormat("application/ld+json", "graph", RdfFormat.JSON_LD, "json-ld", ".jsonld"),
    MediaFormat("application/rdf+xml", "graph", RdfFormat.RDF_XML, "xml", ".rdf"),
    MediaFormat("application/n-quads", "dataset", RdfFormat.N_QUADS, "nquads", ".nq"),
    MediaFormat("application/trig", "dataset", RdfFormat.TRIG, "trig", ".trig"),
)
"""Every format, canonical media type first in its family (the first row is the default)."""

ALIASES: dict[MediaType, MediaType] = {
    "application/json": "application/sparql-results+json",
    "application/sparql-results+csv": "text/csv",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/x-trig": "application/trig",
    "text/x-nquads": "application/n-quads",
    "application/json-ld": "application/ld+json",
}
"""Media types seen in the wild → the canonical one."""

_BY_TYPE = {f.media_type: f for f in FORMATS}
_BY_SUFFIX = {f.suffix: f for f in FORMATS}

DEFAULT_RESULTS = _BY_TYPE["application/sparql-results+json"]
DEFAULT_GRAPH = _BY_TYPE["text/turtle"]
DEFAULT_DATASET = _BY_TYPE["application/n-quads"]


def normalise(media_type: MediaType) -> MediaType:
    """Lower-case, parameters dropped, aliases resolved: ``"Text/Turtle;q=1"`` → ``"text/turtle"``."""
    bare = media_type.split(";", 1)[0].strip().lower()
    return ALIASES.get(bare, bare)


def lookup(media_type: MediaType) -> MediaFormat | None:
    """The format for a media type (aliases and parameters allowed); None when unknown."""
    return _BY_TYPE.get(normalise(media_type))


def by_suffix(suffix: str) -> MediaFormat | None:
    """The format for a file suffix such as ``".ttl"``; None when unknown."""
    return _BY_SUFFIX.get(suffix.lower())


def for_results(media_type: MediaType) -> MediaFormat:
    """The results format asked for, or JSON when the media type is not a results format."""
    found = lookup(media_type)
    return found if found is not None and found.family == "results" else DEFAULT_RESULTS


def for_graph(media_type: MediaType) -> MediaFormat:
    """The graph format asked for (datasets allowed), or Turtle when it is not an RDF format."""
    found = lookup(media_type)
    return found if found is not None and found.family != "results" else DEFAULT_GRAPH


__all__ = [
    "ALIASES",
    "DEFAULT_DATASET",
    "DEFAULT_GRAPH",
    "DEFAULT_RESULTS",
    "FORMATS",
    "Family",
    "MediaFormat",
    "by_suffix",
    "for_graph",
    "for_results",
    "lookup",
    "normalise",
]
