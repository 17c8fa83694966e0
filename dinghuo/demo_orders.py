"""Demo order history: about three months of orders across the demo companies, each lived
through the same steps users take (place, approve, review, pay, ship, sign for), at the
moments they happened; plus open orders placed today that wait for approval or review."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from db.accounts import Company, User
from db.catalog import Variant
from db.inventory import StockLevel
from db.orders import Order, OrderLine, OrderReservation
from dinghuo.demo_time import at, principal, staff
from domain.accounts.permissions import Principal
from domain.billing import settlement
from domain.fulfilment import ship
from domain.fulfilment.policy import FulfilmentPolicy
from domain.ordering import actions, cart
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from domain.payments import balance
from domain.payments import pay as payments
from domain.payments.policy import PaymentsPolicy
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode

NO_CARDS = PaymentsPolicy()  # demo refunds are of transfers and balance payments only
ADDRESS = {"recipient": "收货部", "phone": "021-55550000", "region": "上海市浦东新区",
           "line": "张江高科技园区 88 号 3 号仓", "postalCode": "201203"}  # fmt: skip
# Where each historical order ends up. Nothing enters "processing" any more (see
# domain/ordering/states.py), and the waiting states are today's open orders.
WEIGHTS = {
    "completed": 64, "delivered": 10, "shipped": 6, "partially_shipped": 3, "confirmed": 7,
    "cancelled": 6, "rejected": 4,
}  # fmt: skip
# Orders still on their way or unpaid are recent: an old unpaid credit-terms invoice would put
# the company on credit hold.
RECENT = {"delivered", "shipped", "partially_shipped", "confirmed"}
CARRIERS = ["sf", "jd", "zto"]
STOPS = [("上海浦东转运中心", "已揽收"), ("杭州转运中心", "运输中"), ("苏州分拨中心", "派送中")]
HOUR = timedelta(hours=1)


@dataclass
class Cast:
    """Who does what: one buyer per company, its approver, and the supplier's staff."""

    ordering: OrderingPolicy
    fulfilment: FulfilmentPolicy
    buyers: dict[int, Principal]
    approvers: dict[int, Principal]
    reviewers: dict[str, Principal]
    sales: Principal
    warehouse: Principal
    finance: Principal
    variants: list[Variant]


async def cast(ordering: OrderingPolicy, fulfilment: FulfilmentPolicy) -> Cast:
    buyers, approvers = {}, {}
    for company in await Company.filter(status="active").order_by("id"):
        users = {u.company_role: u for u in await User.filter(company_id=company.id)}
        buyer = users.get("purchaser") or users["owner"]
        buyers[company.id] = principal(buyer)
        if "approver" in users:
            approvers[company.id] = principal(users["approver"])
    sales, warehouse, finance = [await staff(r) for r in ("sales", "warehouse", "finance")]
    reviewers = {"order": sales, "finance": finance, "outbound": warehouse}
    variants = await Variant.filter(is_active=True).order_by("id")
    return Cast(
        ordering, fulfilment, buyers, approvers, reviewers, sales, warehouse, finance, variants
    )


async def place(c: Cast, rng: random.Random, company: Company, method: str, po: str,
                lines: int = 0, sizes=(5, 10, 20, 50)) -> Order | None:  # fmt: skip
    """Fill the buyer's cart with items in stock and place it; None when nothing is left."""
    buyer = c.buyers[company.id]
    who = cart.Buyer(buyer.user_id, company.id, company.price_tier)
    wanted = lines or rng.randint(1, 4)
    candidates = rng.sample(c.variants, min(len(c.variants), wanted * 3))
    available: dict[int, int] = {}
    for variant_id, level in await StockLevel.filter(
        variant_id__in=[v.id for v in candidates]
    ).values_list("variant_id", "available"):
        available[variant_id] = available.get(variant_id, 0) + level
    for variant in candidates:
        quantity = rng.choice(sizes) * variant.order_multiple
        if available.get(variant.id, 0) >= quantity + 10:  # leave a little for today's shoppers
            await cart.set_quantity(who, variant.id, quantity, clock.today())
            wanted -= 1
        if not wanted:
            break
    placement = ordering.Placement(
        actor=buyer, company_id=company.id, payment_method=method, shipping_address=ADDRESS,
        on=clock.today(), po_number=po,
    )  # fmt: skip
    try:
        return await ordering.place(c.ordering, placement, buyer.user_id)
    except DomainError as exc:
        if exc.code not in (ErrorCode.CART_EMPTY, ErrorCode.CREDIT_LIMIT_EXCEEDED):
            raise
        await cart.clear(buyer.user_id)
        return None


async def load(c: Cast) -> None:
    rng = random.Random(1127)
    now = clock.now()
    companies = await Company.filter(status="active").order_by("id")
    plans = []
    for _ in range(140):
        company = rng.choice(companies)
        status = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        days = rng.randint(3, 24) if status in RECENT else rng.randint(12, 92)
        plans.append((now - timedelta(days=days, hours=rng.randint(0, 8)), company.id, status))
    by_id = {x.id: x for x in companies}
    for placed_at, company_id, status in sorted(plans):
        await _live(c, rng, by_id[company_id], status, placed_at)


