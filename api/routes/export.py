"""GET /export?format=…: the whole graph in an exchange format (kg.export.formats.EXPORTERS)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Any

import anyio
from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from api.deps import StoreDep
from kg.errors import ExportError
from kg.rdf.store import KnowledgeStore

router = APIRouter(tags=["export"])

FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "csv", "turtle", "nquads", "jsonld")


def _exporters() -> dict[str, Any]:
    from kg.export.formats import EXPORTERS

    return dict(EXPORTERS)


def _write(exporter: Any, store: KnowledgeStore) -> IO[bytes]:
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
    exporter.write(store, spool)
    spool.seek(0)
    return spool


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(1 << 16):
            yield chunk


@router.get("/export", responses={200: {"description": "the graph in the chosen format"}})
async def export(
    store: StoreDep,
    format: Annotated[str, Query(description=", ".join(FORMATS))] = "graphml",  # noqa: A002
) -> StreamingResponse:
    """The graph as GraphML, GEXF, Cytoscape.js JSON, node-link JSON, DOT, CSV, Turtle, N-Quads or JSON-LD."""
    exporters = _exporters()
    exporter = exporters.get(format)
    if exporter is None:
        raise ExportError(f"unknown export format {format!r}; choose from {', '.join(sorted(exporters))}")
    spool = await anyio.to_thread.run_sync(_write, exporter, store)
    suffix = getattr(exporter, "suffix", "") or ""
    return StreamingResponse(
        _chunks(spool), media_type=exporter.media_type,
        headers={"Content-Disposition": f'attachment; filename="kg{suffix}"'},
    )
