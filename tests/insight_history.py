"""Order history for insight tests: orders written with chosen moments and statuses, and the
same figures computed the slow, obvious way in Python to check the SQL against."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from db.accounts import User
from db.catalog import Category, CategoryTranslation
from db.orders import Order, OrderLine
from domain.insight import rollup
from domain.shared import clock
from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")


@contextmanager
def supplier_in_shanghai() -> Iterator[None]:
    """The business timezone is process-wide: an app built earlier in the run may have left
    another one configured."""
    previous = clock.zone()
    clock.configure("Asia/Shanghai")
    try:
        yield
    finally:
        clock.configure(previous.key)


STATUSES = ["confirmed", "shipped", "completed", "pending_review", "cancelled", "rejected"]
# Shipping regions and the province each is reported under.
REGIONS = {"上海市浦东新区": "上海", "广东省广州市天河区": "广东", "Singapore": ""}


@dataclass
class Sale:
    moment: datetime
    status: str
    company_id: int
    sku: str
    product_id: int
    category_id: int | None
    order_id: int
    quantity: int
    line_total: int
    province: str = ""


async def place(company, user, moment: datetime, status: str, lines, region: str = "") -> Order:
    """An order with (variant, quantity, unit price in fen) lines, placed at `moment`."""
    order = await Order.create(
        number=f"T{random.randrange(10**12)}",
        company=company,
        placed_by=user,
        status=status,
        payment_method="bank_transfer",
        shipping_address={"region": region} if region else {},
        currency="CNY",
        subtotal=0,
        total=0,
    )
    total = 0
    for variant, quantity, price in lines:
        total += quantity * price
        await OrderLine.create(
            order=order,
            variant=variant,
            sku=variant.sku,
            names={"zh-Hans": variant.sku},
            unit="piece",
            pack_size=1,
            quantity=quantity,
            unit_price=price,
            line_total=quantity * price,
            price_source="base",
        )
    # Stored in UTC like every order the platform writes.
    await Order.filter(id=order.id).update(
        created_at=moment.astimezone(ZoneInfo("UTC")), subtotal=total, total=total
    )
    await rollup.refresh(order.id)  # written here, not through the domain that keeps it
    return order


async def random_history(seed: int, start: date, days: int, orders: int) -> list[Sale]:
    """Orders spread over `days` from `start`, many close to midnight in Shanghai."""
    rng = random.Random(seed)
    categories = []
    for name in ("饮料", "零食"):
        category = await Category.create(slug=f"c-{seed}-{name}", path="/")
        await CategoryTranslation.create(category=category, language="zh-Hans", name=name)
        categories.append(category)
    variants = []
    for i in range(5):
        product = await factories.product(category=categories[i % 2] if i < 4 else None)
        variants.append(await factories.variant(product))
    companies = [await factories.company() for _ in range(3)]
    user = await User.create(
        email=f"placer{seed}@example.com", password_hash="-", full_name="下单人", kind="staff",
        staff_role="sales",
    )  # fmt: skip
    sales = []
    for _ in range(orders):
        day = start + timedelta(days=rng.randrange(days))
        minute = rng.choice([0, 1, 5, 60 * 12, 60 * 23 + 58, 60 * 23 + 59, rng.randrange(1440)])
        moment = datetime.combine(day, datetime.min.time(), SHANGHAI) + timedelta(
            minutes=minute, seconds=rng.randrange(60)
        )
        company = rng.choice(companies)
        status = rng.choice(STATUSES)
        picked = rng.sample(variants, rng.randint(1, 3))
        lines = [(v, rng.randint(1, 12), rng.choice([150, 999, 1500, 2388])) for v in picked]
        region = rng.choice(list(REGIONS))
        order = await place(company, user, moment, status, lines, region)
        for variant, quantity, price in lines:
            product = await variant.product
            sales.append(
                Sale(
                    moment, status, company.id, variant.sku, product.id, product.category_id,
                    order.id, quantity, quantity * price, REGIONS[region],
                )
            )  # fmt: skip
    return sales


def brute_force(sales: list[Sale], start: date, end: date, key, company_id=None) -> dict:
    """{key: (revenue, orders, units)} over counted sales in the business days start..end."""
    revenue: dict = defaultdict(int)
    orders: dict = defaultdict(set)
    units: dict = defaultdict(int)
    for s in sales:
        local_day = s.moment.astimezone(SHANGHAI).date()
        if not start <= local_day <= end or s.status in ("cancelled", "rejected"):
            continue
        if company_id is not None and s.company_id != company_id:
            continue
        k = key(s)
        revenue[k] += s.line_total
        orders[k].add(s.order_id)
        units[k] += s.quantity
    return {k: (Decimal(revenue[k]) / 100, len(orders[k]), units[k]) for k in revenue}
