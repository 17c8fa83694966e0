"""Demo order history: about three months of orders across the demo companies, in every
status, plus a few open orders placed through the real placement (so they hold stock)."""

from __future__ import annotations

import random
from datetime import timedelta

from db.accounts import Company, User
from db.catalog import Variant
from db.orders import Order, OrderEvent, OrderLine, OrderNumberCounter
from domain.accounts.permissions import Principal
from domain.ordering import cart
from domain.ordering import place as ordering
from domain.pricing import prices as pricing
from domain.shared import clock

ADDRESS = {"recipient": "收货部", "phone": "021-55550000", "region": "上海市浦东新区",
           "line": "张江高科技园区 88 号 3 号仓", "postalCode": "201203"}  # fmt: skip
# Where each historical order ended up, and the timeline that led there.
HISTORY = {
    "completed": ["placed", "confirmed", "shipped", "delivered", "completed"],
    "delivered": ["placed", "confirmed", "shipped", "delivered"],
    "shipped": ["placed", "confirmed", "shipped"],
    "partially_shipped": ["placed", "confirmed", "processing", "partially_shipped"],
    "processing": ["placed", "confirmed", "processing"],
    "confirmed": ["placed", "confirmed"],
    "cancelled": ["placed", "cancelled"],
    "rejected": ["placed", "rejected"],
}
WEIGHTS = {
    "completed": 64, "delivered": 10, "shipped": 6, "partially_shipped": 3, "processing": 3,
    "confirmed": 4, "cancelled": 6, "rejected": 4,
}  # fmt: skip


async def load(steps: list[str]) -> None:
    rng = random.Random(1127)
    now = clock.now()
    companies = await Company.filter(status="active").order_by("id")
    buyers = {
        c.id: await User.filter(company_id=c.id, company_role__in=["owner", "purchaser"]).first()
        for c in companies
    }
    variants = await Variant.filter(is_active=True).order_by("id")
    counters: dict[str, int] = {}
    for _ in range(140):
        company = rng.choice(companies)
        placed_at = now - timedelta(days=rng.randint(1, 92), hours=rng.randint(0, 8))
        status = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        day = placed_at.strftime("%Y%m%d")
        counters[day] = counters.get(day, 0) + 1
        await _historical(rng, company, buyers[company.id], variants, status, placed_at,
                          f"SO{day}-{counters[day]:04d}")  # fmt: skip
    for day, last in counters.items():
        await OrderNumberCounter.create(day=day, last_number=last)
    await _open_orders(rng, companies[:3], buyers, variants, now.date(), steps)


async def _historical(rng, company, buyer, variants, status, placed_at, number) -> None:
    chosen = rng.sample(variants, rng.randint(1, 4))
    lines, total = [], 0
    for variant in chosen:
        quantity = rng.choice([5, 10, 20, 50]) * variant.order_multiple
        price = await pricing.price_for(company.id, company.price_tier, variant.id,
                                        variant.base_price, quantity, placed_at.date())  # fmt: skip
        lines.append((variant, quantity, price))
        total += price.unit_price * quantity
    order = await Order.create(
        number=number, company=company, placed_by=buyer, status=status,
        payment_status="paid" if status == "completed" else "unpaid",
        fulfilment_status={"completed": "delivered", "delivered": "delivered",
                           "shipped": "shipped"}.get(status, "unfulfilled"),
        payment_method=rng.choice(["bank_transfer", "card", "credit_terms"]
                                  if company.payment_terms_days else ["bank_transfer", "card"]),
        po_number=f"PO-{placed_at:%y%m}-{rng.randint(100, 999)}", shipping_address=ADDRESS,
        currency="CNY", subtotal=total, total=total,
    )  # fmt: skip
    await Order.filter(id=order.id).update(created_at=placed_at)
    for variant, quantity, price in lines:
        await OrderLine.create(
            order=order, variant=variant, sku=variant.sku, names={"zh-Hans": variant.sku},
            unit=variant.unit, pack_size=variant.pack_size, quantity=quantity,
            unit_price=price.unit_price, line_total=price.unit_price * quantity,
            price_source=price.source,
        )  # fmt: skip
    previous = None
    for n, kind in enumerate(HISTORY[status]):
        to = "pending_review" if kind == "placed" else kind
        event = await OrderEvent.create(order=order, actor=buyer, actor_email=buyer.email,
                                        kind=kind, from_status=previous, to_status=to)  # fmt: skip
        await OrderEvent.filter(id=event.id).update(created_at=placed_at + timedelta(days=n))
        previous = to


async def _open_orders(rng, companies, buyers, variants, today, steps) -> None:
    """Orders placed today the way buyers place them; 鲜达 requires its approver above
    100 yuan, so its order waits for approval."""
    companies[0].approval_threshold = 10000
    await companies[0].save(update_fields=["approval_threshold"])
    for company in companies:
        buyer = buyers[company.id]
        actor = Principal(buyer.id, buyer.email, "buyer", company_id=company.id,
                          company_role=buyer.company_role, company_status=company.status)  # fmt: skip
        who = cart.Buyer(buyer.id, company.id, company.price_tier)
        for variant in rng.sample(variants, 2):
            await cart.set_quantity(who, variant.id, 2 * variant.order_multiple, today)
        placement = ordering.Placement(
            actor=actor, company_id=company.id, payment_method="bank_transfer",
            shipping_address=ADDRESS, on=today, review_steps=steps, currency="CNY",
            po_number=f"PO-OPEN-{company.id}",
        )  # fmt: skip
        try:
            await ordering.place(placement, buyer.id)
        except Exception:  # noqa: BLE001 - a sold-out demo item just means one order fewer
            await cart.clear(buyer.id)
