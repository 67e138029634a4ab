"""The road from inputs to the store: read, extract, map to RDF, write one article at a time.

Each article is extracted, mapped and written on its own, so a failure in one is reported as
an :class:`IngestOutcome` with an error and the batch goes on; the store never holds half an
article because ``put_article`` is one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg.config import Settings
from kg.extract.extractor import extract_many
from kg.extract.records import ExtractionRecord
from kg.gazetteer import Gazetteer
from kg.ingest.article import Article
from kg.ingest.batch import InputFailure, iter_inputs
from kg.rdf.mapping import record_to_graph
from kg.rdf.store import KnowledgeStore
from kg.version import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input: its record when stored, else the error to report."""

    source: str
    article_id: str | None = None
    record: ExtractionRecord | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_inputs(
    items: Iterable[Article | InputFailure],
    *,
    nlp: Language,
    settings: Settings,
    gazetteer: Gazetteer | None = None,
) -> Iterator[IngestOutcome]:
    """Extract every article, passing failures through; an article that breaks the extractor
    is reported, not raised."""
    for item in items:
        if isinstance(item, InputFailure):
            yield IngestOutcome(source=item.source, error=item.message)
            continue
        try:
            record = next(extract_many([item], nlp=nlp, gazetteer=gazetteer, base_iri=settings.base_iri))
        except Exception as exc:  # one article's failure must not stop the batch
            logger.exception("extraction failed for %s", item.id)
            yield IngestOutcome(source=item.id, article_id=item.id,
                                error=f"{item.id}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        yield IngestOutcome(source=item.id, article_id=item.id, record=record)


def store_outcomes(outcomes: Iterable[IngestOutcome], store: KnowledgeStore, settings: Settings) -> Iterator[IngestOutcome]:
    """Write each extracted record to the store as its article's named graph."""
    for outcome in outcomes:
        if outcome.record is None:
            yield outcome
            continue
        try:
            graph = record_to_graph(outcome.record, base_iri=settings.base_iri,
                                    extractor_version=EXTRACTOR_VERSION)
            store.put_article(outcome.record.article.id, graph)
        except Exception as exc:  # noqa: BLE001 - reported per article; the store stays whole
            logger.exception("storing %s failed", outcome.article_id)
            yield IngestOutcome(source=outcome.source, article_id=outcome.article_id,
                                error=f"{outcome.article_id}: could not be stored: {exc}")
            continue
        yield outcome


def ingest_articles(
    articles: Iterable[Article | InputFailure],
    store: KnowledgeStore,
    *,
    nlp: Language,
    settings: Settings,
    gazetteer: Gazetteer | None = None,
) -> Iterator[IngestOutcome]:
    """Extract and store articles one by one (lazily: iterate to make it happen)."""
    return store_outcomes(extract_inputs(articles, nlp=nlp, settings=settings, gazetteer=gazetteer), store, settings)


def ingest_paths(
    paths: Iterable[Path],
    store: KnowledgeStore,
    *,
    nlp: Language,
    settings: Settings,
) -> Iterator[IngestOutcome]:
    """Files and folders into the store."""
    return ingest_articles(iter_inputs(paths, settings.max_article_bytes), store, nlp=nlp, settings=settings)


__all__ = ["IngestOutcome", "extract_inputs", "ingest_articles", "ingest_paths", "store_outcomes"]
