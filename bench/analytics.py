"""Sales analytics benchmark: generates a year of order history (many order lines), fills the
daily rollup from it (the orders are written in bulk, not through the domain that keeps it),
and prints how long each sales report takes over the year, for everyone and for one company.

    .venv/bin/python bench/analytics.py --lines 1000000 [--db sqlite --db postgres]

`--reuse` keeps the PostgreSQL database of an earlier run (migrating it to the current schema)
instead of writing the history again, so a change can be timed on the same orders.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import fresh_database  # noqa: E402
from db.config import tortoise_config  # noqa: E402

STATUSES = ["completed"] * 6 + ["shipped", "confirmed", "pending_review", "cancelled", "rejected"]
YEAR_START = date(2025, 7, 1)
CASES = [
    ("by day", {"by": "period", "grain": "day"}),
    ("by week", {"by": "period", "grain": "week"}),
    ("by month", {"by": "period", "grain": "month"}),
    ("by product", {"by": "product"}),
    ("by category", {"by": "category"}),
    ("by company", {"by": "company"}),
    ("top 20 SKUs", {"by": "sku", "limit": 20}),
    ("by province", {"by": "province"}),
    ("by price tier", {"by": "price_tier"}),
    ("by sales rep", {"by": "sales_rep"}),
]
PROVINCES = ["上海市浦东新区", "广东省深圳市", "浙江省杭州市", "江苏省南京市", "北京市朝阳区"]


async def seed(lines: int, companies: int = 200, variants: int = 2000) -> int:
    """Orders of 1–7 lines spread over a year; returns the number of order lines written."""
    from db.accounts import Company, User
    from db.catalog import Category, CategoryTranslation, Product, ProductTranslation, Variant
    from db.orders import Order, OrderLine

    rng = random.Random(1)
    categories = [await Category.create(slug=f"c{n}", path="/") for n in range(20)]
    for c in categories:
        await CategoryTranslation.create(category=c, language="zh-Hans", name=f"分类{c.id}")
    await Product.bulk_create(
        [
            Product(slug=f"p{n}", status="published", category=categories[n % 20])
            for n in range(variants // 4)
        ]
    )
    products = await Product.all()
    await ProductTranslation.bulk_create(
        [ProductTranslation(product=p, language="zh-Hans", name=f"商品{p.id}") for p in products]
    )
    await Variant.bulk_create(
        [
            Variant(product=products[n % len(products)], sku=f"S{n}", base_price=1000 + n)
            for n in range(variants)
        ]
    )
    variant_rows = await Variant.all().values_list("id", "sku", "base_price")
    user = await User.create(email="b@x.cn", password_hash="-", full_name="销售", kind="staff",
                             staff_role="sales")  # fmt: skip
    await Company.bulk_create(
        [
            Company(name=f"客户{n}", tax_id=f"91310000BENCH{n:05d}", contact_name="-",
                    email=f"c{n}@x.cn", status="active", credit_limit=0,
                    price_tier=["wholesale", "retail", None][n % 3], sales_rep_id=user.id)
            for n in range(companies)
        ]
    )  # fmt: skip
    company_ids = [c for (c,) in await Company.all().values_list("id")]
    written, number, start = 0, 0, datetime.combine(YEAR_START, datetime.min.time(), UTC)
    while written < lines:
        orders, shapes = [], []
        for _ in range(5000):
            number += 1
            moment = start + timedelta(seconds=rng.randrange(365 * 86400))
            orders.append(Order(
                number=f"B{number}", company_id=rng.choice(company_ids), placed_by=user,
                status=rng.choice(STATUSES), payment_method="bank_transfer",
                shipping_address={"region": rng.choice(PROVINCES)},
                currency="CNY", subtotal=0, total=0, created_at=moment,
            ))  # fmt: skip
            shapes.append(rng.randint(1, 7))
        await Order.bulk_create(orders, batch_size=1000)
        ids = [
            i
            for (i,) in await Order.filter(number__in=[o.number for o in orders]).values_list("id")
        ]
        batch = []
        for order_id, count in zip(sorted(ids), shapes, strict=True):
            for variant_id, sku, price in rng.sample(variant_rows, count):
                quantity = rng.randint(1, 24)
                batch.append(OrderLine(
                    order_id=order_id, variant_id=variant_id, sku=sku, names={"zh-Hans": sku},
                    unit="piece", pack_size=1, quantity=quantity, unit_price=price,
                    line_total=quantity * price, price_source="base",
                ))  # fmt: skip
        await OrderLine.bulk_create(batch, batch_size=2000)
        written += len(batch)
    return written


async def _existing(name: str) -> str | None:
    """The URL of an earlier run's PostgreSQL database, if it holds order lines."""
    import asyncpg

    server = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    url = server.rsplit("/", 1)[0] + f"/{name}"
    try:
        connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    except asyncpg.InvalidCatalogNameError:
        return None
    try:
        found = await connection.fetchval("SELECT EXISTS (SELECT 1 FROM order_line)")
    except asyncpg.UndefinedTableError:
        found = False
    finally:
        await connection.close()
    return f"{url}?maxsize=10" if found else None


async def bench(db: str, lines: int, repeat: int, reuse: bool, name: str) -> None:
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    from dinghuo.database import migrate

    url = await _existing(name) if reuse and db == "postgres" else None
    kept = url is not None
    if url is None:
        url, _ = await fresh_database(db, name)
    EXECUTOR_CACHE.clear()
    started = time.perf_counter()
    await migrate(url)
    if kept:
        took = time.perf_counter() - started
        print(f"{db}: kept the earlier run's orders; migrated in {took:.0f} s")
    await Tortoise.init(config=tortoise_config(url))
    try:
        if not kept:
            await _fill(db, lines)
        if db == "postgres":
            await Tortoise.get_connection("default").execute_script("ANALYZE")
        await _time_reports(repeat)
    finally:
        await Tortoise.close_connections()


async def _fill(db: str, lines: int) -> None:
    from domain.insight.rollup import rebuild

    started = time.perf_counter()
    written = await seed(lines)
    took = time.perf_counter() - started
    print(f"{db}: {written:,} order lines over a year written in {took:.0f} s")
    started = time.perf_counter()
    rows = await rebuild()
    took = time.perf_counter() - started
    print(f"{db}: daily rollup rebuilt from them in {took:.0f} s ({rows:,} rows)")


async def _time_reports(repeat: int) -> None:
    from tortoise import Tortoise

    from domain.insight.sales import SalesQuery, sales_report

    one_company = (await Tortoise.get_connection("default").execute_query_dict(
        "SELECT MIN(company_id) AS c FROM sales_order"))[0]["c"]  # fmt: skip
    end = YEAR_START + timedelta(days=364)
    print(f"{'report (a year)':<16} {'all companies':>14} {'one company':>12}")
    for name, params in CASES:
        timings = []
        for company in (None, one_company):
            query = SalesQuery(YEAR_START, end, company_id=company, **params)
            runs = []
            for _ in range(repeat):
                t = time.perf_counter()
                await sales_report(query)
                runs.append(time.perf_counter() - t)
            timings.append(statistics.median(runs) * 1000)
        print(f"{name:<16} {timings[0]:>11.0f} ms {timings[1]:>9.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep an earlier run's database")
    parser.add_argument("--database", default="dinghuo_bench_insight", help="PostgreSQL name")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for db in args.db or ["postgres"]:
        asyncio.run(bench(db, args.lines, args.repeat, args.reuse, args.database))


if __name__ == "__main__":
    main()
