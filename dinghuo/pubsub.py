"""Publishing events to subscribers: in this process by default, through Redis when the
service runs as several processes (REDIS_URL)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from domain.ordering import feed

log = logging.getLogger("dinghuo.pubsub")


class LocalBroker:
    """Subscribers of this process only."""

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)

    async def publish(self, channel: str, message: dict) -> None:
        for queue in list(self._queues.get(channel, ())):
            if queue.full():
                log.warning("subscriber on %s is too slow: event dropped", channel)
                continue
            queue.put_nowait(message)

    async def subscribe(self, channel: str) -> AsyncIterator[dict]:
        queue: asyncio.Queue = asyncio.Queue(maxsize=1000)
        self._queues[channel].add(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._queues[channel].discard(queue)

    async def ping(self) -> None:
        return None

    async def close(self) -> None:
        self._queues.clear()


class RedisBroker:
    """Every process subscribed to a channel receives what any process publishes.

    Redis pub/sub ignores the database number: a channel is heard by every client of the
    server. Channels are named after the URL's database (`db3:orders:staff`), so deployments
    that share a Redis server on different databases never receive each other's events."""

    def __init__(self, url: str) -> None:
        import redis.asyncio as redis

        self.redis = redis.from_url(url)
        self.prefix = f"db{self.redis.connection_pool.connection_kwargs.get('db', 0)}:"

    async def publish(self, channel: str, message: dict) -> None:
        await self.redis.publish(self.prefix + channel, json.dumps(message, default=str))

    async def subscribe(self, channel: str) -> AsyncIterator[dict]:
        channel = self.prefix + channel
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(channel)
        try:
            async for item in pubsub.listen():
                if item.get("type") == "message":
                    yield json.loads(item["data"])
        finally:
            await pubsub.unsubscribe(channel)
            await pubsub.aclose()

    async def ping(self) -> None:
        """Raises when Redis does not answer within two seconds."""
        await asyncio.wait_for(self.redis.ping(), 2)

    async def close(self) -> None:
        await self.redis.aclose()


def make_broker(redis_url: str) -> LocalBroker | RedisBroker:
    return RedisBroker(redis_url) if redis_url else LocalBroker()


@asynccontextmanager
async def announcing_from_command(redis_url: str) -> AsyncIterator[None]:
    """For a command run outside the server (`dinghuo seed`): what its domain calls queue is
    published through Redis once they have returned, so the server's subscribers hear of it.
    Without REDIS_URL nothing is sent: no subscriber shares the command's process."""
    broker = RedisBroker(redis_url) if redis_url else None
    try:
        async with feed.announcing(broker):
            yield
    finally:
        if broker is not None:
            await broker.close()
