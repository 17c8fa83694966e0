"""A cart becomes one order, and a retried placement announces nothing new."""

import asyncio
import contextlib

import httpx
import pytest

from db.inventory import StockLevel
from db.orders import CartLine, Order, OrderEvent
from db.outbox import OutboxMessage
from dinghuo.app import create_app
from domain.ordering.feed import STAFF_FEED
from tests import factories as f
from tests.conftest import make_settings

PLACE = """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) {
  order { id number } errors { code } } }"""


@pytest.fixture
async def shop(db, policy):
    """A buyer with 3 units in the cart, and an app whose published updates are collected."""
    app = create_app(make_settings(), manage_db=False)
    published: list[dict] = []

    async def listen():
        async for message in app.state.broker.subscribe(STAFF_FEED):
            published.append(message)

    listener = asyncio.create_task(listen())
    await asyncio.sleep(0)  # let the subscription register before anything is published
    variant = await f.variant(await f.product(), base_price=1000)
    await f.stock(variant, await f.warehouse("SH"), 100)
    buyer = await f.buyer(policy, await f.company(), role="owner")
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        token = await f.login(client, buyer)
        await f.gql(client, f.SET_LINE, {"v": f.gid("Variant", variant.id), "q": 3}, token=token)
        yield {"client": client, "token": token, "variant": variant, "published": published}
    listener.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listener


def place(shop, key: str | None = None):
    order = {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": f.ADDRESS}}
    if key:
        order["idempotencyKey"] = key
    return f.gql(shop["client"], PLACE, {"i": order}, token=shop["token"])


async def test_concurrent_placements_of_one_cart_make_one_order(shop):
    results = await asyncio.gather(*(place(shop) for _ in range(12)))

    payloads = [r["data"]["orderPlace"] for r in results]
    placed = [p["order"] for p in payloads if p["order"]]
    assert len(placed) == 1
    assert sorted({e["code"] for p in payloads for e in p["errors"]}) == ["CART_EMPTY"]
    assert await Order.all().count() == 1
    assert (await StockLevel.get(variant=shop["variant"])).reserved == 3
    assert await CartLine.all().count() == 0


async def test_concurrent_retries_with_one_key_answer_with_one_order(shop):
    results = await asyncio.gather(*(place(shop, "k-race") for _ in range(8)))

    payloads = [r["data"]["orderPlace"] for r in results]
    assert all(p["errors"] == [] for p in payloads), payloads
    assert len({p["order"]["id"] for p in payloads}) == 1
    assert await Order.all().count() == 1
    assert (await StockLevel.get(variant=shop["variant"])).reserved == 3


async def test_a_retry_with_the_same_key_publishes_mails_and_records_nothing_new(shop):
    first = (await place(shop, "k-1"))["data"]["orderPlace"]
    await asyncio.sleep(0.05)
    mails, events = await OutboxMessage.all().count(), await OrderEvent.all().count()

    again = (await place(shop, "k-1"))["data"]["orderPlace"]
    await asyncio.sleep(0.05)

    assert again == first
    assert [m["kind"] for m in shop["published"]] == ["placed"]
    assert await OutboxMessage.all().count() == mails
    assert await OrderEvent.all().count() == events == 1
