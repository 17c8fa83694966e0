"""Prepaid balance (预存款): topped up, spent on orders, never below zero."""

import asyncio
from decimal import Decimal

import pytest

from db.accounts import Company
from db.balances import BalanceEntry
from db.orders import Order
from domain.accounts.permissions import Principal
from domain.payments import balance
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f

ADDRESS = {"recipient": "王", "phone": "1", "region": "上海", "line": "路 1 号"}


def buyer(user, company) -> Principal:
    return Principal(
        user.id,
        user.email,
        "buyer",
        company_id=company.id,
        company_role=user.company_role,
        company_status="active",
    )


async def orders_of(company, user, count: int, total: int) -> list[Order]:
    return [
        await Order.create(
            number=f"SO-B-{n}",
            company=company,
            placed_by=user,
            status="pending_review",
            review_step="order",
            payment_method="bank_transfer",
            shipping_address=ADDRESS,
            currency="CNY",
            subtotal=total,
            total=total,
        )
        for n in range(count)
    ]


@pytest.fixture
async def funded(db, policy):
    company = await f.company()
    owner = await f.buyer(policy, company, role="owner")
    finance = await f.staff(policy, "finance")
    staff = Principal(finance.id, finance.email, "staff", staff_role="finance")
    await balance.record_top_up(staff, company.id, Decimal("100.00"), "转账 001")
    return company, owner


async def test_concurrent_payments_never_overdraw(funded):
    company, owner = funded
    orders = await orders_of(company, owner, 20, 1000)

    results = await asyncio.gather(
        *(balance.pay_order(buyer(owner, company), o.id) for o in orders), return_exceptions=True
    )

    failures = [r for r in results if isinstance(r, Exception)]
    assert len(results) - len(failures) == 10
    assert all(
        isinstance(e, DomainError) and e.code is ErrorCode.INSUFFICIENT_BALANCE for e in failures
    )
    await company.refresh_from_db()
    assert company.prepaid_balance == 0
    entries = await BalanceEntry.filter(company=company).values_list("amount", flat=True)
    assert sum(entries) == company.prepaid_balance
    assert await Order.filter(company=company, payment_status="paid").count() == 10


async def test_paying_from_the_balance_pays_exactly_what_is_due(funded):
    company, owner = funded
    [order] = await orders_of(company, owner, 1, 3550)

    payment = await balance.pay_order(buyer(owner, company), order.id)
    with pytest.raises(DomainError) as again:
        await balance.pay_order(buyer(owner, company), order.id)

    assert (payment.method, payment.amount) == ("balance", 3550)
    assert again.value.code is ErrorCode.NOTHING_DUE
    assert (await Company.get(id=company.id)).prepaid_balance == 6450
