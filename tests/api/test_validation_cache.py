"""A document the server has validated once is not validated again."""

import httpx
from strawberry.extensions.validation_cache import _get_validate_cache

from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings


async def test_the_second_request_with_the_same_document_skips_validation(db):
    # The limiters' rules are part of the cache key: built per request, nothing would hit.
    cache = _get_validate_cache(256)
    query = "{ products(first: 3) { edges { node { id } } } }"
    app = create_app(make_settings(), manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        await f.gql(client, query)
        before = cache.cache_info()
        await f.gql(client, query)
        await f.gql(client, query)
        after = cache.cache_info()

    assert (after.misses - before.misses, after.hits - before.hits) == (0, 2)
