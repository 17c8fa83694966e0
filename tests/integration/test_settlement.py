"""Money per order: every figure (amount due, payment status, invoice, credit reserved, the
statement, the aging report) comes from the same records and agrees after every change."""

from decimal import Decimal

import pytest

from db.accounts import Company
from db.audit import AuditEntry
from db.invoices import Invoice
from db.orders import Order
from db.payments import Payment
from domain.billing import ledger, settlement
from domain.catalog import products
from domain.fulfilment.ship import complete_if_settled
from domain.ordering import actions as order_actions
from domain.payments import balance
from domain.payments import pay as payments
from domain.payments.policy import PaymentsPolicy
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f
from tests.integration.test_credit import DAY, POLICY, STEPS, actor, order_on_terms, staff, terms

__all__ = ["terms"]  # the fixture, shared with the credit tests

NO_CARDS = PaymentsPolicy()
AMOUNT_DUE = """query($id: ID!) { node(id: $id) { ... on Order { amountDue { amount } } } }"""


async def confirmed(admin, order: Order) -> Order:
    for _ in STEPS:
        await order_actions.review_pass(POLICY, admin, order.id)
    return await Order.get(id=order.id)


async def test_paying_a_terms_order_from_the_balance_frees_its_credit(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    order = await order_on_terms(user, company, variant, 3)
    finance = staff(await f.staff(policy, "finance"))
    await balance.record_top_up(finance, company.id, Decimal("50.00"), "转账 1")

    await balance.pay_order(actor(user, company), order.id)

    await company.refresh_from_db()
    assert (company.credit_used, company.credit_available) == (0, 10000)
    assert (await Order.get(id=order.id)).credit_reserved == 0
    assert await AuditEntry.filter(action="order.pay_from_balance").count() == 1


async def test_a_cancelled_order_cannot_be_paid_from_the_balance(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    order = await order_on_terms(user, company, variant, 3)
    await order_actions.cancel(actor(user, company), order.id, "")
    finance = staff(await f.staff(policy, "finance"))
    await balance.record_top_up(finance, company.id, Decimal("50.00"), "转账 1")

    with pytest.raises(DomainError) as refused:
        await balance.pay_order(actor(user, company), order.id)

    assert refused.value.code is ErrorCode.INVALID_STATE
    assert (await Company.get(id=company.id)).prepaid_balance == 5000
    assert not await Payment.exists()


async def test_finance_accepting_an_order_over_the_limit_is_audited(terms, policy):
    company, variant = terms
    user = await f.buyer(policy, company)
    order = await order_on_terms(user, company, variant, 15, over_limit="review")
    finance_user = await f.staff(policy, "finance")

    await order_actions.review_pass(POLICY, staff(await f.staff(policy, "sales")), order.id)
    await order_actions.review_pass(POLICY, staff(finance_user), order.id)

    entry = await AuditEntry.get(action="order.credit_over_limit")
    assert (entry.actor_id, entry.object_id) == (finance_user.id, str(order.id))
    assert (await Company.get(id=company.id)).credit_available == -5000


async def test_a_paid_order_whose_total_grows_is_owed_again(terms, policy, pinned_clock):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    admin = staff(await f.staff(policy, "admin"))
    order = await confirmed(admin, await order_on_terms(user, company, variant, 2))
    await payments.record_transfer(admin, order.id, Decimal("20.00"), DAY, "T-1")
    paid_invoice = await Invoice.get(order_id=order.id)

    # Any change of the lines ends with the order's new total and a settlement.
    await Order.filter(id=order.id).update(total=5000, subtotal=5000)
    figures = await settlement.settle(order.id)

    order = await Order.get(id=order.id)
    invoice = await Invoice.get(order_id=order.id)
    await company.refresh_from_db()
    assert paid_invoice.status == "paid"
    assert (figures.due, order.payment_status) == (3000, "partially_paid")
    assert (invoice.status, invoice.amount) == ("open", 5000)
    assert order.credit_reserved == 3000 and company.credit_used == 3000
    assert (await ledger.aging(clock.today()))[company.id]["current"] == 3000


async def test_a_delivered_order_completes_only_once_nothing_is_due(terms, policy, pinned_clock):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    admin = staff(await f.staff(policy, "admin"))
    order = await confirmed(admin, await order_on_terms(user, company, variant, 2))
    await payments.record_transfer(admin, order.id, Decimal("20.00"), DAY, "T-1")
    await Order.filter(id=order.id).update(total=5000, subtotal=5000, status="delivered")
    await settlement.settle(order.id)

    await complete_if_settled(order.id)
    still = await Order.get(id=order.id)
    await payments.record_transfer(admin, order.id, Decimal("30.00"), DAY, "T-2")

    assert still.status == "delivered"
    assert (await Order.get(id=order.id)).status == "completed"


async def test_a_variant_base_price_change_is_audited(db, policy):
    variant = await f.variant(await f.product(), base_price=1000)
    admin = staff(await f.staff(policy, "admin"))
    data = products.VariantData(sku=variant.sku, base_price=Decimal("12.50"))

    await products.update_variant(variant.id, data, admin)
    await products.update_variant(variant.id, data, admin)  # same price: nothing to record

    entries = await AuditEntry.filter(action="variant.base_price")
    assert [(e.before, e.after) for e in entries] == [({"basePrice": 1000}, {"basePrice": 1250})]


async def test_amount_due_statement_aging_and_invoices_agree(terms, policy, client, pinned_clock):
    company, variant = terms
    user = await f.buyer(policy, company, role="owner")
    admin = staff(await f.staff(policy, "admin"))
    owing = await confirmed(admin, await order_on_terms(user, company, variant, 3))
    paid = await confirmed(admin, await order_on_terms(user, company, variant, 2))
    await payments.record_transfer(admin, paid.id, Decimal("20.00"), DAY, "T-1")
    allowance = await confirmed(admin, await order_on_terms(user, company, variant, 1))
    payment = await payments.record_transfer(admin, allowance.id, Decimal("10.00"), DAY, "T-2")
    await payments.refund(NO_CARDS, admin, payment.id, Decimal("4.00"), "折让")
    cancelled = await confirmed(admin, await order_on_terms(user, company, variant, 1))
    part = await payments.record_transfer(admin, cancelled.id, Decimal("5.00"), DAY, "T-3")
    await order_actions.cancel(admin, cancelled.id, "客户取消")
    await payments.refund(NO_CARDS, admin, part.id, Decimal("5.00"), "取消退款")
    await order_on_terms(user, company, variant, 1)  # not confirmed yet: no invoice
    token = await f.login(client, user)

    orders = await Order.filter(company_id=company.id)
    figures = await settlement.figures_for(orders)
    shown = {}
    for order in orders:
        result = await f.gql(client, AMOUNT_DUE, {"id": f.gid("Order", order.id)}, token=token)
        amount = Decimal(result["data"]["node"]["amountDue"]["amount"])
        shown[order.id] = int(amount * 100)
    statement = await ledger.statement(company.id, DAY.replace(year=2000), DAY.replace(year=2100))
    aging = await ledger.aging(clock.today())
    invoices = {i.order_id: i for i in await Invoice.filter(company_id=company.id)}
    await company.refresh_from_db()

    assert shown == {o.id: figures[o.id].due for o in orders}
    assert figures[owing.id].due == 3000 and figures[paid.id].due == 0
    assert figures[allowance.id].due == 0 and figures[cancelled.id].due == 0
    assert statement.closing == sum(f.account_balance for f in figures.values()) == 3000
    assert sum(aging[company.id].values()) == sum(
        figures[oid].due for oid, i in invoices.items() if i.status == "open"
    )
    for order in orders:
        invoice = invoices.get(order.id)
        if invoice and order.status != "cancelled":
            assert invoice.status == ("paid" if figures[order.id].due == 0 else "open")
        assert order.payment_status == figures[order.id].payment_status
    assert invoices[cancelled.id].status == "void"
    open_credit = sum(o.credit_reserved for o in orders)
    assert company.credit_used == open_credit == 3000 + 1000
