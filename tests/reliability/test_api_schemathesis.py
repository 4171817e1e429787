"""Property-based API test: schemathesis generates requests from /openapi.json against the app
over a small store; no request may get a 5xx. Skipped when schemathesis is not installed."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from quotetrail.web.app import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_DB = Path(tempfile.mkdtemp(prefix="quotetrail-api-")) / "api.db"
# schemathesis calls the app through Starlette's test client, whose requests carry `Host: testserver`
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_DB, token="test-token",
                                                                    allowed_hosts=["testserver"]))


@pytest.fixture(scope="module", autouse=True)
def small_store():
    from quotetrail.engines.local import LocalEngine
    from quotetrail.pipeline import run
    from quotetrail.store.sqlite import Store

    with Store(_DB) as store:
        run([str(EXAMPLES / "text")], store, engine=LocalEngine(1))
        assert store.count("quotes") > 0


@schema.include(method="GET").parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_read_endpoints_never_5xx(case):
    case.call_and_validate(checks=[not_a_server_error])


@schema.include(method="POST").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_ingest_never_5xx(case):
    case.headers = {**(case.headers or {}), "Authorization": "Bearer test-token"}
    case.call_and_validate(checks=[not_a_server_error])
