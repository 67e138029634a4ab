"""Orchestration only: article → parsed pieces → entity index → drafts → contract record.

>>> from kg.ingest.article import Article
>>> import spacy
>>> rec = extract(Article(id="a1", text="Nothing happened."), nlp=spacy.blank("en"))
>>> rec.article.id, rec.meetings
('a1', [])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg import ids
from kg.config import DEFAULT_BASE_IRI
from kg.extract import entities as entity_stage
from kg.extract import furniture
from kg.extract import meetings as meeting_stage
from kg.extract import statements as statement_stage
from kg.extract.context import Context, EntityIndex, MeetingDraft, StatementDraft
from kg.extract.records import (
    ArticleRef,
    Entity,
    KIND_FAMILY,
    ExtractionRecord,
    Meeting,
    Role,
    Statement,
)
from kg.extract.segment import pieces
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.ingest.article import Article

PIECE_CHARS = 100_000
"""Longest text handed to spaCy in one go (its default ``max_length`` is 1,000,000)."""


BATCH_CHARS = 200_000
"""Most text spaCy parses in one batch: its working memory grows with the text of a batch
(about 10 kB per token for the small English model), and small batches of short articles
parse faster than one article at a time."""


def _parsed(articles: Iterable[Article], nlp: Language) -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
    """Each article with its pieces parsed, streaming: short articles share spaCy batches, a
    long one goes through a piece or two at a time. Page furniture (related headlines,
    credits, bylines) is blanked out first, offsets kept."""
    pending: list[tuple[Article, list[tuple[int, str]]]] = []
    size = 0

    def flush() -> Iterator[tuple[Article, list[tuple[int, Doc]]]]:
        texts = [text for _, parts in pending for _, text in parts]
        docs = iter(nlp.pipe(texts, batch_size=max(1, len(texts))))
        for article, parts in pending:
            yield article, [(offset, next(docs)) for offset, _ in parts]

    for article in articles:
        parts = list(pieces(furniture.blank(article.text), PIECE_CHARS))
        chars = sum(len(t) for _, t in parts)
        if pending and size + chars > BATCH_CHARS:
            yield from flush()
            pending, size = [], 0
        pending.append((article, parts))
        size += chars
        if chars > BATCH_CHARS // 2:  # a long article: pieces one at a time
            texts = [t for _, t in parts]
            pending.pop()
            yield from flush()
            pending, size = [], 0
            yield article, [(o, d) for (o, _), d in zip(parts, nlp.pipe(texts, batch_size=1))]
    yield from flush()


def extract(
    article: Article,
    *,
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
) -> ExtractionRecord:
    """Read one article into its extraction record."""
    return next(extract_many([article], nlp=nlp, gazetteer=gazetteer, base_iri=base_iri))


def extract_many(
    articles: Iterable[Article],
    *,
    nlp: Language,
    gazetteer: Gazetteer | None = None,
    base_iri: str = DEFAULT_BASE_IRI,
) -> Iterator[ExtractionRecord]:
    """Read articles lazily, in input order (parsing a few short ones at a time)."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    for article, docs in _parsed(articles, nlp):
        index = entity_stage.find_entities(docs, article, gaz)
        ctx = Context(article=article, index=index, published=article.published)
        meetings: list[MeetingDraft] = []
        statements: list[StatementDraft] = []
        for offset, doc in docs:
            if not doc.has_annotation("DEP"):
                # the meeting and statement rules read the dependency parse; a pipeline without
                # a parser (a blank one) yields entities only, never garbage from unset heads
                continue
            meetings.extend(meeting_stage.find_meetings(doc, offset, ctx))
            statements.extend(statement_stage.find_statements(doc, offset, ctx))
        yield to_record(article, index, meetings, statements, base_iri)


