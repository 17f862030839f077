"""A property-based run of schemathesis over the app's own /openapi.json, through the real ASGI
app on the fixture corpus: every GET operation with generated valid and invalid parameters, and
the upload endpoint without a token, must answer without a 5xx and within the schema it declares.

Bounded to keep the suite quick: a fixed seed, a few generated cases per operation on top of the
coverage phase's boundary values. NEWSGRAPH_SCHEMA_EXAMPLES raises the count for a longer hunt.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from web_fixtures import WEB_TOKEN, database_fingerprint, web_db  # noqa: E402, F401 - fixtures

EXAMPLES = int(os.environ.get("NEWSGRAPH_SCHEMA_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def openapi_document() -> dict:
    """The app's OpenAPI document, which does not depend on the data: read from an app on an empty
    database at collection time, because schemathesis generates one test per operation from it."""
    from newsgraph.store import open_store
    from newsgraph.web import create_app

    with tempfile.TemporaryDirectory(prefix="ng-openapi-") as folder:
        db = str(Path(folder) / "empty.db")
        open_store(db).close()
        return create_app(db, token=WEB_TOKEN).openapi()


# schemathesis.pytest.from_fixture would load the schema lazily, but its lazy runner (4.32.5)
# writes `request.node._nodeid`, which pytest 9 no longer has.
schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.fixture(scope="module")
def web_app(web_db):
    """The app on this module's copy of the fixture corpus, with an upload token."""
    from newsgraph.web import create_app

    return create_app(str(web_db), token=WEB_TOKEN)


@schema.include(method="GET").parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_get_operations_keep_to_their_schema(case, web_app):
    case.call_and_validate(app=web_app, checks=CHECKS)


@schema.include(method="POST", path="/api/ingest").parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_upload_without_token_is_refused(case, web_app, web_db):
    before = database_fingerprint(web_db)
    response = case.call(app=web_app)
    # The coverage phase also sends other methods to the path, which are not allowed.
    assert response.status_code == (401 if case.method == "POST" else 405), (case.method, response.text[:300])
    case.validate_response(response, checks=CHECKS)
    assert database_fingerprint(web_db) == before


def test_openapi_document_lists_every_endpoint(web_app):
    document = web_app.openapi()
    wanted = {("get", "/api/search"), ("get", "/api/articles/{article_id}"), ("get", "/api/quotes"),
              ("get", "/api/speakers"), ("get", "/api/speakers/{speaker_id}"), ("get", "/api/events"),
              ("get", "/api/entities"), ("get", "/api/stats"), ("post", "/api/ingest")}
    # Placeholder names are the app's own: {id} and {article_id} are the same route.
    listed = {(method, re.sub(r"\{[^}]*\}", "{}", path)): operations[method]
              for path, operations in document["paths"].items() for method in operations}
    wanted = {(method, re.sub(r"\{[^}]*\}", "{}", path)) for method, path in wanted}
    assert wanted <= set(listed), sorted(wanted - set(listed))
    for method, path in wanted:
        operation = listed[(method, path)]
        ok = operation["responses"].get("200", {})
        assert ok.get("content", {}).get("application/json", {}).get("schema"), f"{method} {path}: no response model"
