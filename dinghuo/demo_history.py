"""Two years of weekly orders before the recent demo history, lived through the domain on a
lighter path: stock received each quarter, then each order placed from the buyer's cart,
approved where the company asks for it, reviewed, shipped, signed for and paid by bank transfer
at the moments they happened (no tracking events, refunds or returns: the recent months have
those). What is ordered comes from `demo_demand.plan`."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from db.accounts import Company
from db.inventory import StockLevel, Warehouse
from db.orders import CartLine, Order
from dinghuo import demo_demand
from dinghuo.demo_orders import ADDRESS, Cast, ship_all
from dinghuo.demo_time import at
from domain.billing import settlement
from domain.fulfilment import ship
from domain.insight.demand import complete_weeks
from domain.inventory import stock
from domain.ordering import actions
from domain.ordering import place as ordering
from domain.payments import pay as payments
from domain.shared import clock

WEEKS = 104
QUARTER = 13  # weeks of demand received at once
MIN_STOCK = 40  # only SKUs stocked at least this well take part (the low ones stay low)
HOUR = timedelta(hours=1)


async def load(c: Cast) -> demo_demand.Plan:
    now, today = clock.now(), clock.today()
    first, _ = complete_weeks(WEEKS, today)
    companies = await Company.filter(id__in=list(c.buyers)).order_by("id")
    main = await Warehouse.get(code="SH")
    stocked = set(
        await StockLevel.filter(warehouse_id=main.id, available__gte=MIN_STOCK).values_list(
            "variant_id", flat=True
        )
    )
    variants = {v.sku: v for v in c.variants if v.id in stocked}
    plan = demo_demand.plan(random.Random(2024), sorted(variants), len(companies), first, WEEKS)
    rng = random.Random(2025)
    for week, orders in enumerate(plan.orders):
        monday = first + timedelta(weeks=week)
        if week % QUARTER == 0:
            await _receive(c, plan, variants, main.id, week, monday)
        for index, lines in orders.items():
            company = companies[index]
            # Each company orders on its own weekday, in office hours.
            placed = datetime.combine(
                monday + timedelta(days=1 + index % 4), time(9 + index * 2 % 7), clock.zone()
            ) + timedelta(minutes=rng.randrange(60))
            if placed < now:
                await _live(c, rng, company, {variants[s].id: q for s, q in lines.items()},
                            placed, now)  # fmt: skip
    return plan


async def _receive(c: Cast, plan: demo_demand.Plan, variants: dict, warehouse_id: int,
                   week: int, monday) -> None:  # fmt: skip
    """The quarter's goods arrive at the main warehouse on its first Monday morning."""
    totals: dict[str, int] = {}
    for orders in plan.orders[week : week + QUARTER]:
        for lines in orders.values():
            for sku, quantity in lines.items():
                totals[sku] = totals.get(sku, 0) + quantity
    with at(datetime.combine(monday, time(8), clock.zone())):
        for sku, quantity in sorted(totals.items()):
            await stock.receive(c.warehouse, variants[sku].id, warehouse_id, quantity,
                                f"入库 {monday:%Y%m%d}")  # fmt: skip


async def _live(c: Cast, rng: random.Random, company: Company, lines: dict[int, int],
                t: datetime, now: datetime) -> None:  # fmt: skip
    """Place, then each later step while its moment has passed."""
    buyer = c.buyers[company.id]
    # Given lines, as staff placing for a company pass them: the same placement and checks,
    # without a stored cart to write and claim.
    given = [CartLine(variant_id=v, quantity=q, unit_price_seen=0)
             for v, q in sorted(lines.items())]  # fmt: skip
    with at(t):
        placement = ordering.Placement(
            actor=buyer, company_id=company.id, payment_method="bank_transfer",
            shipping_address=ADDRESS, on=clock.today(),
            po_number=f"PO-{t:%y%m%d}-{company.id}",
        )  # fmt: skip
        order = await ordering.place(c.ordering, placement, buyer.user_id, given)
    if order.status == "pending_approval":
        t += HOUR
        if t >= now:
            return
        with at(t):
            await actions.approve(c.ordering, c.approvers[company.id], order.id, "同意")
    for step in c.ordering.review_steps:
        t += 2 * HOUR
        if t >= now:
            return
        with at(t):
            await actions.review_pass(c.ordering, c.reviewers[step], order.id)
    t += timedelta(hours=18)
    if t >= now:
        return
    with at(t):
        shipments = await ship_all(c, rng, order)
    t += timedelta(days=rng.randint(1, 2))
    if t >= now:
        return
    with at(t):
        for shipment in shipments:
            await ship.receive(buyer, shipment.id)
    t += timedelta(days=rng.randint(1, 5))
    if t >= now:
        return
    with at(t):
        order = await Order.get(id=order.id)
        due = (await settlement.figures(order)).due
        await payments.record_transfer(c.finance, order.id, Decimal(due) / 100, clock.today(),
                                       f"银行流水 {rng.randint(100000, 999999)}")  # fmt: skip
