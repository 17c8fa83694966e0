"""Writing off what an order owes (坏账核销), and money actions that ask the permission table
in the domain itself, whoever calls them."""

from datetime import date
from decimal import Decimal

import pytest

from db.accounts import Company
from db.audit import AuditEntry
from db.invoices import Invoice, WriteOff
from db.orders import Order
from domain.after_sales import returns
from domain.billing import ledger, settlement
from domain.billing.write_off import write_off
from domain.ordering.modify import LineChange, buyer_modify
from domain.payments import pay as payments
from domain.payments.policy import PaymentsPolicy
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f
from tests import invariants
from tests.integration import test_order_to_cash_invariants as cash
from tests.integration.test_credit import DAY, POLICY, STEPS, actor, order_on_terms, staff, terms
from tests.integration.test_settlement import confirmed

__all__ = ["terms"]

NO_CARDS = PaymentsPolicy()
EVER = (date(2000, 1, 1), date(2100, 1, 1))


async def test_a_write_off_lowers_what_is_due_and_shows_on_the_statement(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    admin = staff(await f.staff(policy, "admin"))
    finance = staff(await f.staff(policy, "finance"))
    order = await confirmed(admin, await order_on_terms(user, company, variant, 3))  # 30.00
    await payments.record_transfer(finance, order.id, Decimal("20.00"), DAY, "T1")

    await write_off(finance, order.id, Decimal("10.00"), "客户倒闭")

    order = await Order.get(id=order.id)
    fig = await settlement.figures(order)
    assert (fig.written_off, fig.due, order.payment_status) == (1000, 0, "paid")
    assert (await Invoice.get(order_id=order.id)).status == "paid"
    assert (await Company.get(id=company.id)).credit_used == 0
    statement = await ledger.statement(company.id, *EVER)
    assert [(e.kind, e.credit) for e in statement.entries][-1] == ("write_off", 1000)
    assert statement.closing == 0
    assert await ledger.aging(date(2100, 1, 1)) == {}
    entry = await AuditEntry.get(action="order.write_off")
    assert entry.after == {"amount": 1000, "orderId": order.id, "order": order.number,
                           "reason": "客户倒闭"}  # fmt: skip
    await invariants.check_company(company.id)


async def test_no_more_than_is_due_can_be_written_off(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    admin = staff(await f.staff(policy, "admin"))
    order = await confirmed(admin, await order_on_terms(user, company, variant, 2))  # 20.00

    with pytest.raises(DomainError) as refused:
        await write_off(admin, order.id, Decimal("20.01"), "太多")

    assert (refused.value.code, refused.value.params) == (
        ErrorCode.WRITE_OFF_TOO_LARGE,
        {"due": "20.00"},
    )
    assert not await WriteOff.exists()


@pytest.mark.parametrize("role", ["warehouse", "sales"])
async def test_only_finance_and_admins_write_off(terms, policy, role):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    order = await order_on_terms(user, company, variant, 2)

    with pytest.raises(DomainError) as refused:
        await write_off(staff(await f.staff(policy, role)), order.id, Decimal("1.00"), "x")

    assert refused.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError) as buyer_refused:
        await write_off(actor(user, company), order.id, Decimal("1.00"), "x")
    assert buyer_refused.value.code is ErrorCode.FORBIDDEN


async def test_warehouse_staff_calling_the_domain_cannot_refund(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    admin = staff(await f.staff(policy, "admin"))
    finance = staff(await f.staff(policy, "finance"))
    warehouse = staff(await f.staff(policy, "warehouse"))
    order = await confirmed(admin, await order_on_terms(user, company, variant, 2))
    payment = await payments.record_transfer(finance, order.id, Decimal("20.00"), DAY, "T1")

    with pytest.raises(DomainError) as refund_refused:
        await payments.refund(NO_CARDS, warehouse, payment.id, Decimal("5.00"), "折让")
    with pytest.raises(DomainError) as resolve_refused:
        await returns.resolve(NO_CARDS, warehouse, 12345, "refund")

    assert refund_refused.value.code is ErrorCode.FORBIDDEN
    assert resolve_refused.value.code is ErrorCode.FORBIDDEN
    assert (await settlement.figures(order)).refunded == 0


async def test_an_order_not_yet_invoiced_cannot_be_written_off(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    finance = staff(await f.staff(policy, "finance"))
    order = await order_on_terms(user, company, variant, 3)  # 30.00, still under review

    with pytest.raises(DomainError) as refused:
        await write_off(finance, order.id, Decimal("30.00"), "客户倒闭")
    # Had it been kept, the buyer could then take units off the order, and the statement
    # showed a credit for money never received.
    await buyer_modify(POLICY, actor(user, company), order.id, [LineChange(variant.sku, 1)], DAY)

    assert refused.value.code is ErrorCode.INVALID_STATE
    assert not await WriteOff.exists()
    assert (await ledger.statement(company.id, *EVER)).closing == 0
    await invariants.check_company(company.id)


async def test_a_return_after_a_write_off_leaves_no_credit_never_paid(db, policy):
    shop = await cash.open_shop(policy)
    await cash.place(shop, 1, 3)  # on credit terms, 30.00
    order_id = shop.orders[0]
    for _ in STEPS:
        await cash.step(shop, "review", 0, 1)
    await write_off(shop.finance, order_id, Decimal("30.00"), "客户倒闭")
    await cash.ship_some(shop, order_id, 3)
    await cash.receive(shop, 0)

    await cash.give_back(shop, order_id, 1)  # a credit note of 10.00 on an order paid by nobody

    fig = await settlement.figures(await Order.get(id=order_id))
    # The write-off now counts 20.00 of its 30.00: nothing owed, and no credit either.
    assert (fig.received, fig.credited, fig.written_off) == (0, 1000, 2000)
    assert (fig.account_balance, fig.due, fig.payment_status) == (0, 0, "paid")
    statement = await ledger.statement(shop.company.id, *EVER)
    assert [(e.kind, e.credit) for e in statement.entries if e.kind == "write_off"] == [
        ("write_off", 2000)
    ]
    assert statement.closing == 0
    assert (await ledger.balances([shop.company.id]))[shop.company.id] == 0
    await invariants.check_company(shop.company.id)
