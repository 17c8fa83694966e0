"""Stock levels always equal the sums of the ledger, and reservations never oversell."""

import asyncio
import random

import pytest
from tortoise.functions import Sum

from db.inventory import StockLevel, StockMovement
from domain.accounts.permissions import Principal
from domain.inventory import stock as inventory
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f


@pytest.fixture
async def stock(db, policy):
    staff = await f.staff(policy, "warehouse")
    actor = Principal(staff.id, staff.email, "staff", staff_role="warehouse")
    variant = await f.variant(await f.product())
    warehouse = await f.warehouse()
    return actor, variant, warehouse


async def level(variant, warehouse) -> StockLevel:
    return await StockLevel.get(variant_id=variant.id, warehouse_id=warehouse.id)


async def test_reserve_release_and_ship_move_the_right_columns(stock):
    actor, variant, warehouse = stock
    await inventory.receive(actor, variant.id, warehouse.id, 50, "PO-1")
    await inventory.reserve(variant.id, warehouse.id, 20, "SO-1")
    await inventory.release(variant.id, warehouse.id, 5, "SO-1")
    await inventory.ship(variant.id, warehouse.id, 10, "SO-1")

    row = await level(variant, warehouse)
    assert (row.on_hand, row.reserved, row.available) == (40, 5, 35)


async def test_reserving_more_than_available_is_refused_with_what_is_left(stock):
    actor, variant, warehouse = stock
    await inventory.receive(actor, variant.id, warehouse.id, 10)
    await inventory.reserve(variant.id, warehouse.id, 8, "SO-1")

    with pytest.raises(DomainError) as err:
        await inventory.reserve(variant.id, warehouse.id, 3, "SO-2")

    assert err.value.code is ErrorCode.INSUFFICIENT_STOCK
    assert err.value.params == {"sku": variant.sku, "available": 2}
    assert (await level(variant, warehouse)).reserved == 8


async def test_adjustment_needs_a_reason_and_cannot_cut_into_reserved_stock(stock):
    actor, variant, warehouse = stock
    await inventory.receive(actor, variant.id, warehouse.id, 10)
    await inventory.reserve(variant.id, warehouse.id, 6, "SO-1")

    with pytest.raises(DomainError) as no_reason:
        await inventory.adjust(actor, variant.id, warehouse.id, -2, " ")
    with pytest.raises(DomainError) as too_much:
        await inventory.adjust(actor, variant.id, warehouse.id, -5, "盘点")
    after = await inventory.adjust(actor, variant.id, warehouse.id, -4, "盘点差异")

    assert no_reason.value.code is ErrorCode.REQUIRED
    assert too_much.value.code is ErrorCode.INSUFFICIENT_STOCK
    assert (after.on_hand, after.reserved, after.available) == (6, 6, 0)
    movement = await StockMovement.filter(kind="adjustment").first()
    assert (movement.on_hand_delta, movement.reason, movement.actor_id) == (
        -4,
        "盘点差异",
        actor.user_id,
    )


async def test_levels_equal_the_ledger_after_a_random_sequence(stock):
    actor, variant, warehouse = stock
    rng = random.Random(20261127)
    operations = [
        lambda q: inventory.receive(actor, variant.id, warehouse.id, q),
        lambda q: inventory.reserve(variant.id, warehouse.id, q, "R"),
        lambda q: inventory.release(variant.id, warehouse.id, q, "R"),
        lambda q: inventory.ship(variant.id, warehouse.id, q, "R"),
        lambda q: inventory.restock(variant.id, warehouse.id, q, "RMA"),
        lambda q: inventory.adjust(actor, variant.id, warehouse.id, rng.choice([-q, q]), "count"),
    ]
    refused = 0
    for _ in range(150):
        try:
            await rng.choice(operations)(rng.randint(1, 15))
        except DomainError:
            refused += 1

    row = await level(variant, warehouse)
    sums = (
        await StockMovement.filter(variant_id=variant.id, warehouse_id=warehouse.id)
        .annotate(on_hand=Sum("on_hand_delta"), reserved=Sum("reserved_delta"))
        .first()
        .values("on_hand", "reserved")
    )
    assert refused > 0  # the sequence did try to oversell
    assert (row.on_hand, row.reserved) == (sums["on_hand"], sums["reserved"])
    assert row.available == row.on_hand - row.reserved >= 0
    assert row.reserved >= 0


async def test_100_concurrent_reservations_against_20_in_stock_reserve_exactly_20(stock):
    actor, variant, warehouse = stock
    await inventory.receive(actor, variant.id, warehouse.id, 20)

    results = await asyncio.gather(
        *(inventory.reserve(variant.id, warehouse.id, 1, f"SO-{n}") for n in range(100)),
        return_exceptions=True,
    )

    assert sum(r is None for r in results) == 20
    assert all(isinstance(r, DomainError) for r in results if r is not None)
    row = await level(variant, warehouse)
    assert (row.on_hand, row.reserved, row.available) == (20, 20, 0)
    assert await StockMovement.filter(kind="reservation").count() == 20