async def _live(c: Cast, rng, company: Company, status: str, t: datetime) -> None:
    """One order's life, from placement to `status`."""
    terms = company.payment_terms_days and rng.random() < 0.6
    with at(t):
        po = f"PO-{t:%y%m}-{rng.randint(100, 999)}"
        order = await place(c, rng, company, "credit_terms" if terms else "bank_transfer", po)
    if order is None:
        return
    if order.status == "pending_approval":
        t += 2 * HOUR
        with at(t):
            await actions.approve(c.ordering, c.approvers[company.id], order.id, "同意")
    if status == "cancelled" and rng.random() < 0.5:
        with at(t + HOUR):
            await actions.cancel(c.buyers[company.id], order.id, "下错了")
        return
    if status == "rejected":
        with at(t + 3 * HOUR):
            await actions.review_reject(c.sales, order.id, "该区域暂不配送")
        return
    for step in c.ordering.review_steps:
        t += 2 * HOUR
        with at(t):
            await actions.review_pass(c.ordering, c.reviewers[step], order.id)
    if status == "cancelled":
        with at(t + 5 * HOUR):
            await actions.cancel(c.sales, order.id, "客户来电取消")
        return
    if status == "confirmed":
        return
    t += timedelta(hours=18)
    with at(t):
        shipments = await ship_all(c, rng, order, partial=status == "partially_shipped")
    if status in ("partially_shipped", "shipped"):
        with at(t + 6 * HOUR):
            for n, shipment in enumerate(shipments):
                await _track(shipment, n, t)
        return
    t += timedelta(days=rng.randint(1, 3))
    with at(t):
        for shipment in shipments:
            await ship.receive(c.buyers[company.id], shipment.id)
    if status == "delivered":
        return
    t += timedelta(days=rng.randint(1, 6))
    with at(t):
        await _pay(c, rng, order)


async def ship_all(c: Cast, rng, order: Order, partial: bool = False) -> list:
    """One shipment per warehouse holding the order's stock; a partial one ships half of the
    first line and leaves the rest reserved (a backorder)."""
    lines = await OrderLine.filter(order_id=order.id).order_by("id")
    if partial:
        first = lines[0]
        held = await OrderReservation.filter(line_id=first.id).first()
        assert held is not None  # an order that has not shipped holds its stock
        quantity = max(first.quantity // 2, 1)
        return [await ship.create(c.fulfilment, c.warehouse, order.id, held.warehouse_id,
                                  [ship.ShipLine(first.sku, quantity)], "sf",
                                  f"SF{order.id:010d}")]  # fmt: skip
    by_warehouse: dict[int, list[ship.ShipLine]] = {}
    sku_of = {line.id: line.sku for line in lines}
    for held in await OrderReservation.filter(line_id__in=list(sku_of)).order_by("line_id", "id"):
        by_warehouse.setdefault(held.warehouse_id, []).append(
            ship.ShipLine(sku_of[held.line_id], held.quantity)
        )
    shipments = []
    for n, (warehouse_id, items) in enumerate(sorted(by_warehouse.items())):
        carrier = rng.choice(CARRIERS)
        number = f"{carrier.upper()}{order.id:08d}{n}"
        shipments.append(
            await ship.create(
                c.fulfilment, c.warehouse, order.id, warehouse_id, items, carrier, number
            )
        )
    return shipments


async def _track(shipment, n: int, shipped_at: datetime) -> None:
    for k, (place_name, text) in enumerate(STOPS[: n % 3 + 1]):
        event = ship.Tracking(
            f"demo-{shipment.id}-{k}", shipped_at + (3 * k + 2) * HOUR, place_name, text
        )
        await ship.add_tracking(shipment, event, "carrier")


async def _pay(c: Cast, rng, order: Order) -> None:
    """Pay what is due: from the prepaid balance where the company keeps one, otherwise by a
    bank transfer that finance records. Now and then part of it comes back as a refund."""
    buyer = c.buyers[order.company_id]
    company = await Company.get(id=order.company_id)
    due = (await settlement.figures(order)).due
    if company.prepaid_balance >= due and rng.random() < 0.5:
        payment = await balance.pay_order(buyer, order.id)
    else:
        reference = f"银行流水 {rng.randint(100000, 999999)}"
        amount = Decimal(due) / 100
        payment = await payments.record_transfer(
            c.finance, order.id, amount, clock.today(), reference
        )
    if rng.random() < 0.06:
        amount = Decimal(payment.amount // 10) / 100
        await payments.refund(NO_CARDS, c.finance, payment.id, amount, "破损折让")


async def load_open(c: Cast, companies: list[Company]) -> None:
    """Orders placed today the way buyers place them; 鲜达 requires its approver above
    100 yuan, so its order waits for approval. Bright Mart pays by card in the storefront."""
    rng = random.Random(1128)
    for company in companies:
        method = "card" if company.tax_id == "91310115MA1BRIGHT8" else "bank_transfer"
        await place(c, rng, company, method, f"PO-OPEN-{company.id}", lines=2, sizes=(2, 3))
