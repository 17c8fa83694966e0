"""Every path that takes several stock rows, racing on the same rows with lines in opposite
orders: placement, shipment, closing a backorder, restocking a return, a replacement order,
cancellation and a counted adjustment. With one lock order (domain.inventory.holds) none of
them deadlocks, and the stock rows still equal their ledger and the open reservations."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest

from db.inventory import StockLevel, StockMovement
from db.orders import Order, OrderReservation
from domain.after_sales import returns
from domain.fulfilment import ship
from domain.fulfilment.close_backorder import close_backorder
from domain.fulfilment.policy import FulfilmentPolicy
from domain.inventory import stock as inventory
from domain.ordering import actions, cart
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from domain.payments.policy import PaymentsPolicy
from tests import factories as f
from tests.integration.test_credit import ADDRESS, DAY, actor, staff

POLICY = OrderingPolicy(review_steps=("order",))
SHIPPING = FulfilmentPolicy()
NO_CARDS = PaymentsPolicy()
BUYERS = 4
ON_HAND = 400


@pytest.fixture
async def shop(db, policy):
    if db != "postgres":
        pytest.skip("row locks and deadlocks are PostgreSQL's; SQLite runs one writer")
    warehouse = await f.warehouse("SH")
    variants = []
    for n in range(4):
        variant = await f.variant(await f.product(), base_price=1000 + n, order_multiple=1)
        await f.stock(variant, warehouse, ON_HAND)
        variants.append(variant)
    admin = staff(await f.staff(policy, "admin", password_hash="x"))
    buyers = []
    for _ in range(BUYERS):
        company = await f.company(credit_limit=Decimal("100000"), credit_available=10_000_000,
                                  payment_terms_days=30)  # fmt: skip
        user = await f.buyer(policy, company, role="owner", password_hash="x")
        buyers.append((company, actor(user, company)))
    return warehouse, variants, admin, buyers


def _order(variants, n: int) -> list:
    return variants[::-1] if n % 2 else variants


async def _fill(owner, company, variants, quantity: int) -> None:
    buyer = cart.Buyer(owner.user_id, company.id, company.price_tier)
    for variant in variants:
        await cart.set_quantity(buyer, variant.id, quantity, DAY)


async def _confirmed(owner, company, admin, variants, quantity: int) -> Order:
    await _fill(owner, company, variants, quantity)
    placement = ordering.Placement(actor=owner, company_id=company.id,
                                   payment_method="credit_terms", shipping_address=ADDRESS,
                                   on=DAY)  # fmt: skip
    order = await ordering.place(POLICY, placement, owner.user_id)
    return await actions.review_pass(POLICY, admin, order.id)


async def _ship(admin, order: Order, warehouse, variants, quantity: int):
    lines = [ship.ShipLine(v.sku, quantity) for v in variants]
    return await ship.create(SHIPPING, admin, order.id, warehouse.id, lines, "sf", "SF1")


async def _returned(owner, admin, order, warehouse, variants) -> returns.ReturnRequest:
    """A delivered order with a return of every line, approved and waiting for the goods."""
    shipment = await _ship(admin, order, warehouse, variants, 2)
    await ship.receive(owner, shipment.id)
    items = [returns.Item(v.sku, 2) for v in variants]
    ret = await returns.request(owner, order.id, items, "damaged", "", [])
    return await returns.approve(admin, ret.id, "")


async def test_every_stock_path_races_without_deadlock_or_drift(shop):
    warehouse, variants, admin, buyers = shop
    work = []
    for n, (company, owner) in enumerate(buyers):
        mine = _order(variants, n)
        theirs = _order(variants, n + 1)
        to_ship = await _confirmed(owner, company, admin, mine, 3)
        to_close = await _confirmed(owner, company, admin, mine, 3)
        await _ship(admin, to_close, warehouse, mine[:1], 3)  # partially shipped
        to_cancel = await _confirmed(owner, company, admin, mine, 2)
        restock = await _returned(
            owner, admin, await _confirmed(owner, company, admin, mine, 2), warehouse, mine
        )
        replace = await _returned(
            owner, admin, await _confirmed(owner, company, admin, mine, 2), warehouse, mine
        )
        scrapped = [returns.Item(v.sku, 2, "scrap") for v in mine]
        await returns.receive(admin, replace.id, scrapped)
        await _fill(owner, company, theirs, 2)
        placement = ordering.Placement(actor=owner, company_id=company.id,
                                       payment_method="credit_terms", shipping_address=ADDRESS,
                                       on=DAY)  # fmt: skip
        restocked = [returns.Item(v.sku, 2, "restock", warehouse.id) for v in theirs]
        work += [
            ordering.place(POLICY, placement, owner.user_id),
            _ship(admin, to_ship, warehouse, theirs, 3),
            close_backorder(admin, to_close.id, "不再补货"),
            actions.cancel(admin, to_cancel.id, "客户取消"),
            returns.receive(admin, restock.id, restocked),
            returns.resolve(NO_CARDS, admin, replace.id, "replacement"),
            inventory.adjust(admin, mine[0].id, warehouse.id, 5, "盘点"),
        ]

    results = await asyncio.gather(*work, return_exceptions=True)

    assert [r for r in results if isinstance(r, BaseException)] == []
    for level in await StockLevel.filter(warehouse_id=warehouse.id):
        ledger = await StockMovement.filter(
            variant_id=level.variant_id, warehouse_id=warehouse.id
        ).values_list("on_hand_delta", "reserved_delta")
        held = await OrderReservation.filter(
            line__variant_id=level.variant_id, warehouse_id=warehouse.id
        ).values_list("quantity", flat=True)
        assert level.on_hand == sum(h for h, _ in ledger)
        assert level.reserved == sum(r for _, r in ledger) == sum(held)
        assert level.available == level.on_hand - level.reserved >= 0
