"""Closing the backorder of a partly shipped order: its stock goes back, the order moves on."""

import asyncio
from decimal import Decimal

import pytest
from tortoise.functions import Sum

from db.inventory import StockLevel, StockMovement
from db.orders import Order, OrderEvent, OrderReservation
from domain.billing import invoices
from domain.shared import clock
from tests import factories as f
from tests.api import test_fulfilment
from tests.api.test_fulfilment import ship, status

shop = test_fulfilment.shop  # the same shop fixture
pytestmark = pytest.mark.usefixtures("pinned_clock")

CLOSE = """mutation($id: ID!, $r: String!) { orderBackorderClose(input: {id: $id, reason: $r}) {
  order { status fulfilmentStatus lines { quantity shippedQuantity closedQuantity } }
  errors { code field } } }"""
RECEIVE = """mutation($s: ID!) { shipmentReceive(input: {shipmentId: $s}) { errors { code } } }"""
RECORD = """mutation($o: ID!) { paymentRecord(input: {orderId: $o, amount: "100.00",
  receivedOn: "2026-06-15", reference: "T"}) { errors { code } } }"""


async def close(shop, token: str | None = None, reason: str = "供应商停产") -> dict:
    result = await f.gql(
        shop["client"], CLOSE, {"id": shop["order"], "r": reason}, token=token or shop["keeper"]
    )
    return result["data"]["orderBackorderClose"]


async def stock_totals(variant) -> tuple[int, int, int]:
    levels = await StockLevel.filter(variant=variant)
    return (
        sum(x.on_hand for x in levels),
        sum(x.reserved for x in levels),
        sum(x.available for x in levels),
    )


async def ledger_agrees(variant) -> bool:
    for level in await StockLevel.filter(variant=variant):
        sums = (
            await StockMovement.filter(variant=variant, warehouse_id=level.warehouse_id)
            .annotate(h=Sum("on_hand_delta"), r=Sum("reserved_delta"))
            .first()
            .values("h", "r")
        )
        if (level.on_hand, level.reserved) != (sums["h"] or 0, sums["r"] or 0):
            return False
    return True


async def test_closing_the_backorder_releases_its_stock_and_ships_the_order(shop):
    await ship(shop, 4, shop["sh"], "SF700")

    closed = await close(shop)

    assert closed["errors"] == []
    assert closed["order"] == {
        "status": "SHIPPED",
        "fulfilmentStatus": "SHIPPED",
        "lines": [{"quantity": 10, "shippedQuantity": 4, "closedQuantity": 6}],
    }
    # 20 received, 4 shipped, nothing held for the closed 6.
    assert await stock_totals(shop["variant"]) == (16, 0, 16)
    assert await ledger_agrees(shop["variant"])
    assert not await OrderReservation.exists()
    event = await OrderEvent.get(kind="close_backorder")
    assert (event.from_status, event.to_status) == ("partially_shipped", "shipped")
    assert event.data["closed"] == {shop["variant"].sku: 6}


async def test_when_what_shipped_has_arrived_the_order_is_delivered_and_if_paid_completed(
    shop, policy
):
    first = await ship(shop, 4, shop["sh"], "SF710")
    await f.gql(shop["client"], RECEIVE, {"s": first["shipment"]["id"]}, token=shop["token"])
    finance = await f.login(shop["client"], await f.staff(policy, "finance"))
    await f.gql(shop["client"], RECORD, {"o": shop["order"]}, token=finance)

    closed = await close(shop)

    assert closed["errors"] == []
    assert (closed["order"]["status"], closed["order"]["fulfilmentStatus"]) == (
        "COMPLETED",
        "DELIVERED",
    )


async def test_after_closing_nothing_more_ships(shop):
    await ship(shop, 4, shop["sh"], "SF720")
    await close(shop)

    refused = await ship(shop, 1, shop["sh"], "SF721")

    assert refused["errors"][0]["code"] == "INVALID_STATE"
    assert (await status(shop))["lines"] == [{"quantity": 10, "shippedQuantity": 4}]


async def test_only_a_partly_shipped_order_can_be_closed_by_staff_with_a_reason(shop):
    not_shipped = await close(shop)
    await ship(shop, 4, shop["sh"], "SF730")
    no_reason = await close(shop, reason=" ")
    by_buyer = await f.gql(
        shop["client"], CLOSE, {"id": shop["order"], "r": "x"}, token=shop["token"]
    )

    assert not_shipped["errors"] == [{"code": "INVALID_STATE", "field": ["id"]}]
    assert no_reason["errors"] == [{"code": "REQUIRED", "field": ["reason"]}]
    assert by_buyer["data"] is None and by_buyer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await status(shop))["status"] == "PARTIALLY_SHIPPED"
    assert await stock_totals(shop["variant"]) == (16, 6, 10)


async def test_concurrent_closes_release_the_stock_once(shop):
    await ship(shop, 4, shop["sh"], "SF740")

    results = await asyncio.gather(*(close(shop) for _ in range(10)))

    assert sum(1 for r in results if r["errors"] == []) == 1
    assert all(
        r["errors"] == [{"code": "INVALID_STATE", "field": ["id"]}] for r in results if r["errors"]
    )
    assert await stock_totals(shop["variant"]) == (16, 0, 16)
    assert await ledger_agrees(shop["variant"])
    assert await OrderEvent.filter(kind="close_backorder").count() == 1


async def test_a_close_racing_shipments_leaves_every_unit_shipped_or_closed_once(shop):
    await ship(shop, 1, shop["sh"], "SF750")

    closing, *shipping = await asyncio.gather(
        close(shop), *(ship(shop, 1, shop["sh"], f"SF75{n}") for n in range(1, 9))
    )

    answers = [closing, *shipping]
    assert all(a is not None for a in answers)  # no unexpected errors
    assert {e["code"] for a in answers for e in a["errors"]} <= {"INVALID_STATE"}
    order = await status(shop)
    again = await close(shop)
    [line] = order["lines"]
    shipped = 1 + sum(1 for a in shipping if a["errors"] == [])
    assert order["status"] == "SHIPPED" and line["shippedQuantity"] == shipped
    assert again["errors"] == [{"code": "INVALID_STATE", "field": ["id"]}]
    on_hand, reserved, _ = await stock_totals(shop["variant"])
    assert reserved == 0 and on_hand == 20 - shipped
    assert await ledger_agrees(shop["variant"])


MONEY = """query($id: ID!) { node(id: $id) { ... on Order { total { amount }
  amountDue { amount } invoice { status amount { amount } } } } }"""


async def test_closing_the_backorder_charges_only_what_ships(shop):
    await ship(shop, 4, shop["sh"], "SF730")
    await invoices.issue(await Order.get(), clock.today())
    before = await f.gql(shop["client"], MONEY, {"id": shop["order"]}, token=shop["token"])

    await close(shop)

    after = await f.gql(shop["client"], MONEY, {"id": shop["order"]}, token=shop["token"])
    ordered = Decimal(before["data"]["node"]["total"]["amount"])
    kept = str(ordered * 4 / 10)
    assert after["data"]["node"] == {
        "total": {"amount": kept},
        "amountDue": {"amount": kept},
        "invoice": {"status": "OPEN", "amount": {"amount": kept}},
    }
