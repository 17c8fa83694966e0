"""The daily sales rollup stays equal to the order lines: under concurrent changes of one
company's day, over many days near midnight, and when rebuilt from scratch."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from db.insight import SalesRollup
from db.orders import Order
from domain.insight import rollup
from domain.ordering import actions as order_actions
from domain.ordering import place as ordering
from tests import factories as f
from tests import invariants
from tests.insight_history import random_history, supplier_in_shanghai
from tests.integration.test_ordering import POLICY, fill, placement, principal, staff_principal


@pytest.fixture(autouse=True)
def shanghai():
    with supplier_in_shanghai():
        yield


async def totals() -> tuple[int, int, int]:
    rows = await SalesRollup.filter(kind="order").values_list("revenue", "orders", "units")
    return sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows)


async def test_concurrent_cancellations_and_placements_of_one_day_all_count(db, policy):
    company = await f.company()
    variant = await f.variant(await f.product(), base_price=1000)
    await f.stock(variant, await f.warehouse("SH"), 100)
    buyers = [await f.buyer(policy, company, role="purchaser", password_hash="x")
              for _ in range(12)]  # fmt: skip
    placed = []
    for user in buyers[:6]:
        await fill(user, company, variant, 2)
        placed.append(
            await ordering.place(POLICY, placement(principal(user, company), company), user.id)
        )
    for user in buyers[6:]:
        await fill(user, company, variant, 3)
    admin = staff_principal(await f.staff(policy, "admin", password_hash="x"))

    results = await asyncio.gather(
        *(order_actions.cancel(admin, o.id, "客户取消") for o in placed[:4]),
        *(
            ordering.place(POLICY, placement(principal(u, company), company), u.id)
            for u in buyers[6:]
        ),
        return_exceptions=True,
    )

    assert all(isinstance(r, Order) for r in results), results
    await invariants.check_rollup()
    # 2 of the first 6 orders (2 units each) and the 6 new ones (3 units each) count.
    assert await totals() == ((2 * 2 + 6 * 3) * 1000, 8, 2 * 2 + 6 * 3)


async def test_history_over_many_days_near_midnight_is_rolled_up_by_business_day(db):
    await random_history(7, date(2026, 1, 20), 60, 80)

    await invariants.check_rollup()


async def test_a_rebuild_gives_the_rows_the_refreshes_kept(db):
    await random_history(8, date(2026, 1, 20), 40, 60)
    columns = ("day", "company_id", "kind", "key", "revenue", "orders", "units")
    kept = sorted(await SalesRollup.all().values_list(*columns))

    written = await rollup.rebuild()

    assert written == len(kept)
    assert sorted(await SalesRollup.all().values_list(*columns)) == kept


async def test_concurrent_placements_of_many_companies_keep_the_shared_sums(db, policy):
    # The companies' days are claimed separately; their all-companies sums are the same rows.
    variants = [await f.variant(await f.product(), base_price=500 + n) for n in range(3)]
    warehouse = await f.warehouse("SH")
    for variant in variants:
        await f.stock(variant, warehouse, 500)
    placements = []
    for n in range(8):
        company = await f.company()
        user = await f.buyer(policy, company, role="purchaser", password_hash="x")
        for variant in variants[n % 2 :]:  # not every company buys every SKU
            await fill(user, company, variant, 1 + n)
        placements.append((user, company))
    placed = [
        await ordering.place(POLICY, placement(principal(u, c), c), u.id) for u, c in placements[:3]
    ]
    admin = staff_principal(await f.staff(policy, "admin", password_hash="x"))

    results = await asyncio.gather(
        *(order_actions.cancel(admin, o.id, "客户取消") for o in placed[:2]),
        *(ordering.place(POLICY, placement(principal(u, c), c), u.id) for u, c in placements[3:]),
        return_exceptions=True,
    )

    assert all(isinstance(r, Order) for r in results), results
    await invariants.check_rollup()
