"""Entry points publish what the domain queued only when its calls returned."""

import asyncio

import pytest

from dinghuo.pubsub import LocalBroker
from domain.ordering import feed
from domain.shared import after_commit


def update(order_id: int, kind: str) -> dict:
    return {"orderId": order_id, "companyId": 1, "kind": kind}


async def heard_on_staff_feed(work) -> list[tuple[int, str]]:
    broker = LocalBroker()
    heard: list[tuple[int, str]] = []

    async def listen():
        async for message in broker.subscribe(feed.STAFF_FEED):
            heard.append((message["orderId"], message["kind"]))

    listener = asyncio.create_task(listen())
    await asyncio.sleep(0)
    try:
        await work(broker)
    finally:
        await asyncio.sleep(0)
        listener.cancel()
    return heard


async def test_a_block_that_returned_publishes_its_updates_in_order_once_each():
    async def work(broker):
        async with feed.announcing(broker):
            for kind in ("shipped", "ship_all", "shipped"):
                after_commit.queue(update(1, kind))

    assert await heard_on_staff_feed(work) == [(1, "shipped"), (1, "ship_all")]


async def test_a_block_that_raised_publishes_nothing():
    async def work(broker):
        with pytest.raises(RuntimeError):
            async with feed.announcing(broker):
                after_commit.queue(update(1, "placed"))
                raise RuntimeError("rolled back")

    assert await heard_on_staff_feed(work) == []


async def test_a_nested_block_that_failed_is_taken_back_and_the_outermost_publishes():
    async def work(broker):
        async with feed.announcing(broker):
            after_commit.queue(update(1, "placed"))
            with pytest.raises(RuntimeError):
                async with feed.announcing(broker):
                    after_commit.queue(update(2, "placed"))
                    raise RuntimeError("refused")
            async with feed.announcing(broker):
                after_commit.queue(update(3, "placed"))

    assert await heard_on_staff_feed(work) == [(1, "placed"), (3, "placed")]


async def test_what_is_queued_outside_an_entry_point_is_never_sent():
    async def work(broker):
        after_commit.queue(update(1, "placed"))  # no one collects it: dropped
        async with feed.announcing(broker):
            after_commit.queue(update(2, "placed"))

    assert await heard_on_staff_feed(work) == [(2, "placed")]
