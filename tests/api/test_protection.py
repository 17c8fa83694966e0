"""Limits, CORS, introspection, health endpoints and the request log."""

import logging

import httpx
import strawberry

from dinghuo.api import ErrorMasking
from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings


async def _client_for(**overrides) -> httpx.AsyncClient:
    app = create_app(make_settings(**overrides), manage_db=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_deep_queries_are_refused(db):
    async with await _client_for(max_query_depth=3) as client:
        result = await f.gql(client, "{ me { company { users { company { name } } } } }")
    assert result["errors"][0]["extensions"] == {"code": "QUERY_TOO_DEEP", "max": 3}
    assert "data" not in result


async def test_too_many_aliases_are_refused(db):
    aliases = " ".join(f"a{n}: me {{ canOrder }}" for n in range(5))
    async with await _client_for(max_aliases=3) as client:
        result = await f.gql(client, "{ " + aliases + " }", language="en")
    assert result["errors"][0]["extensions"] == {"code": "TOO_MANY_ALIASES", "max": 3}
    assert result["errors"][0]["message"] == "The query uses too many aliases: at most 3."


async def test_too_many_tokens_are_refused(db):
    async with await _client_for(max_query_tokens=10) as client:
        result = await f.gql(
            client, "{ me { user { email fullName isStaff language } } }", language="en"
        )
    assert result["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"
    assert result["errors"][0]["message"] == "The query is too long: at most 10 tokens."


async def test_oversized_bodies_get_413_in_the_callers_language(db):
    async with await _client_for(max_body_bytes=1000) as client:
        response = await client.post(
            "/graphql",
            json={"query": "{ me { canOrder } }", "variables": {"pad": "x" * 2000}},
            headers={"accept-language": "en"},
        )
    assert response.status_code == 413
    assert response.json()["errors"][0] == {
        "message": "The request is too large.",
        "extensions": {"code": "REQUEST_TOO_LARGE"},
    }


async def test_introspection_can_be_switched_off(db):
    query = "{ __schema { queryType { name } } }"
    async with await _client_for() as client:
        on = await f.gql(client, query)
    async with await _client_for(introspection=False) as client:
        off = await f.gql(client, query)
    assert on["data"]["__schema"]["queryType"]["name"] == "Query"
    assert "introspection" in off["errors"][0]["message"].lower()


async def test_cors_allows_only_configured_origins(db):
    async with await _client_for(cors_origins="https://shop.example.com") as client:
        allowed = await client.options(
            "/graphql",
            headers={"origin": "https://shop.example.com", "access-control-request-method": "POST"},
        )
        other = await client.options(
            "/graphql",
            headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
        )
    assert allowed.headers["access-control-allow-origin"] == "https://shop.example.com"
    assert "access-control-allow-origin" not in other.headers


def _preflight(headers: str) -> dict:
    return {
        "origin": "https://shop.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": headers,
    }


async def test_cors_preflight_allows_tracing_and_client_name_headers(db):
    asked = "content-type,authorization,sentry-trace,baggage,apollographql-client-name"
    async with await _client_for(cors_origins="https://shop.example.com") as client:
        answer = await client.options("/graphql", headers=_preflight(asked))
    assert answer.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "https://shop.example.com"


async def test_cors_allowed_headers_are_a_setting(db):
    settings = {"cors_origins": "https://shop.example.com", "cors_allow_headers": "X-Shop-Id"}
    async with await _client_for(**settings) as client:
        own = await client.options("/graphql", headers=_preflight("x-shop-id"))
        traced = await client.options("/graphql", headers=_preflight("sentry-trace"))
    assert own.status_code == 200
    assert traced.status_code == 400


async def test_health_and_readiness(client):
    # The test database's tables come from the models, not from migrations: up, not ready.
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert "migrations pending" in ready.json()["problems"][0]


async def test_one_log_line_per_request_with_id_operation_and_sql_count(client, policy, caplog):
    token = await f.login(client, await f.buyer(policy, await f.company()))
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")

    response = await client.post(
        "/graphql",
        json={"query": "query Viewer { me { user { email } company { name } } }"},
        headers={"authorization": f"Bearer {token}", "x-request-id": "req-12345"},
    )

    assert response.headers["x-request-id"] == "req-12345"
    [record] = [r for r in caplog.records if r.name == "dinghuo.graphql"]
    assert record.fields["operation"] == "Viewer"
    # The user with its company (one join); the company loader is primed with it.
    assert record.fields["sql"] == 1
    assert record.fields["duration_ms"] >= 0


async def test_refusals_are_not_logged_as_errors(client, caplog):
    caplog.set_level(logging.INFO)
    await f.gql(client, "{ me { canOrder } }")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_unexpected_errors_are_masked_and_logged_with_the_request_id(caplog):
    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self) -> str:
            raise RuntimeError("secret internals")

    schema = strawberry.Schema(query=Query, extensions=[ErrorMasking])
    caplog.set_level(logging.ERROR)

    result = await schema.execute("{ broken }", context_value=type("C", (), {"language": "en"}))

    [error] = result.errors
    assert "secret internals" not in error.message
    assert error.message.startswith("Internal error")
    assert error.extensions["code"] == "INTERNAL_ERROR"
    assert any("secret internals" in (r.exc_text or "") for r in caplog.records)
