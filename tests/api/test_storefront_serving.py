"""The built storefront is served at `/` next to the API, with client routes falling back to
index.html; without a build the server still answers and says how to make one."""

import pytest

from dinghuo import storefront
from tests.api.test_protection import _client_for


@pytest.fixture
def dist(tmp_path, monkeypatch):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<div id=root></div><!-- storefront -->", encoding="utf-8")
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("not for the web", encoding="utf-8")
    monkeypatch.setattr(storefront, "DIST", tmp_path)
    return tmp_path


async def test_index_assets_and_client_routes(dist):
    async with await _client_for() as client:
        home = await client.get("/")
        asset = await client.get("/assets/index-abc123.js")
        route = await client.get("/orders/T3JkZXI6MQ")
        missing_asset = await client.get("/assets/gone-123.js")
        escape = await client.get("/assets/..%2F..%2Fsecret.txt")

    assert home.status_code == 200 and "storefront" in home.text
    assert home.headers["cache-control"] == "no-cache"
    assert asset.text == "console.log(1)"
    assert "immutable" in asset.headers["cache-control"]
    assert route.status_code == 200 and "storefront" in route.text
    assert missing_asset.status_code == 404
    assert escape.status_code == 404 and "not for the web" not in escape.text


async def test_the_api_and_probes_are_unchanged_next_to_it(dist, db):
    async with await _client_for() as client:
        health = await client.get("/healthz")
        graphql = await client.post("/graphql", json={"query": "{ __typename }"})
        page = await client.get("/graphql", headers={"accept": "text/html"})

    assert health.json() == {"status": "ok"}
    assert graphql.json() == {"data": {"__typename": "Query"}}
    assert "GraphiQL" in page.text and "storefront" not in page.text


async def test_without_a_build_the_page_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.setattr(storefront, "DIST", tmp_path / "missing")
    async with await _client_for() as client:
        home = await client.get("/")
        route = await client.get("/cart")
        health = await client.get("/healthz")

    assert home.status_code == 503 and "make web" in home.text
    assert route.status_code == 503
    assert health.status_code == 200
