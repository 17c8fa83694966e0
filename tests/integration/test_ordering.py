"""Placing orders: all or nothing, numbered per day, safe to retry, never overselling."""

import asyncio
import re
from datetime import date

import pytest

from db.inventory import StockLevel
from db.orders import CartLine, Order, OrderEvent, OrderNumberCounter
from domain.accounts.permissions import Principal
from domain.ordering import actions as order_actions
from domain.ordering import cart
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f

DAY = date(2026, 11, 27)
POLICY = OrderingPolicy(review_steps=("order", "finance", "outbound"))
STEPS = POLICY.review_steps
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市浦东新区",
           "line": "张江路 100 号"}  # fmt: skip


def principal(user, company) -> Principal:
    return Principal(user.id, user.email, "buyer", company_id=company.id,
                     company_role=user.company_role, company_status=company.status)  # fmt: skip


def staff_principal(user) -> Principal:
    return Principal(user.id, user.email, "staff", staff_role=user.staff_role)


def placement(actor, company, **overrides) -> ordering.Placement:
    values = dict(actor=actor, company_id=company.id, payment_method="bank_transfer",
                  shipping_address=ADDRESS, on=DAY)  # fmt: skip
    values.update(overrides)
    return ordering.Placement(**values)


@pytest.fixture
async def shop(db, policy):
    company = await f.company(price_tier="wholesale")
    user = await f.buyer(policy, company, role="purchaser")
    variant = await f.variant(await f.product(), base_price=1200, order_multiple=1)
    warehouse = await f.warehouse("SH")
    await f.stock(variant, warehouse, 50)
    return company, user, variant, warehouse


async def fill(user, company, variant, quantity) -> None:
    buyer = cart.Buyer(user.id, company.id, company.price_tier)
    await cart.set_quantity(buyer, variant.id, quantity, DAY)


async def test_an_order_snapshots_the_cart_reserves_stock_and_empties_the_cart(shop):
    company, user, variant, warehouse = shop
    await fill(user, company, variant, 10)

    order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)

    assert order.number == "SO20261127-0001"
    assert (order.status, order.review_step, order.total) == ("pending_review", "order", 12000)
    level = await StockLevel.get(variant=variant)
    assert (level.reserved, level.available) == (10, 40)
    assert await CartLine.filter(user=user).count() == 0
    [event] = await OrderEvent.filter(order=order)
    assert (event.kind, event.to_status) == ("placed", "pending_review")


async def test_the_same_idempotency_key_returns_the_same_order(shop):
    company, user, variant, _ = shop
    actor = principal(user, company)
    await fill(user, company, variant, 2)

    first = await ordering.place(POLICY, placement(actor, company, idempotency_key="k-1"), user.id)
    again = await ordering.place(POLICY, placement(actor, company, idempotency_key="k-1"), user.id)

    assert again.id == first.id
    assert await Order.all().count() == 1


async def test_not_enough_stock_changes_nothing(shop):
    company, user, variant, _ = shop
    await fill(user, company, variant, 60)

    with pytest.raises(DomainError) as err:
        await ordering.place(POLICY, placement(principal(user, company), company), user.id)

    assert err.value.code is ErrorCode.INSUFFICIENT_STOCK
    assert err.value.params["available"] == 50
    assert await Order.all().count() == 0
    assert await OrderNumberCounter.all().count() == 0  # the number was not used up
    assert (await StockLevel.get(variant=variant)).reserved == 0
    assert await CartLine.filter(user=user).count() == 1