def to_record(
    article: Article,
    index: EntityIndex,
    meetings: list[MeetingDraft],
    statements: list[StatementDraft],
    base_iri: str = DEFAULT_BASE_IRI,
) -> ExtractionRecord:
    """Turn drafts (entity keys, offsets) into the contract's record (IRIs)."""

    def iri(key: str) -> str:
        return ids.actor_iri(base_iri, key)

    entities = [
        Entity(
            id=iri(e.key),
            label=e.label,
            type=e.type,
            aliases=sorted(a for a in e.aliases if a != e.label),
            roles=[
                Role(title=r.title, of=iri(r.of) if r.of else None, start=r.start, end=r.end)
                for r in e.roles
            ],
            same_as=list(e.same_as),
        )
        for e in index.entities.values()
    ]
    return ExtractionRecord(
        article=ArticleRef(
            id=article.id,
            iri=ids.article_iri(base_iri, article.id),
            title=article.title,
            published=article.published.isoformat() if article.published else None,
            url=article.url,
            source=article.source,
        ),
        entities=entities,
        meetings=[_meeting(article, m, base_iri) for m in _unique_meetings(meetings)],
        statements=[_statement(article, s, base_iri) for s in _unique_statements(statements)],
    )


def _unique_meetings(drafts: list[MeetingDraft]) -> list[MeetingDraft]:
    """One draft per real meeting of the article.

    Drafts with the same participants and kind family on the same day are one meeting (its
    IRI does not depend on the status, so one article cannot say two things of it: the most
    confident draft wins). An undated draft joins the dated one when the article gives that
    pair, with that status, exactly one day (the same call mentioned twice, once with its day).
    Of each meeting the dated, most confident, earliest draft is kept.
    """
    groups: dict[tuple[object, ...], list[MeetingDraft]] = {}
    for d in drafts:
        if len(set(d.participants)) >= 2:
            groups.setdefault((frozenset(d.participants), KIND_FAMILY[d.kind]), []).append(d)
    kept: list[MeetingDraft] = []
    for group in groups.values():
        meetings: dict[object, list[MeetingDraft]] = {}
        for d in group:
            days = {x.date for x in group if x.date and x.status == d.status}
            key: object = d.date or (next(iter(days)) if len(days) == 1 else ("undated", d.status))
            meetings.setdefault(key, []).append(d)
        for key, same in meetings.items():
            best = max(same, key=lambda d: (d.date is not None, d.confidence, -d.start))
            date = key if isinstance(key, str) else None
            kept.append(replace(best, date=date, confidence=max(d.confidence for d in same)))
    return sorted(kept, key=lambda d: d.start)


def _unique_statements(drafts: list[StatementDraft]) -> list[StatementDraft]:
    best: dict[tuple[object, ...], StatementDraft] = {}
    for d in drafts:
        k = (d.speaker, d.text)
        if k not in best or d.confidence > best[k].confidence:
            best[k] = d
    return sorted(best.values(), key=lambda d: d.start)


def _meeting(article: Article, d: MeetingDraft, base: str) -> Meeting:
    keys = sorted(set(d.participants))
    if d.date and len(d.date) == 10:
        # a dated meeting is the same event whichever article reports it
        mid = ids.meeting_iri(base, "|".join(keys), KIND_FAMILY[d.kind], d.date)
    else:
        mid = ids.meeting_iri(base, article.id, "|".join(keys), d.kind, d.date or "", d.status)
    return Meeting(
        id=mid,
        kind=d.kind,
        participants=[ids.actor_iri(base, k) for k in dict.fromkeys(d.participants)],
        date=d.date,
        location=d.location,
        status=d.status,
        evidence=d.evidence,
        confidence=round(min(max(d.confidence, 0.0), 1.0), 3),
        cameo=d.cameo,
    )


def _statement(article: Article, d: StatementDraft, base: str) -> Statement:
    return Statement(
        id=ids.statement_iri(base, article.id, d.speaker or "", d.text),
        speaker=ids.actor_iri(base, d.speaker) if d.speaker else None,
        addressee=ids.actor_iri(base, d.addressee) if d.addressee else None,
        date=d.date,
        text=d.text,
        direct=d.direct,
        evidence=d.evidence,
        confidence=round(min(max(d.confidence, 0.0), 1.0), 3),
        cameo=d.cameo,
    )


__all__ = ["BATCH_CHARS", "PIECE_CHARS", "extract", "extract_many", "to_record"]
