"""POST /articles (one article or a list) and DELETE /articles/{id}: writes, with a bearer token.

Each article is extracted, mapped to its named graph and written in one transaction; a
failure in one article is reported and the rest of the list still goes in. The spaCy pipeline
is built by the first write (:func:`api.deps.get_nlp`), so a read-only service never loads it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Response

from api.deps import NlpDep, SettingsDep, StoreDep, TokenDep
from api.errors import problem
from kg.errors import ArticleNotFoundError
from kg.extract.records import ExtractionRecord
from kg.ingest.article import Article

router = APIRouter(prefix="/articles", tags=["articles"], dependencies=[TokenDep])

_WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"description": "no bearer token"},
    403: {"description": "wrong token, or writes disabled"},
    413: {"description": "request body too large"},
    422: {"description": "an article could not be extracted or stored (problem+json names it)"},
}


@router.post("", response_model=ExtractionRecord | list[ExtractionRecord], status_code=201,
             responses=_WRITE_RESPONSES)
def post_articles(
    articles: Annotated[Article | list[Article], Body(description="one article object or a list")],
    store: StoreDep,
    settings: SettingsDep,
    nlp: NlpDep,
) -> ExtractionRecord | list[ExtractionRecord] | Response:
    """Extract and store articles; answer their extraction records (same shapes as ``kg extract``)."""
    from kg.pipeline import ingest_articles

    batch = articles if isinstance(articles, list) else [articles]
    records: list[ExtractionRecord] = []
    failures: list[dict[str, str]] = []
    for outcome in ingest_articles(batch, store, nlp=nlp, settings=settings):
        if outcome.record is not None and outcome.error is None:
            records.append(outcome.record)
        else:
            failures.append({"source": outcome.source, "error": outcome.error or "not stored"})
    if failures:
        return problem(
            422, "; ".join(f["error"] for f in failures), title="Articles not stored",
            errors=failures, stored=[r.article.id for r in records],
        )
    return records if isinstance(articles, list) else records[0]


@router.delete("/{article_id}", status_code=204, responses={**_WRITE_RESPONSES, 404: {"description": "no such article"}})
def delete_article(
    article_id: Annotated[str, Path(min_length=1, max_length=200)],
    store: StoreDep,
) -> Response:
    """Remove one article's named graph (the facts only it reported go with it)."""
    if not store.delete_article(article_id):
        raise ArticleNotFoundError(f"no article {article_id!r} in the store")
    return Response(status_code=204)


__all__ = ["router"]
