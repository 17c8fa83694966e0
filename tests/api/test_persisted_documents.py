"""Persisted documents: Automatic Persisted Queries, trusted documents, and GET with caching."""

import json

import httpx
import pytest

from dinghuo.app import create_app
from dinghuo.persisted import MAX_STORED_CHARS, sha256
from tests import factories as f
from tests.conftest import make_settings

QUERY = "{ __typename }"
HASH = sha256(QUERY)
GRAPHQL_RESPONSE = "application/graphql-response+json"


def _by_hash(digest: str = HASH) -> dict:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}


def _code(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


async def test_an_unknown_hash_asks_for_the_document_then_runs_by_hash(client):
    miss = await client.post("/graphql", json=_by_hash())
    register = await client.post("/graphql", json={"query": QUERY, **_by_hash()})
    hit = await client.post("/graphql", json=_by_hash())

    assert (miss.status_code, _code(miss)) == (200, "PERSISTED_QUERY_NOT_FOUND")
    assert register.json() == {"data": {"__typename": "Query"}}
    assert hit.json() == {"data": {"__typename": "Query"}}


async def test_a_miss_is_400_under_graphql_response_json(client):
    miss = await client.post("/graphql", json=_by_hash(), headers={"accept": GRAPHQL_RESPONSE})

    assert (miss.status_code, _code(miss)) == (400, "PERSISTED_QUERY_NOT_FOUND")
    assert miss.headers["content-type"] == GRAPHQL_RESPONSE


async def test_a_document_with_another_hash_is_refused_and_not_stored(client):
    wrong = await client.post("/graphql", json={"query": QUERY, **_by_hash("0" * 64)})
    after = await client.post("/graphql", json=_by_hash("0" * 64))

    assert (wrong.status_code, _code(wrong)) == (400, "PERSISTED_QUERY_HASH_MISMATCH")
    assert _code(after) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize(
    "extensions",
    [
        {"persistedQuery": {"version": 1, "sha256Hash": "abc"}},
        {"persistedQuery": {"version": 2, "sha256Hash": HASH}},
        {"persistedQuery": "x"},
    ],
)
async def test_a_malformed_persisted_query_extension_is_400(client, extensions):
    response = await client.post("/graphql", json={"extensions": extensions})

    assert (response.status_code, _code(response)) == (400, "PERSISTED_QUERY_INVALID")


async def test_a_document_that_does_not_validate_is_not_stored(client):
    bad = "{ nope }"
    first = await client.post("/graphql", json={"query": bad, **_by_hash(sha256(bad))})
    again = await client.post("/graphql", json=_by_hash(sha256(bad)))

    assert _code(first) == "GRAPHQL_VALIDATION_FAILED"
    assert _code(again) == "PERSISTED_QUERY_NOT_FOUND"


async def test_a_document_padded_past_the_store_limit_runs_but_is_not_kept(client):
    # Comments cost no tokens: the query limit lets this through, the store must not keep it.
    padded = QUERY + "\n#" + "x" * MAX_STORED_CHARS
    first = await client.post("/graphql", json={"query": padded, **_by_hash(sha256(padded))})
    again = await client.post("/graphql", json=_by_hash(sha256(padded)))

    assert first.json() == {"data": {"__typename": "Query"}}
    assert _code(again) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "persisted-documents.json"
    path.write_text(json.dumps({HASH: QUERY}))
    return path


@pytest.fixture
def trusted_client_settings(manifest):
    return make_settings(persisted_documents="trusted", persisted_documents_manifest=str(manifest))


async def test_trusted_mode_runs_only_the_manifests_documents(db, trusted_client_settings):
    app = create_app(trusted_client_settings, manage_db=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        by_hash = await client.post("/graphql", json=_by_hash())
        by_text = await client.post("/graphql", json={"query": QUERY})
        other = "{ me { canOrder } }"
        other_text = await client.post("/graphql", json={"query": other})
        other_hash = await client.post("/graphql", json=_by_hash("1" * 64))
        registering = await client.post(
            "/graphql", json={"query": other, **_by_hash(sha256(other))}
        )

    assert by_hash.json() == {"data": {"__typename": "Query"}}
    assert by_text.json() == {"data": {"__typename": "Query"}}
    for refused in (other_text, other_hash, registering):
        assert (refused.status_code, _code(refused)) == (400, "DOCUMENT_NOT_TRUSTED")


def test_a_manifest_with_hashes_of_another_algorithm_stops_the_start(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"a" * 40: QUERY}))
    settings = make_settings(persisted_documents="trusted", persisted_documents_manifest=str(path))

    with pytest.raises(RuntimeError, match="PERSISTED_DOCUMENTS_MANIFEST"):
        create_app(settings, manage_db=False)


def test_trusted_mode_without_a_manifest_is_a_setup_problem():
    problems = make_settings(persisted_documents="trusted").check()

    assert any("PERSISTED_DOCUMENTS_MANIFEST" in p for p in problems)


def _get_params(digest: str = HASH) -> dict:
    return {"extensions": json.dumps(_by_hash(digest)["extensions"])}


async def test_queries_run_over_get_and_mutations_are_405(client):
    query = await client.get("/graphql", params={"query": QUERY})
    mutation = await client.get(
        "/graphql", params={"query": 'mutation { tokenRevoke(input: {refreshToken: "x"}) { ok } }'}
    )

    assert query.json() == {"data": {"__typename": "Query"}}
    assert query.headers["cache-control"] == "no-store"
    assert (mutation.status_code, _code(mutation)) == (405, "METHOD_NOT_ALLOWED")
    assert mutation.headers["allow"] == "POST"


async def test_anonymous_persisted_gets_are_publicly_cacheable_with_an_etag(client):
    await client.post("/graphql", json={"query": QUERY, **_by_hash()})

    first = await client.get("/graphql", params=_get_params())
    again = await client.get(
        "/graphql", params=_get_params(), headers={"if-none-match": first.headers["etag"]}
    )

    assert first.json() == {"data": {"__typename": "Query"}}
    assert first.headers["cache-control"] == "public, max-age=60"
    assert "Authorization" in first.headers["vary"]
    assert (again.status_code, again.content) == (304, b"")


async def test_signed_in_persisted_gets_are_private_and_revalidated(client, policy):
    user = await f.buyer(policy, await f.company())
    token = await f.login(client, user)
    me = "{ me { user { email } } }"
    await client.post("/graphql", json={"query": me, **_by_hash(sha256(me))})

    response = await client.get(
        "/graphql", params=_get_params(sha256(me)), headers={"authorization": f"Bearer {token}"}
    )

    assert response.json()["data"]["me"]["user"]["email"] == user.email
    assert response.headers["cache-control"] == "private, no-cache"


async def test_a_persisted_get_that_failed_is_not_cached(client):
    miss = await client.get("/graphql", params=_get_params())

    assert _code(miss) == "PERSISTED_QUERY_NOT_FOUND"
    assert miss.headers["cache-control"] == "no-store"


async def test_a_mutation_registered_by_post_is_still_405_over_get(client):
    # A GET that changes state would be one an <img src> could send for a signed-in page.
    revoke = 'mutation { tokenRevoke(input: {refreshToken: "x"}) { ok } }'
    registered = await client.post("/graphql", json={"query": revoke, **_by_hash(sha256(revoke))})

    by_get = await client.get("/graphql", params=_get_params(sha256(revoke)))

    assert "errors" not in registered.json()
    assert (by_get.status_code, _code(by_get)) == (405, "METHOD_NOT_ALLOWED")
    assert by_get.headers["cache-control"] == "no-store"
