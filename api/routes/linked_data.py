"""GET /id/{kind}/{key}: every IRI the service mints dereferences to its description.

The resource's own triples (plus those of its roles) come from one CONSTRUCT with the IRI
bound as a parameter. The representation follows ``Accept``: Turtle (the default, and what
``*/*`` gets), N-Triples, JSON-LD, RDF/XML, or an HTML page for browsers. The answer is a
direct 200 with ``Vary: Accept`` (no 303 round-trip: the IRIs name records, not people, so
the document and the thing can share the IRI); 404 when the store holds nothing about it.
"""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response
from rdflib import Graph, Literal, URIRef

from api.deps import SettingsDep, StoreDep
from kg.errors import NotFoundError
from kg.namespaces import DKG_NS, bind_prefixes
from kg.rdf import negotiation

router = APIRouter(tags=["linked data"])

_DESCRIBE = f"""PREFIX dkg: <{DKG_NS}>
CONSTRUCT {{ ?s ?p ?o . ?r ?rp ?ro }} WHERE {{
  {{ ?s ?p ?o }} UNION {{ ?s dkg:hasRole ?r . ?r ?rp ?ro }}
}}"""
_OFFERS = {negotiation.TURTLE: negotiation.TURTLE, negotiation.HTML: negotiation.HTML,
           "application/xhtml+xml": negotiation.HTML, **negotiation.GRAPH_TYPES}
_RDFLIB = {negotiation.TURTLE: "turtle", negotiation.NTRIPLES: "nt",
           negotiation.JSONLD: "json-ld", negotiation.RDFXML: "xml"}


@router.get("/id/{kind}/{key:path}", responses={200: {"content": {m: {} for m in dict.fromkeys(_OFFERS.values())}}})
def describe(
    request: Request,
    kind: Annotated[str, Path(pattern=r"^[a-z]+$")],
    key: str,
    store: StoreDep,
    settings: SettingsDep,
) -> Response:
    """The triples about one actor, meeting, statement, article or role, in the negotiated format."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    iri = settings.base_iri + raw.decode("latin-1").lstrip("/")
    if any(c in iri for c in '<>"{}|^`\\ '):
        raise NotFoundError(f"nothing is known about {iri}")
    media = negotiation.choose(request.headers.get("accept"), _OFFERS)
    if media is None:
        raise HTTPException(406, "offered: " + ", ".join(dict.fromkeys(_OFFERS.values())))
    graph = store.construct(_DESCRIBE, {"s": URIRef(iri)})
    if len(graph) == 0:
        raise NotFoundError(f"nothing is known about {iri}")
    bind_prefixes(graph)
    if media == negotiation.HTML:
        body = _page(iri, graph, settings.base_iri).encode("utf-8")
    else:
        body = graph.serialize(format=_RDFLIB[media], encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})


def _page(iri: str, graph: Graph, base: str) -> str:
    def show(term: object) -> str:
        if isinstance(term, URIRef):
            text = graph.namespace_manager.normalizeUri(term) if not str(term).startswith(base) else str(term)
            href = "/" + str(term)[len(base):] if str(term).startswith(base) else str(term)
            return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'
        if isinstance(term, Literal):
            return html.escape(str(term))
        return html.escape(str(term))

    rows = "\n".join(
        f"<tr><td>{show(s) if str(s) != iri else ''}</td><td>{show(p)}</td><td>{show(o)}</td></tr>"
        for s, p, o in sorted(graph, key=lambda t: (str(t[0]) != iri, str(t[0]), str(t[1]), str(t[2])))
    )
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(iri)}</title>"
        "<style>body{font:15px/1.4 system-ui,sans-serif;margin:2rem}td{padding:.2em .6em;"
        "vertical-align:top;border-bottom:1px solid #eee}</style></head><body>"
        f"<h1>{html.escape(iri)}</h1><table>{rows}</table>"
        "<p>The same triples come as Turtle, N-Triples, JSON-LD or RDF/XML "
        "with an <code>Accept</code> header.</p></body></html>"
    )


__all__ = ["router"]
