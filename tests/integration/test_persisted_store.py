"""The stores that keep documents registered by hash: bounded, and shared through Redis."""

import httpx

from dinghuo.app import create_app
from dinghuo.persisted import MemoryStore, RedisStore, sha256
from tests.conftest import make_settings
from tests.services import REDIS_URL, require_redis


async def test_the_memory_store_forgets_the_least_recently_used():
    store = MemoryStore(size=2)
    await store.put("a", "{ a }")
    await store.put("b", "{ b }")
    await store.get("a")  # used again: b is now the oldest
    await store.put("c", "{ c }")

    assert [await store.get(k) for k in "abc"] == ["{ a }", None, "{ c }"]


async def _redis_store(size: int) -> RedisStore:
    await require_redis()
    store = RedisStore(REDIS_URL, size)
    await store.redis.delete(RedisStore.DOCUMENTS, RedisStore.USED)
    return store


async def test_the_redis_store_forgets_the_least_recently_used(pinned_clock):
    from datetime import timedelta

    from domain.shared import clock

    store = await _redis_store(size=2)
    try:
        for i, key in enumerate("ab"):
            with clock.frozen(pinned_clock + timedelta(seconds=i)):
                await store.put(key, f"{{ {key} }}")
        with clock.frozen(pinned_clock + timedelta(seconds=2)):
            await store.get("a")
        with clock.frozen(pinned_clock + timedelta(seconds=3)):
            await store.put("c", "{ c }")

        assert [await store.get(k) for k in "abc"] == ["{ a }", None, "{ c }"]
        assert await store.redis.hlen(RedisStore.DOCUMENTS) == 2
    finally:
        await store.close()


async def test_workers_share_documents_through_redis():
    store = await _redis_store(size=10)
    await store.close()
    settings = make_settings(redis_url=REDIS_URL)
    query = "{ __typename }"
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha256(query)}}
    answers = []
    for body in ({"query": query, "extensions": extensions}, {"extensions": extensions}):
        app = create_app(settings, manage_db=False)  # a worker of its own
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            answers.append((await client.post("/graphql", json=body)).json())
        await app.state.persisted.close()
        await app.state.broker.close()

    assert answers == [{"data": {"__typename": "Query"}}] * 2
