"""GraphiQL works without internet: the page and everything it loads come from this server."""

import re
from urllib.parse import urlsplit

from tests.api.test_protection import _client_for

CDN_HOSTS = ("unpkg.com", "jsdelivr.net", "cdnjs", "esm.sh", "googleapis.com", "gstatic.com")


async def test_the_page_and_its_assets_are_served_here_with_no_third_party_host():
    async with await _client_for() as client:
        page = await client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200
        html = page.text
        references = re.findall(r'(?:src|href)="([^"]+)"', html)
        assets = [r for r in references if not r.startswith("data:")]
        fetched = {a: await client.get(a) for a in assets}

    assert "GraphiQL" in html
    assert "://" not in html  # no absolute URL at all: nothing leaves this server
    assert len(assets) >= 4
    for ref, response in fetched.items():
        assert not urlsplit(ref).netloc, ref
        assert response.status_code == 200, ref
        assert not any(host in response.text for host in CDN_HOSTS), ref
        if ref.endswith(".css"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", response.text), ref
            assert "@import" not in response.text, ref


async def test_assets_go_gzipped_to_browsers_that_accept_it_and_plain_to_others():
    name = "/static/graphiql/react-18.2.0.min.js"
    async with await _client_for() as client:
        zipped = await client.get(name, headers={"accept-encoding": "gzip"})
        plain = await client.get(name, headers={"accept-encoding": "identity"})
        missing = await client.get("/static/graphiql/..%2Fgraphiql.py")

    assert zipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert zipped.text == plain.text and "React" in plain.text
    assert missing.status_code == 404


async def test_without_graphiql_neither_the_page_nor_its_assets_are_served():
    async with await _client_for(graphiql=False) as client:
        page = await client.get("/graphql", headers={"accept": "text/html"})
        asset = await client.get("/static/graphiql/react-18.2.0.min.js")
    assert "GraphiQL" not in page.text
    assert asset.status_code == 404
