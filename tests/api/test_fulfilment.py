"""Shipping in parts, refusing over-shipment, the stock ledger, carrier tracking webhooks."""

import hashlib
import hmac
import json

import httpx
import pytest
from tortoise.functions import Sum

from db.fulfilment import TrackingEvent
from db.inventory import StockLevel, StockMovement
from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings

# Transfers are received on the pinned business day.
pytestmark = pytest.mark.usefixtures("pinned_clock")

SHIP = """mutation($o: ID!, $w: ID!, $l: [ShipmentLineInput!]!, $t: String!) {
  shipmentCreate(input: {orderId: $o, warehouseId: $w, lines: $l, carrier: "sf",
    trackingNumber: $t}) {
    shipment { id number status trackingUrl carrierName lines { sku quantity } }
    errors { __typename code field message } } }"""
STATUS = """query($id: ID!) { node(id: $id) { ... on Order { status fulfilmentStatus
  lines { quantity shippedQuantity } shipments { status tracking { description } } } } }"""
SECRET = "carrier-secret"


@pytest.fixture
async def shop(db, policy):
    settings = make_settings(carrier_webhook_secret=SECRET, order_review_steps="")
    app = create_app(settings, manage_db=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        company = await f.company()
        buyer = await f.buyer(policy, company, role="owner")
        variant = await f.variant(await f.product(), base_price=1000)
        shanghai, hangzhou = await f.warehouse("SH"), await f.warehouse("HZ")
        await f.stock(variant, shanghai, 10)
        await f.stock(variant, hangzhou, 10)
        token = await f.login(client, buyer)
        placed_order = await f.order_via_api(client, token, variant, 10, "BANK_TRANSFER")
        keeper = await f.login(client, await f.staff(policy, "warehouse"))
        yield {
            "client": client,
            "token": token,
            "keeper": keeper,
            "variant": variant,
            "order": placed_order["id"],
            "confirmed": placed_order["status"],
            "sh": shanghai,
            "hz": hangzhou,
        }


async def ship(shop, quantity: int, warehouse, tracking: str) -> dict:
    result = await f.gql(
        shop["client"],
        SHIP,
        {
            "o": shop["order"],
            "w": f.gid("Warehouse", warehouse.id),
            "t": tracking,
            "l": [{"sku": shop["variant"].sku, "quantity": quantity}],
        },
        token=shop["keeper"],
    )
    return result["data"]["shipmentCreate"]


async def status(shop) -> dict:
    return (await f.gql(shop["client"], STATUS, {"id": shop["order"]}, token=shop["token"]))[
        "data"
    ]["node"]


async def test_partial_shipment_then_the_backorder(shop):
    first = await ship(shop, 4, shop["sh"], "SF100")
    middle = await status(shop)
    second = await ship(shop, 6, shop["sh"], "SF101")
    done = await status(shop)

    assert shop["confirmed"] == "CONFIRMED"
    assert first["errors"] == [] and first["shipment"]["status"] == "SHIPPED"
    assert first["shipment"]["trackingUrl"].endswith("SF100")
    assert first["shipment"]["carrierName"] == "顺丰速运"
    assert (middle["status"], middle["fulfilmentStatus"]) == (
        "PARTIALLY_SHIPPED",
        "PARTIALLY_SHIPPED",
    )
    assert middle["lines"] == [{"quantity": 10, "shippedQuantity": 4}]
    assert second["errors"] == []
    assert (done["status"], done["fulfilmentStatus"]) == ("SHIPPED", "SHIPPED")


async def test_a_line_never_ships_more_than_ordered(shop):
    await ship(shop, 8, shop["sh"], "SF200")
    refused = await ship(shop, 3, shop["sh"], "SF201")

    assert refused["errors"][0]["code"] == "OVER_SHIPMENT"
    assert "2" in refused["errors"][0]["message"]
    assert (await status(shop))["lines"] == [{"quantity": 10, "shippedQuantity": 8}]


async def test_a_warehouse_short_of_stock_names_the_line_and_what_it_holds(shop, caplog):
    guangzhou = await f.warehouse("GZ")
    await f.stock(shop["variant"], guangzhou, 2)

    with caplog.at_level("WARNING", "dinghuo.errors"):
        refused = await ship(shop, 5, guangzhou, "SF250")

    assert refused["shipment"] is None
    [error] = refused["errors"]
    assert error["__typename"] == "InsufficientStockError"
    assert (error["code"], error["field"]) == ("INSUFFICIENT_STOCK", ["lines", "0", "quantity"])
    assert "does not declare" not in caplog.text
    assert (await status(shop))["lines"] == [{"quantity": 10, "shippedQuantity": 0}]


async def test_shipping_moves_reserved_stock_out_and_the_ledger_agrees(shop):
    await ship(shop, 10, shop["hz"], "SF300")  # reserved mostly in SH: moved to HZ to ship

    levels = {lv.warehouse_id: lv for lv in await StockLevel.filter(variant=shop["variant"])}
    total_on_hand = sum(lv.on_hand for lv in levels.values())
    assert total_on_hand == 10 and sum(lv.reserved for lv in levels.values()) == 0
    for warehouse_id, level in levels.items():
        sums = (
            await StockMovement.filter(variant=shop["variant"], warehouse_id=warehouse_id)
            .annotate(h=Sum("on_hand_delta"), r=Sum("reserved_delta"))
            .first()
            .values("h", "r")
        )
        assert (level.on_hand, level.reserved) == (sums["h"], sums["r"])


def carrier_post(client, body: dict, secret: str | None = SECRET, carrier: str = "sf"):
    raw = json.dumps(body).encode()
    headers = {}
    if secret is not None:
        digest = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
        headers["x-dinghuo-signature"] = f"sha256={digest}"
    return client.post(f"/webhooks/carriers/{carrier}", content=raw, headers=headers)


async def test_carrier_webhook_checks_the_signature_and_stores_events_once(shop):
    await ship(shop, 10, shop["sh"], "SF400")
    transit = {
        "trackingNumber": "SF400",
        "events": [
            {
                "id": "e1",
                "time": "2026-11-27T10:00:00+08:00",
                "location": "上海转运中心",
                "description": "已揽收",
            }
        ],
    }

    unsigned = await carrier_post(shop["client"], transit, secret=None)
    forged = await carrier_post(shop["client"], transit, secret="wrong")
    first = await carrier_post(shop["client"], transit)
    again = await carrier_post(shop["client"], transit)

    assert (unsigned.status_code, forged.status_code) == (401, 401)
    assert first.json() == {"stored": 1, "duplicates": 0}
    assert again.json() == {"stored": 0, "duplicates": 1}
    assert await TrackingEvent.all().count() == 1


async def test_delivery_by_tracking_event_then_payment_completes_the_order(shop, policy):
    await ship(shop, 10, shop["sh"], "SF500")
    delivered = {
        "trackingNumber": "SF500",
        "events": [
            {
                "id": "d1",
                "status": "delivered",
                "time": "2026-11-28T15:00:00+08:00",
                "description": "已签收",
            }
        ],
    }
    await carrier_post(shop["client"], delivered)
    arrived = await status(shop)
    finance = await f.login(shop["client"], await f.staff(policy, "finance"))
    await f.gql(
        shop["client"],
        """mutation($o: ID!) { paymentRecord(input: {orderId: $o,
        amount: "100.00", receivedOn: "2026-06-15", reference: "T"}) { errors { code } } }""",
        {"o": shop["order"]},
        token=finance,
    )

    assert (arrived["status"], arrived["fulfilmentStatus"]) == ("DELIVERED", "DELIVERED")
    assert arrived["shipments"][0]["tracking"] == [{"description": "已签收"}]
    assert (await status(shop))["status"] == "COMPLETED"


async def test_the_buyer_confirms_receipt(shop):
    created = await ship(shop, 10, shop["sh"], "SF600")
    result = await f.gql(
        shop["client"],
        """mutation($s: ID!) { shipmentReceive(input: {shipmentId: $s}) {
        shipment { status } errors { code } } }""",
        {"s": created["shipment"]["id"]},
        token=shop["token"],
    )
    assert result["data"]["shipmentReceive"]["shipment"] == {"status": "DELIVERED"}
    assert (await status(shop))["status"] == "DELIVERED"
