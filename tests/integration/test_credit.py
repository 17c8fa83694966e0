"""Credit terms: the limit holds under concurrent orders; holds, review over the limit."""

import asyncio
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from db.accounts import Company
from db.orders import Order
from domain.accounts.permissions import Principal
from domain.billing import credit
from domain.ordering import actions as order_actions
from domain.ordering import cart
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from domain.payments import pay as payments
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message
from tests import factories as f

DAY = date(2026, 11, 27)
POLICY = OrderingPolicy(review_steps=("order", "finance", "outbound"))
STEPS = POLICY.review_steps
ADDRESS = {"recipient": "王", "phone": "1", "region": "上海", "line": "路 1 号"}


def actor(user, company) -> Principal:
    return Principal(
        user.id,
        user.email,
        "buyer",
        company_id=company.id,
        company_role=user.company_role,
        company_status="active",
    )


def staff(user) -> Principal:
    return Principal(user.id, user.email, "staff", staff_role=user.staff_role)


async def order_on_terms(user, company, variant, quantity=1, over_limit="refuse") -> Order:
    who = cart.Buyer(user.id, company.id, company.price_tier)
    await cart.set_quantity(who, variant.id, quantity, DAY)
    placement = ordering.Placement(
        actor=actor(user, company),
        company_id=company.id,
        payment_method="credit_terms",
        shipping_address=ADDRESS,
        on=DAY,
    )
    policy = replace(POLICY, credit_over_limit=over_limit)
    return await ordering.place(policy, placement, user.id)


@pytest.fixture
async def terms(db, policy):
    company = await f.company(credit_limit=10000, credit_available=10000, payment_terms_days=30)
    variant = await f.variant(await f.product(), base_price=1000)
    await f.stock(variant, await f.warehouse("SH"), 1000)
    return company, variant


async def test_concurrent_orders_never_pass_the_limit(terms, policy):
    company, variant = terms
    buyers = [
        await f.buyer(policy, company, role="purchaser", password_hash="x") for _ in range(20)
    ]

    results = await asyncio.gather(
        *(order_on_terms(user, company, variant) for user in buyers), return_exceptions=True
    )

    placed = [r for r in results if isinstance(r, Order)]
    assert len(placed) == 10
    assert all(
        isinstance(r, DomainError) and r.code is ErrorCode.CREDIT_LIMIT_EXCEEDED
        for r in results
        if not isinstance(r, Order)
    )
    await company.refresh_from_db()
    assert (company.credit_used, company.credit_available) == (10000, 0)


async def test_cancelling_and_paying_give_credit_back(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    first = await order_on_terms(user, company, variant, 3)
    second = await order_on_terms(user, company, variant, 2)
    finance = staff(await f.staff(policy, "finance"))

    await order_actions.cancel(actor(user, company), first.id, "")
    await payments.record_transfer(finance, second.id, Decimal("15.00"), DAY, "T-1")

    await company.refresh_from_db()
    assert (company.credit_used, company.credit_available) == (500, 9500)


async def test_a_company_on_hold_is_told_why(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company)
    await credit.set_hold(staff(await f.staff(policy, "finance")), company.id, True, "发票逾期")

    with pytest.raises(DomainError) as err:
        await order_on_terms(user, company, variant)

    assert err.value.code is ErrorCode.CREDIT_HOLD
    assert err.value.params == {"reason": "发票逾期"}


async def test_over_the_limit_goes_to_finance_in_review_mode(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company)
    order = await order_on_terms(user, company, variant, 15, over_limit="review")
    sales = staff(await f.staff(policy, "sales"))
    finance = staff(await f.staff(policy, "finance"))

    await order_actions.review_pass(POLICY, sales, order.id)
    await order_actions.review_pass(POLICY, finance, order.id)

    assert order.credit_pending is True
    accepted = await Order.get(id=order.id)
    assert (accepted.credit_pending, accepted.credit_reserved) == (False, 15000)
    await company.refresh_from_db()
    assert company.credit_available == -5000


async def test_raising_the_limit_raises_what_is_available(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company)
    await order_on_terms(user, company, variant, 4)

    await credit.set_limit(
        staff(await f.staff(policy, "finance")), company.id, Decimal("250.00"), 45
    )

    company = await Company.get(id=company.id)
    assert (company.credit_used, company.credit_available) == (4000, 21000)
    assert company.payment_terms_days == 45


async def test_an_invoice_overdue_beyond_the_grace_period_holds_credit(terms, policy):
    from datetime import timedelta

    from db.invoices import Invoice
    from domain.shared import clock

    company, variant = terms
    user = await f.buyer(policy, company)
    earlier = await order_on_terms(user, company, variant)
    await Invoice.create(
        number="INV-2026-000009",
        order=earlier,
        company=company,
        issued_on=clock.today() - timedelta(days=60),
        due_on=clock.today() - timedelta(days=30),
        amount=1000,
        currency="CNY",
    )

    with pytest.raises(DomainError) as err:
        await order_on_terms(user, company, variant)

    assert err.value.code is ErrorCode.CREDIT_HOLD
    reason = err.value.params["reason"]
    assert reason.params == {"invoice": "INV-2026-000009", "due_on": clock.today() - timedelta(30)}
    chinese = message("CREDIT_HOLD", "zh-Hans", **err.value.params)
    assert "INV-2026-000009" in chinese and "overdue" not in chinese
    assert "overdue since" in message("CREDIT_HOLD", "en", **err.value.params)
