"""GraphQL over HTTP: media types, status codes, and JSON errors with codes for requests
that never reach GraphQL."""

import asyncio
import socket

import httpx
import pytest
import uvicorn

from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'"x"', "object"),
        (b"5", "object"),
        (b"null", "object"),
        (b"true", "object"),
        (b"[]", "object"),
        (b'{"query": "{ me { canOrder } }"\xff}', "UTF-8"),
        (b"{bad", "JSON"),
        (b'{"query": 5}', "query"),
        (b'{"query": "{ __typename }", "variables": "x"}', "variables"),
        (b"{}", "query"),
    ],
)
async def test_malformed_bodies_get_a_json_error_with_a_code(client, body, detail):
    response = await client.post(
        "/graphql",
        content=body,
        headers={"content-type": "application/json", "accept-language": "en"},
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"].startswith("Malformed request: ") and detail in error["message"]


async def test_a_wrong_content_type_is_415_with_a_code(client):
    response = await client.post(
        "/graphql", content=b"{ __typename }", headers={"content-type": "text/plain"}
    )

    assert response.status_code == 415
    assert response.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


async def test_a_mutation_over_get_is_refused_with_405_and_a_code(client):
    response = await client.get(
        "/graphql", params={"query": 'mutation { tokenRevoke(input: {refreshToken: "x"}) { ok } }'}
    )

    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_an_unacceptable_accept_header_is_406(client):
    response = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"accept": "text/csv"}
    )

    assert response.status_code == 406
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


async def _post(client, query: str, accept: str, variables: dict | None = None):
    return await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers={"accept": accept}
    )


@pytest.mark.parametrize(
    ("query", "variables", "code"),
    [
        ("{ me { canOrder ", None, "GRAPHQL_PARSE_FAILED"),
        ("{ me { nope } }", None, "GRAPHQL_VALIDATION_FAILED"),
        ("query($n: Int!) { products(first: $n) { edges { cursor } } }", {"n": "x"}, None),
    ],
)
async def test_requests_that_never_executed_are_400_under_graphql_response_json(
    client, query, variables, code
):
    new = await _post(client, query, f"{GRAPHQL_RESPONSE}, application/json;q=0.9", variables)
    legacy = await _post(client, query, "application/json", variables)

    assert new.status_code == 400
    assert new.headers["content-type"] == GRAPHQL_RESPONSE
    assert "data" not in new.json()
    assert new.json()["errors"][0]["extensions"]["code"] == (code or "BAD_USER_INPUT")
    assert legacy.status_code == 200
    assert legacy.headers["content-type"] == "application/json"
    assert "data" not in legacy.json()


async def test_executed_requests_are_200_under_graphql_response_json(client):
    ok = await _post(client, "{ __typename }", GRAPHQL_RESPONSE)
    field_error = await _post(client, "{ me { user { email } } }", GRAPHQL_RESPONSE)

    assert (ok.status_code, ok.json()) == (200, {"data": {"__typename": "Query"}})
    assert ok.headers["content-type"] == GRAPHQL_RESPONSE
    assert field_error.status_code == 200
    assert "data" in field_error.json()


async def test_wildcard_and_missing_accept_answer_plain_json(client):
    star = await _post(client, "{ __typename }", "*/*")
    none = await client.post(
        "/graphql",
        content=b'{"query": "{ __typename }"}',
        headers={"content-type": "application/json"},
    )

    assert star.headers["content-type"] == "application/json"
    assert none.headers["content-type"] == "application/json"


async def test_parse_errors_are_localized(client):
    result = await f.gql(client, "{ me { canOrder ")

    assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert result["errors"][0]["message"].startswith("查询语法错误：")


@pytest.mark.parametrize(
    "params",
    [
        {"company": "zzz", "start": "2026-01-01", "end": "2026-01-31"},
        {"company": f.gid("Company", "abc"), "start": "2026-01-01", "end": "2026-01-31"},
        {"company": f.gid("Company", 2**40), "start": "2026-01-01", "end": "2026-01-31"},
        {"company": f.gid("Product", 1), "start": "2026-01-01", "end": "2026-01-31"},
        {"start": "2026-01-01", "end": "2026-01-31"},
    ],
)
async def test_statement_pdf_with_a_bad_company_is_400_invalid_id(client, policy, params):
    admin = await f.login(client, await f.staff(policy))

    response = await client.get(
        "/documents/statements.pdf", params=params, headers={"authorization": f"Bearer {admin}"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_ID"


async def test_statement_pdf_with_bad_dates_is_400_bad_user_input(client, policy):
    admin = await f.login(client, await f.staff(policy))
    company = await f.company()
    params = {"company": f.gid("Company", company.id), "start": "2026-02-30", "end": "x"}

    response = await client.get(
        "/documents/statements.pdf", params=params, headers={"authorization": f"Bearer {admin}"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_invoice_pdf_with_a_nul_in_the_number_is_404(client, policy):
    admin = await f.login(client, await f.staff(policy))

    response = await client.get(
        "/documents/invoices/INV%00.pdf", headers={"authorization": f"Bearer {admin}"}
    )

    assert response.status_code == 404
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _exchange(reader, writer, body: bytes) -> bytes:
    writer.write(
        b"POST /graphql HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\n"
        + f"content-length: {len(body)}\r\n\r\n".encode()
        + body
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return head


async def test_the_connection_stays_usable_after_a_malformed_body(db, settings):
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, manage_db=False), host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        bad = await _exchange(reader, writer, b'"x"')
        invalid_utf8 = await _exchange(reader, writer, b'{"query": "\xff"}')
        good = await _exchange(reader, writer, b'{"query": "{ __typename }"}')
        writer.close()
    finally:
        server.should_exit = True
        await serving

    assert bad.startswith(b"HTTP/1.1 400")
    assert invalid_utf8.startswith(b"HTTP/1.1 400")
    assert good.startswith(b"HTTP/1.1 200")  # same socket: the server kept it open


async def test_a_body_over_the_limit_without_a_length_is_still_413(db):
    app = create_app(make_settings(max_body_bytes=1000), manage_db=False)

    async def chunks():
        yield b'{"query": "{ __typename }", "pad": "'
        yield b"x" * 2000
        yield b'"}'

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        response = await c.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


async def test_a_deeply_nested_body_is_400_not_500(client):
    body = b"[" * 100_000 + b"]" * 100_000

    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405_json_with_a_code(client, method):
    response = await client.request(method, "/graphql", json={"query": "{ __typename }"})

    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
