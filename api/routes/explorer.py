"""GET /: the graph explorer page (a static file shipped in the api package)."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["explorer"])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def explorer() -> HTMLResponse:
    """The explorer page."""
    html = resources.files("api").joinpath("static/explorer.html").read_text(encoding="utf-8")
    return HTMLResponse(html)


__all__ = ["router"]
