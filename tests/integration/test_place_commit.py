"""How placement ends its transaction: on PostgreSQL the numbering statement and the COMMIT go
in one round trip (domain/shared/commit_with.py). A failure there leaves nothing behind, a
placement inside someone else's transaction does not commit it, and values that a literal
must quote arrive as they were."""

from datetime import date

import asyncpg
import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.inventory import StockLevel
from db.orders import CartLine, Order, OrderEvent, OrderNumberCounter
from domain.accounts.permissions import Principal
from domain.ordering import cart
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from domain.shared import after_commit
from tests import factories as f
from tests.services import postgres_dsn

DAY = date(2026, 11, 27)
POLICY = OrderingPolicy(review_steps=("order",))
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市浦东新区",
           "line": "张江路 100 号"}  # fmt: skip


async def _shop(policy):
    company = await f.company()
    user = await f.buyer(policy, company, role="purchaser")
    warehouse = await f.warehouse("SH")
    variant = await f.variant(await f.product(), base_price=1200, order_multiple=1)
    await f.stock(variant, warehouse, 50)
    await cart.set_quantity(cart.Buyer(user.id, company.id, None), variant.id, 3, DAY)
    return company, user


def _placement(company, user, email: str | None = None) -> ordering.Placement:
    actor = Principal(user.id, email or user.email, "buyer", company_id=company.id,
                      company_role=user.company_role, company_status=company.status)  # fmt: skip
    return ordering.Placement(actor=actor, company_id=company.id, payment_method="bank_transfer",
                              shipping_address=ADDRESS, on=DAY)  # fmt: skip


async def _earlier_order(company, user, number: str) -> None:
    await Order.create(number=number, company_id=company.id, placed_by_id=user.id,
                       status="confirmed", payment_method="bank_transfer", currency="CNY",
                       shipping_address={}, subtotal=0, total=0)  # fmt: skip


async def _nothing_left(user) -> None:
    assert await Order.all().count() == 1  # the one that took the number before
    assert (await OrderNumberCounter.get(day="20261127")).last_number == 0
    assert await CartLine.filter(user_id=user.id).count() == 1
    assert [s.reserved for s in await StockLevel.all()] == [0]


async def test_a_failing_numbering_statement_rolls_everything_back(db, policy):
    company, user = await _shop(policy)
    # The counter says none yet, but the number it gives is taken: the last statement fails.
    await OrderNumberCounter.create(day="20261127", last_number=0)
    await _earlier_order(company, user, "SO20261127-0001")

    async with after_commit.collect() as queued:
        with pytest.raises(IntegrityError):
            await ordering.place(POLICY, _placement(company, user), user.id)

    assert queued == []
    await _nothing_left(user)
    # The connection is fine afterwards, and the next number is the one that was free.
    await OrderNumberCounter.filter(day="20261127").update(last_number=1)
    order = await ordering.place(POLICY, _placement(company, user), user.id)
    assert order.number == "SO20261127-0002"


async def test_a_placement_inside_another_transaction_commits_only_with_it(db, policy):
    company, user = await _shop(policy)
    await OrderNumberCounter.create(day="20261127", last_number=0)
    await _earlier_order(company, user, "SO20261126-0001")

    with pytest.raises(RuntimeError):
        async with in_transaction():
            order = await ordering.place(POLICY, _placement(company, user), user.id)
            assert order.number == "SO20261127-0001"
            raise RuntimeError("the outer work fails after the placement")

    await _nothing_left(user)


@pytest.mark.parametrize("email", ["o'brien@example.com", "x$commit_with$'@example.com"])
async def test_values_the_statement_quotes_arrive_as_they_were(db, policy, email):
    company, user = await _shop(policy)

    order = await ordering.place(POLICY, _placement(company, user, email), user.id)

    assert order.number == "SO20261127-0001"
    assert (await Order.get(id=order.id)).number == order.number
    [event] = await OrderEvent.filter(order_id=order.id)
    assert event.actor_email == email
    assert event.data == {"number": order.number, "total": 3600}


@pytest.mark.parametrize("sqlstate", ["23514", "40001"])
async def test_a_failing_commit_leaves_nothing_and_the_connection_usable(db, policy, sqlstate):
    if db != "postgres":
        pytest.skip("the numbering statement and the COMMIT go together on PostgreSQL only")
    company, user = await _shop(policy)
    await OrderNumberCounter.create(day="20261127", last_number=0)
    await _earlier_order(company, user, "SO20261126-0001")
    # A deferred check fails at COMMIT, after the numbering statement went through.
    connection = Tortoise.get_connection("default")
    await connection.execute_script(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" RAISE EXCEPTION 'refused at commit' USING ERRCODE = '{sqlstate}'; END $$;"
        " CREATE CONSTRAINT TRIGGER refuse AFTER INSERT ON order_event"
        " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse();"
    )
    try:
        async with after_commit.collect() as queued:
            with pytest.raises(Exception, match="refused at commit"):
                await ordering.place(POLICY, _placement(company, user), user.id)
    finally:
        await connection.execute_script("DROP TRIGGER refuse ON order_event; DROP FUNCTION refuse")

    assert queued == []
    await _nothing_left(user)
    # No transaction was left open on the pooled connection: a write outside one is seen
    # by another connection at once, and the next placement takes the free number.
    other = await asyncpg.connect(postgres_dsn())
    try:
        await OrderNumberCounter.create(day="20261128", last_number=7)
        seen = await other.fetchval("SELECT last_number FROM order_number_counter"
                                    " WHERE day = '20261128'")  # fmt: skip
    finally:
        await other.close()
    assert seen == 7
    order = await ordering.place(POLICY, _placement(company, user), user.id)
    assert order.number == "SO20261127-0001"
