"""Property-based checks of the whole API from its own OpenAPI document (schemathesis):
no server errors, documented content types, and responses that conform to the documented
schemas. (schemathesis' ``from_fixture`` does not work with pytest 9, so the app is built
when this module is collected; it is small and in memory.)

Checks that judge API design rather than correctness (e.g. that every schema-valid request
is accepted: an empty SPARQL query is schema-valid and rightly refused) are not run.
"""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis.checks import (
        content_type_conformance,
        not_a_server_error,
        response_schema_conformance,
    )

from graphdata import BASE, load

from api.main import create_app
from kg.config import Settings
from kg.rdf.oxigraph_store import OxigraphStore


@schemathesis.serializer("application/sparql-query")
def _sparql_query(ctx, value) -> bytes:
    """The body of a direct POST is the query text itself."""
    return str(value).encode("utf-8", "surrogatepass")


def _schema():
    store = OxigraphStore(None, BASE)
    load(store)
    # no token configured: write routes answer 401/403 and never load the spaCy model
    app = create_app(Settings(base_iri=BASE, token=None, result_limit=20, query_timeout=5), store=store)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = _schema()


@schema.parametrize()
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_conforms(case) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        case.call_and_validate(checks=[not_a_server_error, content_type_conformance,
                                       response_schema_conformance])
