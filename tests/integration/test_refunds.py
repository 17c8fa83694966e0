"""Money given back: a refunded and then cancelled order leaves nothing on the account, and a
refund of a prepaid-balance payment goes back onto the balance."""

from datetime import date
from decimal import Decimal

from db.accounts import Company
from db.balances import BalanceEntry
from db.orders import Order
from db.payments import Payment
from domain.billing import ledger, settlement
from domain.ordering import actions as order_actions
from domain.payments import balance
from domain.payments import pay as payments
from domain.payments.policy import PaymentsPolicy
from tests import factories as f
from tests import invariants
from tests.integration.test_credit import DAY, POLICY, STEPS, actor, order_on_terms, staff, terms

__all__ = ["terms"]  # the fixture, shared with the credit tests

NO_CARDS = PaymentsPolicy()
EVER = (date(2000, 1, 1), date(2100, 1, 1))


async def confirmed(admin, order: Order) -> Order:
    for _ in STEPS:
        await order_actions.review_pass(POLICY, admin, order.id)
    return await Order.get(id=order.id)


async def test_a_refunded_then_cancelled_order_leaves_nothing_owed(terms, policy, pinned_clock):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    order = await confirmed(
        staff(await f.staff(policy, "admin")), await order_on_terms(user, company, variant, 3)
    )
    finance = staff(await f.staff(policy, "finance"))
    payment = await payments.record_transfer(finance, order.id, Decimal("30.00"), DAY, "T1")
    await payments.refund(NO_CARDS, finance, payment.id, Decimal("30.00"), "退款")

    await order_actions.cancel(actor(user, company), order.id, "不要了")

    cancelled = await Order.get(id=order.id)
    fig = await settlement.figures(cancelled)
    statement = await ledger.statement(company.id, *EVER)
    assert cancelled.status == "cancelled"
    assert (fig.account_balance, fig.due) == (0, 0)
    assert statement.closing == 0
    assert (await ledger.balances([company.id]))[company.id] == 0
    await invariants.check_company(company.id)


async def test_refunding_a_balance_payment_puts_it_back_on_the_balance(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    order = await order_on_terms(user, company, variant, 3)
    finance = staff(await f.staff(policy, "finance"))
    await balance.record_top_up(finance, company.id, Decimal("50.00"), "转账 1")
    paid = await balance.pay_order(actor(user, company), order.id)
    await order_actions.cancel(actor(user, company), order.id, "不要了")

    await payments.refund(NO_CARDS, finance, paid.id, Decimal("30.00"), "取消退回")

    company = await Company.get(id=company.id)
    entry = await BalanceEntry.get(kind="refund")
    assert company.prepaid_balance == 5000
    assert (entry.amount, entry.order_id) == (3000, order.id)
    assert (await Payment.get(id=paid.id)).refunded == 3000
    assert (await Order.get(id=order.id)).payment_status == "refunded"
    await invariants.check_company(company.id)