async def test_review_chain_then_cancel_by_staff_releases_stock(shop, policy):
    company, user, variant, _ = shop
    await fill(user, company, variant, 5)
    order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)
    sales = staff_principal(await f.staff(policy, "sales"))
    finance = staff_principal(await f.staff(policy, "finance"))

    with pytest.raises(DomainError) as wrong_role:
        await order_actions.review_pass(POLICY, finance, order.id)
    await order_actions.review_pass(POLICY, sales, order.id)
    await order_actions.review_pass(POLICY, finance, order.id)
    waiting = await Order.get(id=order.id)
    with pytest.raises(DomainError) as no_reason:
        await order_actions.cancel(sales, order.id, " ")
    await order_actions.cancel(sales, order.id, "客户要求")

    assert wrong_role.value.code is ErrorCode.FORBIDDEN
    assert (waiting.status, waiting.review_step) == ("pending_review", "outbound")
    assert no_reason.value.code is ErrorCode.REQUIRED
    assert (await Order.get(id=order.id)).status == "cancelled"
    assert (await StockLevel.get(variant=variant)).reserved == 0
    kinds = await OrderEvent.filter(order=order).order_by("id").values_list("kind", flat=True)
    assert kinds == ["placed", "pass_review", "pass_review", "cancel"]


async def test_illegal_transitions_are_refused(shop, policy):
    company, user, variant, _ = shop
    await fill(user, company, variant, 1)
    actor = principal(user, company)
    order = await ordering.place(POLICY, placement(actor, company), user.id)
    await order_actions.cancel(actor, order.id, "")

    with pytest.raises(DomainError) as err:
        await order_actions.cancel(actor, order.id, "")
    assert err.value.code is ErrorCode.INVALID_STATE


async def test_orders_above_the_threshold_wait_for_the_company_approver(shop, policy):
    company, user, variant, _ = shop
    company.approval_threshold = 5000
    await company.save()
    approver = await f.buyer(policy, company, role="approver")
    await fill(user, company, variant, 10)
    order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)

    with pytest.raises(DomainError) as purchaser_tries:
        await order_actions.approve(POLICY, principal(user, company), order.id, "")
    await order_actions.approve(POLICY, principal(approver, company), order.id, "同意")

    assert order.status == "pending_approval"
    assert purchaser_tries.value.code is ErrorCode.FORBIDDEN
    assert (await Order.get(id=order.id)).status == "pending_review"


async def test_200_concurrent_orders_for_50_in_stock(db, policy):
    company = await f.company(price_tier="wholesale")
    variant = await f.variant(await f.product(), base_price=1000)
    await f.stock(variant, await f.warehouse("SH"), 50)
    buyers = [await f.buyer(policy, company, role="purchaser", password_hash="x")
              for _ in range(200)]  # fmt: skip
    for user in buyers:
        await fill(user, company, variant, 1)

    results = await asyncio.gather(
        *(ordering.place(POLICY, placement(principal(u, company), company), u.id) for u in buyers),
        return_exceptions=True,
    )

    placed = [r for r in results if isinstance(r, Order)]
    refused = [r for r in results if not isinstance(r, Order)]
    assert len(placed) == 50
    assert all(isinstance(r, DomainError) and r.code is ErrorCode.INSUFFICIENT_STOCK
               for r in refused)  # fmt: skip
    numbers = sorted(o.number for o in placed)
    assert numbers == [f"SO20261127-{n:04d}" for n in range(1, 51)]
    assert all(re.fullmatch(r"SO\d{8}-\d{4}", n) for n in numbers)
    level = await StockLevel.get(variant=variant)
    assert (level.reserved, level.available) == (50, 0)


async def test_status_changes_are_queued_as_notifications_with_the_change(shop, policy):
    from db.outbox import OutboxMessage

    company, user, variant, _ = shop
    await fill(user, company, variant, 1)
    order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)
    await order_actions.cancel(principal(user, company), order.id, "")

    subjects = (
        await OutboxMessage.filter(recipient=user.email)
        .order_by("id")
        .values_list("subject", flat=True)
    )
    assert subjects == [f"订单 {order.number}：待审核", f"订单 {order.number}：已取消"]


async def test_a_purchaser_cancels_only_their_own_orders(shop, policy):
    company, user, variant, _ = shop
    colleague = await f.buyer(policy, company, role="purchaser")
    owner = await f.buyer(policy, company, role="owner")
    await fill(user, company, variant, 1)
    order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)

    with pytest.raises(DomainError) as err:
        await order_actions.cancel(principal(colleague, company), order.id, "")
    await order_actions.cancel(principal(owner, company), order.id, "")

    assert err.value.code is ErrorCode.FORBIDDEN
    assert (await Order.get(id=order.id)).status == "cancelled"
