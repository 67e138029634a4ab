"""The road from inputs to the store: read, extract, map to RDF, write one article at a time.

Each article is extracted, mapped and written on its own, so a failure in one is reported as
an :class:`IngestOutcome` with an error and the batch goes on; the store never holds half an
article because ``put_article`` is one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.config import Settings
from kg.extract.batch import IngestOutcome, extract_inputs, extract_parallel, worker_count
from kg.gazetteer import Gazetteer
from kg.ingest.article import Article
from kg.ingest.batch import InputFailure
from kg.rdf.mapping import record_to_graph
from kg.rdf.store import KnowledgeStore
from kg.resolve import resolve_record
from kg.version import EXTRACTOR_VERSION

logger = logging.getLogger(__name__)


def store_outcomes(outcomes: Iterable[IngestOutcome], store: KnowledgeStore, settings: Settings) -> Iterator[IngestOutcome]:
    """Resolve each extracted record against the store and write it as its article's named graph."""
    for outcome in outcomes:
        if outcome.record is None:
            yield outcome
            continue
        try:
            record = resolve_record(outcome.record, store)
            graph = record_to_graph(record, base_iri=settings.base_iri,
                                    extractor_version=EXTRACTOR_VERSION)
            store.put_article(record.article.id, graph)
        except Exception as exc:  # noqa: BLE001 - reported per article; the store stays whole
            logger.exception("storing %s failed", outcome.article_id)
            yield IngestOutcome(source=outcome.source, article_id=outcome.article_id,
                                error=f"{outcome.article_id}: could not be stored: {exc}")
            continue
        yield IngestOutcome(source=outcome.source, article_id=outcome.article_id, record=record)


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


def ingest_inputs(
    items: list[Article | InputFailure],
    store: KnowledgeStore,
    *,
    settings: Settings,
    nlp: Language | None = None,
) -> Iterator[IngestOutcome]:
    """Read inputs into the store, extracting on every core when there is enough work.

    Extraction runs in worker processes; resolution and writing stay in this process, the
    store's only writer.
    """
    workers = worker_count(settings, len(items))
    if workers > 1:
        extracted = extract_parallel(items, settings=settings, workers=workers)
    else:
        if nlp is None:
            from kg.nlp.pipeline import build_nlp

            nlp = build_nlp(settings.model)
        extracted = extract_inputs(items, nlp=nlp, settings=settings)
    return store_outcomes(extracted, store, settings)


__all__ = ["ingest_articles", "ingest_inputs", "store_outcomes"]
