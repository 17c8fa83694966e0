"""Demo money situations, made the way finance and buyers make them: 鲜达 keeps a prepaid
balance, 南京金陵 is close to its credit limit, 苏州万家福 is on credit hold. Invoices, payments,
refunds and credit notes come from the order history itself (dinghuo/demo_orders.py)."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from db.accounts import Company
from dinghuo import demo_orders
from dinghuo.demo_time import at
from domain.billing import credit
from domain.ordering import actions
from domain.payments import balance
from domain.shared import clock

XIANDA, JINLING, WANJIAFU = "91310000MA1FL0AB01", "91320100MA7H8J9K07", "91320500MA1X2Y3Z06"
NEAR = Decimal("0.93")  # the share of its limit 金陵's open credit-terms orders use


async def top_up(c: demo_orders.Cast) -> None:
    """Before the history starts, 鲜达 transfers a prepayment (预存款) to its balance."""
    xianda = await Company.get(tax_id=XIANDA)
    with at(clock.now() - timedelta(days=95)):
        await balance.record_top_up(c.finance, xianda.id, Decimal("60000.00"), "对公转账 预存款")


async def credit_situations(c: demo_orders.Cast) -> None:
    rng = random.Random(2027)
    jinling = await Company.get(tax_id=JINLING)
    # Big credit-terms orders until the open ones use about 93% of the limit; each order
    # is placed only if it fits, exactly as a buyer's would be.
    limit = jinling.credit_limit
    for n in range(40):
        jinling = await Company.get(id=jinling.id)
        if jinling.credit_used >= limit * NEAR:
            break
        with at(clock.now() - timedelta(days=2, hours=n)):
            order = await demo_orders.place(c, rng, jinling, "credit_terms", f"PO-JL-{n + 1:02d}",
                                            lines=2, sizes=(5, 10, 20))  # fmt: skip
        if order is not None:
            with at(clock.now() - timedelta(days=1, hours=n)):
                for step in c.ordering.review_steps:
                    await actions.review_pass(c.ordering, c.reviewers[step], order.id)
    wanjiafu = await Company.get(tax_id=WANJIAFU)
    with at(clock.now() - timedelta(days=1)):
        await credit.set_hold(c.finance, wanjiafu.id, True, "发票逾期 / overdue invoices")
