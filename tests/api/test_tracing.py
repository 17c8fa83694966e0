"""TRACING=true: an OpenTelemetry span per GraphQL operation, without argument values or the
document text (they can carry passwords and tokens)."""

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings

EXPORTER = InMemorySpanExporter()


@pytest.fixture
def spans():
    # The global provider can be set once per process; this module is its only user.
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(EXPORTER))
        trace.set_tracer_provider(provider)
    EXPORTER.clear()
    yield EXPORTER
    EXPORTER.clear()


async def post(app, query: str, variables: dict | None = None) -> dict:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.post("/graphql", json={"query": query, "variables": variables})
    return response.json()


async def test_each_operation_is_a_span_without_its_arguments(db, policy, spans):
    user = await f.buyer(policy, await f.company())
    app = create_app(make_settings(tracing=True), manage_db=False)

    await post(app, "query Catalog { products(first: 2) { edges { node { name } } } }")
    await post(
        app,
        "mutation SignIn($e: String!, $p: String!) "
        "{ tokenCreate(input: {email: $e, password: $p}) { accessToken } }",
        {"e": user.email, "p": f.PASSWORD},
    )

    finished = spans.get_finished_spans()
    operations = [s.name for s in finished if s.kind == trace.SpanKind.SERVER]
    assert operations == ["GraphQL Query: Catalog", "GraphQL Query: SignIn"]
    assert any(s.name == "GraphQL Resolving: tokenCreate" for s in finished)
    recorded = [str(v) for s in finished for v in (s.attributes or {}).values()]
    assert not [v for v in recorded if f.PASSWORD in v or user.email in v or "query" in v]


async def test_without_the_setting_there_are_no_spans(db, spans):
    app = create_app(make_settings(), manage_db=False)

    await post(app, "{ products(first: 1) { edges { node { name } } } }")

    assert spans.get_finished_spans() == ()
