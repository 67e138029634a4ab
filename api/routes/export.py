"""GET /export?format=…: the graph in an exchange format (kg.export.formats).

Graph formats (GraphML, GEXF, Cytoscape.js, node-link, DOT, CSV) write the contact graph of
the NetworkX projection, which is built on the first export and rebuilt only when the store's
generation has changed; RDF formats (Turtle, N-Quads, JSON-LD) read the store. The file is
written in a worker thread into a spooled temporary file, then streamed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import StoreDep
from api.projection import current_projection
from kg.rdf.store import KnowledgeStore

router = APIRouter(tags=["export"])

FORMATS = ("graphml", "gexf", "cytoscape", "nodelink", "dot", "csv", "turtle", "nquads", "jsonld")


def _write(name: str, state: Any, store: KnowledgeStore) -> IO[bytes]:
    from kg.export.formats import export as write_export
    from kg.export.formats import get_exporter

    exporter = get_exporter(name)
    graph = current_projection(state, store).contacts if exporter.source == "graph" else None
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    try:
        write_export(name, spool, graph=graph, store=store)  # type: ignore[arg-type]
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    with spool:
        while chunk := spool.read(1 << 16):
            yield chunk


_MEDIA_TYPES = ("application/graphml+xml", "application/gexf+xml", "application/json", "text/vnd.graphviz",
                "application/zip", "text/turtle", "application/n-quads", "application/ld+json")


@router.get("/export", responses={200: {"description": "the graph in the chosen format",
                                        "content": {m: {} for m in _MEDIA_TYPES}}})
async def export(
    request: Request,
    store: StoreDep,
    format: Annotated[str, Query(max_length=40, description=", ".join(FORMATS))] = "graphml",
) -> StreamingResponse:
    """The graph as GraphML, GEXF, Cytoscape.js JSON, node-link JSON, DOT, CSV (zip), Turtle,
    N-Quads or JSON-LD."""
    from kg.export.formats import get_exporter

    exporter = get_exporter(format)  # ExportError (400) names the choices
    spool = await anyio.to_thread.run_sync(_write, exporter.name, request.app.state, store)
    return StreamingResponse(
        _chunks(spool), media_type=exporter.media_type,
        headers={"Content-Disposition": f'attachment; filename="kg{exporter.suffix}"'},
    )


__all__ = ["router"]
