"""What placing an order costs, and placement racing modification on shared stock rows."""

import asyncio
import logging
from datetime import date
from decimal import Decimal

import pytest

from db.accounts import Company
from db.inventory import StockLevel, StockMovement
from db.orders import Order, OrderNumberCounter, OrderReservation
from dinghuo.observability import sql_counter_var
from domain.accounts.permissions import Principal
from domain.ordering import actions as order_actions
from domain.ordering import cart
from domain.ordering import modify as order_changes
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from tests import factories as f

DAY = date(2026, 11, 27)
POLICY = OrderingPolicy(review_steps=("order", "finance", "outbound"))
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市浦东新区",
           "line": "张江路 100 号"}  # fmt: skip
# Reads: company, cart (lines, variants and products in one), price lists. Then the
# transaction: claim the cart, stock (lock; update with its ledger), order, lines with their
# names and reservations, sales rollup (claim; lines and old rows deleted in one; new rows
# with the summary), and the number with timeline and outbox notice in one statement under
# the counter row. SQLite has no writable CTEs: names, ledger, line ids, reservations, rollup
# lines and old rows, rollup rows, the notice's recipient, number, timeline and notice are
# statements of their own there.
PLACE_STATEMENTS = {"postgres": 10, "sqlite": 20}


def principal(user, company) -> Principal:
    return Principal(user.id, user.email, "buyer", company_id=company.id,
                     company_role=user.company_role, company_status=company.status)  # fmt: skip


def placement(actor, company, method="bank_transfer") -> ordering.Placement:
    return ordering.Placement(actor=actor, company_id=company.id, payment_method=method,
                              shipping_address=ADDRESS, on=DAY)  # fmt: skip


class Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.sql.append(record.getMessage()[:160])


async def test_placing_three_lines_sends_a_fixed_number_of_statements(db, policy):
    company = await f.company(price_tier="wholesale")
    user = await f.buyer(policy, company, role="purchaser")
    warehouse = await f.warehouse("SH")
    buyer = cart.Buyer(user.id, company.id, company.price_tier)
    for n in range(3):
        variant = await f.variant(await f.product(), base_price=1000 + n, order_multiple=1)
        await f.stock(variant, warehouse, 50)
        await cart.set_quantity(buyer, variant.id, 2 + n, DAY)
    await OrderNumberCounter.create(day="20261127", last_number=0)  # not the day's first order
    log = Statements()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(log)
    level = logger.level
    logger.setLevel(logging.DEBUG)  # statements are counted at any level, recorded at DEBUG
    counter = [0]
    token = sql_counter_var.set(counter)
    try:
        order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)
    finally:
        sql_counter_var.reset(token)
        logger.removeHandler(log)
        logger.setLevel(level)

    assert order.number == "SO20261127-0001"
    assert counter[0] == len(log.sql)
    assert counter[0] == PLACE_STATEMENTS[db], "\n".join(log.sql)


@pytest.fixture
async def race(db, policy):
    if db != "postgres":
        pytest.skip("row locks and deadlocks are PostgreSQL's; SQLite runs one writer")
    warehouses = [await f.warehouse("SH"), await f.warehouse("BJ")]
    variants = []
    for n in range(4):
        variant = await f.variant(await f.product(), base_price=1000 + n, order_multiple=1)
        for warehouse in warehouses:
            await f.stock(variant, warehouse, 400)
        variants.append(variant)
    buyers = []
    for _ in range(6):
        company = await f.company(credit_limit=Decimal("100000"), credit_available=10_000_000,
                                  payment_terms_days=30)  # fmt: skip
        buyers.append((company, await f.buyer(policy, company, role="owner")))
    return variants, buyers


async def _fill(user, company, variants, quantity) -> None:
    buyer = cart.Buyer(user.id, company.id, company.price_tier)
    for variant in variants:
        await cart.set_quantity(buyer, variant.id, quantity, DAY)


async def test_placements_changes_and_cancellations_on_shared_stock_never_deadlock(race):
    variants, buyers = race
    # Each buyer has two orders already: one to change and one to cancel while the others
    # place theirs.
    placed, doomed = [], []
    for n, (company, user) in enumerate(buyers):
        actor = principal(user, company)
        for orders in (placed, doomed):
            await _fill(user, company, variants[::-1] if n % 2 else variants, 3)
            orders.append(
                await ordering.place(POLICY, placement(actor, company, "credit_terms"), user.id)
            )
    for n, (company, user) in enumerate(buyers):
        # Lines in opposite orders: without one lock order these wait on each other's rows.
        await _fill(user, company, variants if n % 2 else variants[::-1], 2)

    async def change(n: int) -> None:
        company, user = buyers[n]
        skus = [v.sku for v in (variants[::-1] if n % 2 else variants)]
        changes = [order_changes.LineChange(sku, 5 + n) for sku in skus]
        actor = principal(user, company)
        await order_changes.buyer_modify(POLICY, actor, placed[n].id, changes, DAY)

    async def place(n: int) -> None:
        company, user = buyers[n]
        await ordering.place(
            POLICY, placement(principal(user, company), company, "credit_terms"), user.id
        )

    async def cancel(n: int) -> None:
        company, user = buyers[n]
        await order_actions.cancel(principal(user, company), doomed[n].id, "")

    work = [job(n) for n in range(len(buyers)) for job in (change, place, cancel)]
    results = await asyncio.gather(*work, return_exceptions=True)

    assert [r for r in results if isinstance(r, BaseException)] == []
    numbers = sorted(await Order.all().values_list("number", flat=True))
    assert numbers == [f"SO20261127-{n:04d}" for n in range(1, 3 * len(buyers) + 1)]
    for level in await StockLevel.all():
        reservations = await OrderReservation.filter(
            line__variant_id=level.variant_id, warehouse_id=level.warehouse_id
        )
        held = sum(r.quantity for r in reservations)
        ledger = await StockMovement.filter(
            variant_id=level.variant_id, warehouse_id=level.warehouse_id
        ).values_list("on_hand_delta", "reserved_delta")
        assert level.reserved == held == sum(r for _, r in ledger)
        assert level.on_hand == sum(h for h, _ in ledger) == 400
        assert level.available == level.on_hand - level.reserved
    for company, _ in buyers:
        row = await Company.get(id=company.id)
        held = sum(o.credit_reserved for o in await Order.filter(company_id=company.id))
        assert row.credit_used == held > 0
        assert row.credit_available == 10_000_000 - held
