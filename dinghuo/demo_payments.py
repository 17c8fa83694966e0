"""Demo money: invoices for confirmed history, payments of every method, credit notes,
prepaid balances, a company near its credit limit and one on credit hold."""

from __future__ import annotations

import random
from datetime import timedelta

from db.accounts import Company
from db.balances import BalanceEntry
from db.orders import Order
from db.payments import Payment, Refund
from domain.billing import invoices as invoicing
from domain.billing import settlement
from domain.shared import clock

INVOICED = {"confirmed", "processing", "partially_shipped", "shipped", "delivered", "completed"}


async def load() -> None:
    rng = random.Random(2027)
    for order in await Order.filter(status__in=INVOICED).order_by("created_at"):
        day = clock.local_date(order.created_at) + timedelta(days=1)
        await invoicing.issue(order, day)
        if order.status == "completed" or rng.random() < 0.3:
            method = rng.choice(["bank_transfer", "card", "balance"])
            payment = await Payment.create(
                order=order,
                company_id=order.company_id,
                method=method,
                status="succeeded",
                amount=order.total,
                currency=order.currency,
                received_on=day + timedelta(days=3),
                reference=f"银行流水 {rng.randint(100000, 999999)}"
                if method == "bank_transfer"
                else order.number,
                stripe_intent_id=f"pi_demo_{order.id}" if method == "card" else None,
            )
            if rng.random() < 0.05:
                refund = await Refund.create(
                    payment=payment, amount=order.total // 10, status="succeeded", reason="破损退款"
                )
                await Payment.filter(id=payment.id).update(refunded=refund.amount)
                await settlement.refund_settled(refund, payment)
            await settlement.settle(order.id, "demo")
    companies = {c.tax_id: c for c in await Company.all()}
    # 南京金陵 is close to its credit limit; 苏州万家福 is on hold; 鲜达 holds a prepaid balance.
    jinling = companies["91320100MA7H8J9K07"]
    used = int(jinling.credit_available * 0.93)
    await Company.filter(id=jinling.id).update(
        credit_used=used, credit_available=jinling.credit_available - used
    )
    await Company.filter(tax_id="91320500MA1X2Y3Z06").update(
        credit_hold=True, credit_hold_reason="发票逾期 / overdue invoices"
    )
    xianda = companies["91310000MA1FL0AB01"]
    await Company.filter(id=xianda.id).update(prepaid_balance=500000)
    await BalanceEntry.create(
        company=xianda,
        amount=500000,
        kind="top_up",
        reference="对公转账 预存款",
        actor_email="finance@dinghuo.demo",
    )
