"""Storefront catalog benchmark: seeds 10,000 products / 40,000 variants with tier prices,
starts the real server (one uvicorn worker) and drives the storefront query with concurrent
clients for a fixed time. Prints requests/s, latency percentiles and SQL statements per request.

    .venv/bin/python bench/catalog.py --db sqlite --db postgres --seconds 20 --clients 8

PostgreSQL uses a fresh database `dinghuo_bench` on TEST_POSTGRES_URL's server.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import fresh_database, pct, server  # noqa: E402
from db.config import tortoise_config  # noqa: E402
from domain.catalog.csv_format import COLUMNS  # noqa: E402

# The shape of Saleor's storefront benchmark: products with variants, price, quantity available.
SALEOR_SHAPE = """query Products($first: Int!, $filter: ProductFilter) {
  products(first: $first, filter: $filter) { edges { node {
    id name slug
    variants { id sku name price { unitPrice { amount currency } }
      availability { quantity } } } } } }"""
QUERY = """query Storefront($first: Int!, $filter: ProductFilter) {
  products(first: $first, filter: $filter) { edges { node {
    id name slug category { name } images { url alt }
    variants { sku name specs { name value } packSize quantityRules { minimum multiple }
      price { unitPrice { amount currency } }
      priceBreaks { minQuantity unitPrice { amount } }
      availability { status quantity } } } }
    pageInfo { hasNextPage endCursor } } }"""
PASSWORD = "Bench1234"


def catalog_csv(products: int, variants_each: int) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for p in range(products):
        small = p < 32  # the small-catalog case: 32 products, 73 variants in one category
        count = (3 if p < 9 else 2) if small else variants_each
        for v in range(count):
            base = 1000 + (p * 7 + v * 13) % 9000
            writer.writerow(
                {
                    "product_slug": f"p{p}",
                    "category_slug": "small" if small else f"c{p % 40}",
                    "status": "published",
                    "name_zh": f"商品{p:05d}",
                    "name_en": f"Product {p:05d}",
                    "description_zh": "",
                    "description_en": "",
                    "sku": f"B-{p}-{v}",
                    "barcode": "",
                    "unit": "case",
                    "pack_size": 12,
                    "weight_grams": "",
                    "base_price": f"{base / 100:.2f}",
                    "min_order_qty": 1,
                    "order_multiple": 1,
                    "max_order_qty": "",
                    "low_stock_threshold": 5,
                    "variant_name_zh": f"规格{v}",
                    "variant_name_en": f"Size {v}",
                    "specs_zh": f"规格={v}",
                    "specs_en": f"Size={v}",
                    "tier_prices": f"wholesale:1={base * 0.9 / 100:.2f},10={base * 0.85 / 100:.2f}",
                    "stock": f"SH={(p + v) % 50}",
                }
            )
    return out.getvalue()


async def seed(url: str, products: int, variants_each: int) -> None:
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    # Tortoise caches SQL per connection name, not per dialect: one process seeds both.
    EXECUTOR_CACHE.clear()

    from db.accounts import Company, User
    from db.inventory import Warehouse
    from dinghuo.database import migrate
    from domain.accounts.credentials import hash_password
    from domain.accounts.policy import AuthPolicy
    from domain.catalog import categories
    from domain.catalog.import_csv import import_csv

    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        await Warehouse.create(code="SH", names={"zh-Hans": "上海仓"})
        for n in range(40):
            await categories.create(f"c{n}", {"zh-Hans": f"分类{n}", "en": f"Category {n}"})
        await categories.create("small", {"zh-Hans": "小目录", "en": "Small catalog"})
        text = catalog_csv(products, variants_each)
        started = time.perf_counter()
        result = await import_csv(None, text)
        took = time.perf_counter() - started
        assert not result.errors, result.errors[:3]
        print(f"  import: {result.variants_created} rows in {took:.1f} s")
        company = await Company.create(
            name="Bench",
            tax_id="91310000BENCH00001",
            contact_name="b",
            email="bench@example.com",
            status="active",
            price_tier="wholesale",
        )
        policy = AuthPolicy(secret_key="x" * 40, hash_time_cost=1, hash_memory_kib=1024)
        await User.create(
            email="bench@example.com",
            kind="buyer",
            company=company,
            company_role="purchaser",
            password_hash=await hash_password(policy, PASSWORD),
        )
    finally:
        await Tortoise.close_connections()


async def drive(base, token, query, variables, seconds: float, clients: int):
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    payload = {"query": query, "variables": variables}
    headers = {"authorization": f"Bearer {token}"}

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            response = await client.post(f"{base}/graphql", json=payload, headers=headers)
            latencies.append(time.perf_counter() - start)
            if response.status_code != 200 or "errors" in response.json():
                errors += 1

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    return latencies, errors


async def run_case(name, base, token, query, variables, seconds, clients, log_path) -> None:
    log_path.write_text("")  # statements are read from the server's request log
    latencies, errors = await drive(base, token, query, variables, seconds, clients)
    sql = [
        json.loads(line)["sql"]
        for line in log_path.read_text().splitlines()
        if line.startswith("{") and '"graphql"' in line
    ]
    async with httpx.AsyncClient() as client:
        sample = (
            await client.post(
                f"{base}/graphql",
                json={"query": query, "variables": variables},
                headers={"authorization": f"Bearer {token}"},
            )
        ).json()
    edges = sample["data"]["products"]["edges"]
    variants = sum(len(e["node"]["variants"]) for e in edges)
    print(
        f"  {name}: {len(edges)} products / {variants} variants per response | "
        f"{len(latencies) / seconds:.1f} req/s | p50 {pct(latencies, 50):.1f} ms "
        f"p95 {pct(latencies, 95):.1f} ms p99 {pct(latencies, 99):.1f} ms | "
        f"SQL/request {statistics.median(sql) if sql else '?'} | errors {errors}"
    )


async def bench(db: str, args) -> None:
    url, tmp = await fresh_database(db, "dinghuo_bench")
    print(f"{db}: seeding {args.products} products x {args.variants} variants")
    await seed(url, args.products, args.variants)
    log_path = tmp / "server.log"
    async with server(url, log_path, LOG_FORMAT="json", STOCK_DISPLAY="exact") as base:
        async with httpx.AsyncClient() as client:
            mutation = (
                "mutation { tokenCreate(input: "
                f'{{email: "bench@example.com", password: "{PASSWORD}"}}) {{ accessToken }} }}'
            )
            login = await client.post(f"{base}/graphql", json={"query": mutation})
            token = login.json()["data"]["tokenCreate"]["accessToken"]
            categories = await client.post(
                f"{base}/graphql", json={"query": "{ categories { id slug } }"}
            )
        small = next(
            c["id"] for c in categories.json()["data"]["categories"] if c["slug"] == "small"
        )
        small_catalog = {"first": 50, "filter": {"categoryId": small}}
        cases = [
            ("small catalog, Saleor's shape", SALEOR_SHAPE, small_catalog),
            ("small catalog, full storefront shape", QUERY, small_catalog),
            (f"{args.products:,} products, full storefront shape", QUERY, {"first": 50}),
        ]
        for name, query, variables in cases:
            await run_case(
                name, base, token, query, variables, args.seconds, args.clients, log_path
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--variants", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for db in args.db or ["sqlite", "postgres"]:
        asyncio.run(bench(db, args))


if __name__ == "__main__":
    main()
