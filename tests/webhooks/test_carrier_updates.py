"""Changes made by a carrier webhook reach subscribers as API changes do, over a real websocket."""

import asyncio
import json

import httpx
import pytest

from dinghuo.app import create_app
from tests import factories as f
from tests.api.test_fulfilment import SECRET, SHIP, carrier_post
from tests.api.test_subscriptions import next_update, serving, subscribed
from tests.conftest import make_settings

pytestmark = pytest.mark.usefixtures("pinned_clock")

RECORD = """mutation($o: ID!) { paymentRecord(input: {orderId: $o, amount: "100.00",
  receivedOn: "2026-06-15", reference: "T"}) { errors { code } } }"""


def tracked(number: str, event_id: str, state: str) -> dict:
    return {
        "trackingNumber": number,
        "events": [{"id": event_id, "status": state, "time": "2026-06-15T15:00:00+08:00"}],
    }


@pytest.fixture
async def shipped(db, policy):
    """A paid order of 10 shipped in one parcel SF900, on a served app."""
    variant = await f.variant(await f.product(), base_price=1000)
    warehouse = await f.warehouse("SH")
    await f.stock(variant, warehouse, 10)
    company = await f.company(name="甲公司")
    app = create_app(
        make_settings(carrier_webhook_secret=SECRET, order_review_steps=""), manage_db=False
    )
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        buyer = await f.login(c, await f.buyer(policy, company, role="owner"))
        staff = await f.login(c, await f.staff(policy, "admin"))
        order = await f.order_via_api(c, buyer, variant, 10)
        lines = [{"sku": variant.sku, "quantity": 10}]
        variables = {
            "o": order["id"],
            "w": f.gid("Warehouse", warehouse.id),
            "l": lines,
            "t": "SF900",
        }
        await f.gql(c, SHIP, variables, token=staff)
        await f.gql(c, RECORD, {"o": order["id"]}, token=staff)
        yield {"address": address, "client": c, "buyer": buyer, "staff": staff, "order": order}


async def test_a_delivery_from_the_carrier_that_completes_the_order_is_published(shipped):
    async with (
        subscribed(shipped["address"], shipped["buyer"]) as buyer_ws,
        subscribed(shipped["address"], shipped["staff"]) as staff_ws,
    ):
        answer = await carrier_post(shipped["client"], tracked("SF900", "d1", "delivered"))
        seen_by_buyer = await next_update(buyer_ws)
        seen_by_staff = await next_update(staff_ws)

    assert answer.status_code == 200
    expected = {
        "kind": "DELIVERED",
        "order": {
            "number": shipped["order"]["number"],
            "status": "COMPLETED",
            "company": {"name": "甲公司"},
        },
    }
    assert seen_by_buyer == expected and seen_by_staff == expected


async def test_a_tracking_event_is_published_once_and_a_repeat_not_at_all(shipped):
    async with subscribed(shipped["address"], shipped["staff"]) as ws:
        await carrier_post(shipped["client"], tracked("SF900", "t1", "out_for_delivery"))
        first = await next_update(ws)
        await carrier_post(shipped["client"], tracked("SF900", "t1", "out_for_delivery"))
        with pytest.raises(TimeoutError):
            message = json.loads(await asyncio.wait_for(ws.recv(), 1))
            raise AssertionError(f"a repeated event was published: {message}")

    assert (first["kind"], first["order"]["status"]) == ("TRACKING", "SHIPPED")


async def test_a_delivery_entered_by_staff_is_published_as_the_carriers_would_be(shipped):
    shipments = await f.gql(
        shipped["client"],
        "query($id: ID!) { node(id: $id) { ... on Order { shipments { id } } } }",
        {"id": shipped["order"]["id"]},
        token=shipped["staff"],
    )
    [shipment] = shipments["data"]["node"]["shipments"]
    async with subscribed(shipped["address"], shipped["staff"]) as ws:
        await f.gql(
            shipped["client"],
            """mutation($s: ID!) { shipmentTrackingAdd(input: {shipmentId: $s, location: "上海",
            description: "已签收", status: DELIVERED}) { errors { code } } }""",
            {"s": shipment["id"]},
            token=shipped["staff"],
        )
        update = await next_update(ws)

    assert (update["kind"], update["order"]["status"]) == ("DELIVERED", "COMPLETED")


async def test_several_events_in_one_post_are_announced_in_order_once_each(shipped):
    body = tracked("SF900", "m1", "in_transit")
    body["events"] += [
        {"id": "m2", "status": "out_for_delivery", "time": "2026-06-15T16:00:00+08:00"},
        {"id": "m3", "status": "delivered", "time": "2026-06-15T17:00:00+08:00"},
    ]
    async with subscribed(shipped["address"], shipped["staff"]) as ws:
        answer = await carrier_post(shipped["client"], body)
        kinds = []
        with pytest.raises(TimeoutError):
            while True:
                kinds.append((await next_update(ws, 1))["kind"])

    assert answer.json() == {"stored": 3, "duplicates": 0}
    # The shipment's news, then the order's moves it caused (paid already, so completed).
    assert kinds == ["TRACKING", "DELIVERED", "DELIVER", "COMPLETE"]
