"""Each change made through the API reaches a subscriber once, in the order it happened, and a
refused change reaches nobody: the domain queues the updates, one function publishes them."""

import asyncio
import contextlib
import json

import httpx
import pytest

from dinghuo.app import create_app
from domain.ordering.feed import STAFF_FEED
from tests import factories as f
from tests.api.test_backorders import CLOSE
from tests.api.test_fulfilment import SHIP
from tests.api.test_subscriptions import serving, subscribed
from tests.conftest import make_settings

pytestmark = pytest.mark.usefixtures("pinned_clock")

RECORD = """mutation($o: ID!, $a: Decimal!) { paymentRecord(input: {orderId: $o, amount: $a,
  receivedOn: "2026-06-15", reference: "T"}) { payment { id } errors { code } } }"""
REFUND = """mutation($p: ID!, $a: Decimal!) {
  paymentRefund(input: {paymentId: $p, amount: $a, reason: "破损"}) { errors { code } } }"""


async def updates_until_quiet(ws, quiet: float = 1.0) -> list[str]:
    """Every update the subscriber receives until none came for `quiet` seconds."""
    kinds = []
    while True:
        try:
            message = json.loads(await asyncio.wait_for(ws.recv(), quiet))
        except TimeoutError:
            return kinds
        assert message["type"] == "next", message
        kinds.append(message["payload"]["data"]["orderUpdates"]["kind"])


async def test_placing_shipping_and_refunding_reach_a_subscriber_once_each(db, policy):
    variant = await f.variant(await f.product(), base_price=1000)
    warehouse = await f.warehouse("SH")
    await f.stock(variant, warehouse, 10)
    company = await f.company(name="甲公司")
    app = create_app(make_settings(order_review_steps=""), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        buyer = await f.login(c, await f.buyer(policy, company, role="owner"))
        staff = await f.login(c, await f.staff(policy, "admin"))
        async with subscribed(address, staff) as staff_ws, subscribed(address, buyer) as own_ws:
            order = await f.order_via_api(c, buyer, variant, 10)  # confirmed at once
            ship = {"o": order["id"], "w": f.gid("Warehouse", warehouse.id), "t": "SF1"}
            too_many = await f.gql(
                c, SHIP, {**ship, "l": [{"sku": variant.sku, "quantity": 11}]}, token=staff
            )
            shipped = await f.gql(
                c, SHIP, {**ship, "l": [{"sku": variant.sku, "quantity": 10}]}, token=staff
            )
            paid = await f.gql(c, RECORD, {"o": order["id"], "a": "100.00"}, token=staff)
            payment = paid["data"]["paymentRecord"]["payment"]["id"]
            refused = await f.gql(c, REFUND, {"p": payment, "a": "100.01"}, token=staff)
            refunded = await f.gql(c, REFUND, {"p": payment, "a": "30.00"}, token=staff)
            seen_by_staff = await updates_until_quiet(staff_ws)
            seen_by_buyer = await updates_until_quiet(own_ws, 0.2)

    assert too_many["data"]["shipmentCreate"]["errors"][0]["code"] == "OVER_SHIPMENT"
    assert shipped["data"]["shipmentCreate"]["errors"] == []
    assert refused["data"]["paymentRefund"]["errors"] == [{"code": "REFUND_TOO_LARGE"}]
    assert refunded["data"]["paymentRefund"]["errors"] == []
    # The order's own moves follow the news that caused them; the refused calls are absent.
    assert seen_by_staff == [
        "PLACED",
        "SHIPPED",
        "SHIP_ALL",
        "PAYMENT_SUCCEEDED",
        "PAY_ALL",
        "REFUND",
        "REFUND_PART",
    ]
    assert seen_by_buyer == seen_by_staff


async def test_closing_a_backorder_announces_the_close_before_the_payment_status_it_moves(
    db, policy
):
    variant = await f.variant(await f.product(), base_price=1000)
    warehouse = await f.warehouse("SH")
    await f.stock(variant, warehouse, 10)
    app = create_app(make_settings(order_review_steps=""), manage_db=False)
    heard: list[str] = []

    async def listen():
        async for message in app.state.broker.subscribe(STAFF_FEED):
            heard.append(message["kind"])

    listener = asyncio.create_task(listen())
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        buyer = await f.login(c, await f.buyer(policy, await f.company(), role="owner"))
        staff = await f.login(c, await f.staff(policy, "admin"))
        order = await f.order_via_api(c, buyer, variant, 10)
        lines = [{"sku": variant.sku, "quantity": 4}]
        ship = {"o": order["id"], "w": f.gid("Warehouse", warehouse.id), "t": "SF2", "l": lines}
        await f.gql(c, SHIP, ship, token=staff)
        await f.gql(c, RECORD, {"o": order["id"], "a": "40.00"}, token=staff)
        await asyncio.sleep(0.05)
        heard.clear()
        closed = await f.gql(c, CLOSE, {"id": order["id"], "r": "停产"}, token=staff)
        await asyncio.sleep(0.05)
    listener.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listener

    assert closed["data"]["orderBackorderClose"]["errors"] == []
    assert heard == ["close_backorder", "pay_all"]  # 40.00 received is all the 4 shipped cost
