"""Errors at the HTTP edge: one table from library errors to status codes, answered as
RFC 9457 ``application/problem+json`` documents (``type``, ``title``, ``status``, ``detail``).

The ``detail`` always names what was wrong (the parameter, the id, the refused clause), and
never carries a traceback. Unexpected exceptions become a bare 500 problem and are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    ArticleNotFoundError,
    ConfigError,
    EmptyInputError,
    EntityNotFoundError,
    ExportError,
    InputError,
    KGError,
    NotFoundError,
    OversizedInputError,
    QueryError,
    QueryTimeoutError,
    StoreError,
    StoreLockedError,
    UnreadableInputError,
)

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

STATUS_OF: Mapping[type[KGError], tuple[int, str]] = {
    EntityNotFoundError: (404, "Entity not found"),
    ArticleNotFoundError: (404, "Article not found"),
    NotFoundError: (404, "Not found"),
    QueryTimeoutError: (503, "Query timed out"),
    QueryError: (400, "Query refused"),
    OversizedInputError: (413, "Article too large"),
    EmptyInputError: (422, "Empty article"),
    UnreadableInputError: (422, "Unreadable article"),
    InputError: (422, "Bad article"),
    StoreLockedError: (503, "Store busy"),
    StoreError: (503, "Store unavailable"),
    ExportError: (400, "Export failed"),
    ConfigError: (500, "Service misconfigured"),
    KGError: (500, "Internal error"),
}
"""Library error class → (HTTP status, problem title); the most specific class in the MRO wins."""


def status_of(exc: KGError) -> tuple[int, str]:
    """The status and title for ``exc`` from :data:`STATUS_OF`."""
    for cls in type(exc).__mro__:
        if cls in STATUS_OF:
            return STATUS_OF[cls]  # type: ignore[index]
    return 500, "Internal error"


def problem(status: int, detail: str, *, title: str | None = None,
            headers: Mapping[str, str] | None = None, **extra: Any) -> JSONResponse:
    """An ``application/problem+json`` response."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=dict(headers or {}))


async def _kg_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KGError)
    status, title = status_of(exc)
    if status >= 500:
        logger.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
    return problem(status, str(exc) or title, title=title)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    elif exc.status_code == 404 and detail == "Not Found":
        detail = f"nothing at {request.url.path}"
    return problem(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        where = f"{loc[0]} parameter {'.'.join(loc[1:])!r}" if len(loc) > 1 else ".".join(loc) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return problem(422, "; ".join(parts) or "invalid request", title="Invalid request")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(500, "the service failed on this request; the error is in its log", title="Internal error")


def install_error_handlers(app: FastAPI) -> None:
    """Register the problem+json handlers on ``app``."""
    app.add_exception_handler(KGError, _kg_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


__all__ = ["PROBLEM_JSON", "STATUS_OF", "install_error_handlers", "problem", "status_of"]
