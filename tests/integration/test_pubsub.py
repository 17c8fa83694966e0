"""Redis pub/sub channels are server-wide, whatever the database number in the URL: two
deployments on one Redis server (db 1 and db 2) must not hear each other's order events."""

import asyncio
import uuid

from dinghuo.pubsub import RedisBroker
from tests.services import REDIS_URL, require_redis


def on_db(offset: int) -> str:
    """The test's Redis database, or the one `offset` after it."""
    server, _, number = REDIS_URL.rpartition("/")
    return f"{server}/{(int(number or 0) + offset) % 16}"


async def first_message(broker: RedisBroker, channel: str, timeout: float) -> dict | None:
    async def receive() -> dict:
        async for message in broker.subscribe(channel):
            return message
        raise AssertionError("the subscription ended")

    try:
        return await asyncio.wait_for(receive(), timeout)
    except TimeoutError:
        return None


async def test_events_stay_within_the_redis_database_of_the_url():
    await require_redis()
    own, same, other = RedisBroker(on_db(0)), RedisBroker(on_db(0)), RedisBroker(on_db(1))
    channel = f"orders:test-{uuid.uuid4().hex}"  # no other test publishes on it
    try:
        heard = asyncio.gather(first_message(same, channel, 3), first_message(other, channel, 1))
        await asyncio.sleep(0.3)  # both subscribed before the event is published
        await own.publish(channel, {"orderId": 7})
        by_same, by_other = await heard
    finally:
        for broker in (own, same, other):
            await broker.close()
    assert by_same == {"orderId": 7}
    assert by_other is None
