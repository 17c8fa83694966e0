"""Flat cost: the storefront's product page sorted by newest, name (pinyin) and price, searched
by a Chinese and an English substring and filtered by a category, at several catalog sizes.
Prints p50/p95 latency and SQL statements per request for each size, so growth shows as the
ratio between sizes. One client, requests one after another, the real server (one worker).

    .venv/bin/python bench/catalog_flat.py --db postgres --sizes 1000,100000
    .venv/bin/python bench/catalog_flat.py --db postgres --sizes 1000 --compare /work/main

`--compare TREE` also serves the same database from another source tree (before a change).
`--keep DIR` seeds each size once and reuses it in later runs (migrated to this tree first).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import Base, cpu_seconds, fresh_database, pct, server  # noqa: E402
from domain.catalog.csv_format import COLUMNS  # noqa: E402

PAGE = """query Page($filter: ProductFilter, $sort: ProductSort!) {
  products(first: 20, filter: $filter, sort: $sort) { edges { node { id name
    variants { sku price { unitPrice { amount } } } } } pageInfo { endCursor } } }"""
# Syllables that sort differently by pinyin and by code point; names are four of them.
HAN = "东乐三上北京银鹭阿胶茶奶花生果汁啤酒饼干米面油盐酱醋糖"


def name_of(p: int) -> str:
    n, chars = p * 7919 + 13, []
    for _ in range(4):
        chars.append(HAN[n % len(HAN)])
        n //= len(HAN)
    return "".join(chars) + f"{p:06d}"


def write_csv(path: Path, products: int, variants_each: int) -> int:
    """The catalog as an import file; returns its number of rows."""
    rows = 0
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for p in range(products):
            for v in range(variants_each):
                base = 1000 + (p * 7 + v * 13) % 9000
                empty = dict.fromkeys(COLUMNS, "")
                writer.writerow(
                    empty
                    | {
                        "product_slug": f"p{p}",
                        "category_slug": f"c{p % 40}",
                        "status": "published",
                        "name_zh": name_of(p),
                        "name_en": f"Product {p:06d}",
                        "sku": f"B-{p}-{v}",
                        "unit": "case",
                        "pack_size": 12,
                        "base_price": f"{base / 100:.2f}",
                        "min_order_qty": 1,
                        "order_multiple": 1,
                        "low_stock_threshold": 5,
                        "variant_name_zh": f"规格{v}",
                        "tier_prices": f"wholesale:1={base * 0.9 / 100:.2f}",
                        "stock": f"SH={(p + v) % 50}",
                    }
                )
                rows += 1
    return rows


async def seed(url: str, path: Path) -> float:
    """Import the file (seconds taken) and add a buyer of the wholesale tier."""
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    from bench.catalog import PASSWORD
    from db.accounts import Company, User
    from db.config import tortoise_config
    from db.inventory import Warehouse
    from dinghuo.database import migrate
    from domain.accounts.credentials import hash_password
    from domain.accounts.policy import AuthPolicy
    from domain.catalog import categories
    from domain.catalog.import_csv import import_file

    EXECUTOR_CACHE.clear()
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        await Warehouse.create(code="SH", names={"zh-Hans": "上海仓"})
        for n in range(40):
            await categories.create(f"c{n}", {"zh-Hans": f"分类{n}", "en": f"Category {n}"})
        started = time.perf_counter()
        result = await import_file(None, path)
        took = time.perf_counter() - started
        assert not result.errors, result.errors[:3]
        company = await Company.create(
            name="Bench", tax_id="91310000BENCH00001", contact_name="b",
            email="bench@example.com", status="active", price_tier="wholesale",
        )  # fmt: skip
        # Statistics at every size, as autovacuum leaves them a while after an import (the
        # importer analyzes from 10,000 rows on): a small catalog is otherwise planned as empty.
        connection = Tortoise.get_connection("default")
        if connection.capabilities.dialect == "postgres":
            await connection.execute_script("ANALYZE")
        policy = AuthPolicy(secret_key="x" * 40, hash_time_cost=1, hash_memory_kib=1024)
        await User.create(
            email="bench@example.com", kind="buyer", company=company,
            company_role="purchaser", password_hash=await hash_password(policy, PASSWORD),
        )  # fmt: skip
        return took
    finally:
        await Tortoise.close_connections()


async def measure(base: Base, log: Path, language: str, variables: dict, n: int) -> str:
    from bench.catalog import PASSWORD

    async with httpx.AsyncClient(timeout=120) as client:
        login = await client.post(
            f"{base}/graphql",
            json={
                "query": f'mutation {{ tokenCreate(input: {{email: "bench@example.com", password: '
                f'"{PASSWORD}"}}) {{ accessToken }} }}'
            },
        )
        token = login.json()["data"]["tokenCreate"]["accessToken"]
        headers = {"authorization": f"Bearer {token}", "accept-language": language}
        payload = {"query": PAGE, "variables": variables}
        await client.post(f"{base}/graphql", json=payload, headers=headers)  # warm up
        log.write_text("")
        times, found = [], 0
        cpu = cpu_seconds(base.pid)
        for _ in range(n):
            started = time.perf_counter()
            answer = (await client.post(f"{base}/graphql", json=payload, headers=headers)).json()
            times.append(time.perf_counter() - started)
            assert "errors" not in answer, answer["errors"]
            found = len(answer["data"]["products"]["edges"])
        cpu = (cpu_seconds(base.pid) - cpu) / n
    sql = [
        json.loads(line)["sql"]
        for line in log.read_text().splitlines()
        if line.startswith("{") and '"graphql"' in line
    ]
    statements = statistics.median(sql) if sql else "?"
    # The server's own CPU per request (SQLite's work included; PostgreSQL's is elsewhere),
    # which a loaded machine disturbs less than the latency.
    return (
        f"p50 {pct(times, 50):7.1f} ms  p95 {pct(times, 95):7.1f} ms  "
        f"CPU {cpu * 1000:6.1f} ms  SQL {statements}  rows {found}"
    )


async def category_id(base: str, slug: str) -> str:
    async with httpx.AsyncClient() as client:
        for _ in range(600):  # a loaded machine can take a while to start the server
            try:
                await client.get(f"{base}/readyz")
                break
            except httpx.TransportError:
                await asyncio.sleep(0.2)
        answer = await client.post(f"{base}/graphql", json={"query": "{ categories { id slug } }"})
    return next(c["id"] for c in answer.json()["data"]["categories"] if c["slug"] == slug)


async def kept_database(db: str, size: int, args) -> tuple[str, Path, bool]:
    """The database of an earlier run with `--keep DIR` (True: already seeded), else a new one.
    Seeding 100,000 products takes minutes of CPU; a kept one is migrated to this tree."""
    if not args.keep:
        url, tmp = await fresh_database(db, args.name)
        return url, tmp, False
    tmp = Path(args.keep) / f"{db}-{size}-{args.variants}"
    seeded = (tmp / "seeded").exists()
    tmp.mkdir(parents=True, exist_ok=True)
    if db == "sqlite":
        return f"sqlite://{tmp}/bench.sqlite3", tmp, seeded
    if seeded:
        server = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
        name = (tmp / "seeded").read_text().strip()
        return server.rsplit("/", 1)[0] + f"/{name}?maxsize=10", tmp, True
    url, _ = await fresh_database(db, f"{args.name}_{size}")
    return url, tmp, False


async def run(db: str, size: int, args) -> None:
    url, tmp, seeded = await kept_database(db, size, args)
    if seeded:
        from dinghuo.database import migrate

        await migrate(url)
        print(f"{db}, {size:,} products (kept in {tmp})")
    else:
        path = tmp / "catalog.csv"
        rows = write_csv(path, size, args.variants)
        took = await seed(url, path)
        path.unlink()
        print(f"{db}, {size:,} products / {rows:,} variants (import {rows / took:,.0f} rows/s)")
        if args.keep:
            (tmp / "seeded").write_text(url.rsplit("/", 1)[1].split("?")[0])
    trees = [("after", ROOT)] + ([("before", Path(args.compare))] if args.compare else [])
    for label, tree in trees:
        log = tmp / f"server-{label}.log"
        async with server(url, log, root=tree, LOG_FORMAT="json") as base:
            category = await category_id(base, "c7")
            cases = [
                ("newest", "zh-Hans", {"sort": "NEWEST"}),
                ("name zh-Hans", "zh-Hans", {"sort": "NAME"}),
                ("name en", "en", {"sort": "NAME"}),
                ("price", "zh-Hans", {"sort": "PRICE"}),
                ("price, categ.", "zh-Hans", {"sort": "PRICE", "filter": {"categoryId": category}}),
                ("search 奶茶", "zh-Hans", {"sort": "NAME", "filter": {"search": "奶茶"}}),
                ("search 000042", "en", {"sort": "NAME", "filter": {"search": "000042"}}),
                ("search 银鹭阿", "zh-Hans", {"sort": "NAME", "filter": {"search": "银鹭阿"}}),
                ("search 奶茶 pr", "zh-Hans", {"sort": "PRICE", "filter": {"search": "奶茶"}}),
                ("category", "zh-Hans", {"sort": "NAME", "filter": {"categoryId": category}}),
            ]
            for name, language, variables in cases:
                line = await measure(base, log, language, variables, args.requests)
                print(f"  {label:6} {name:14} {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--sizes", default="1000,100000")
    parser.add_argument("--variants", type=int, default=2)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--compare", help="another source tree to serve the same data")
    parser.add_argument("--name", default="dinghuo_bench_flat", help="PostgreSQL database")
    parser.add_argument("--keep", help="keep the seeded databases in DIR and reuse them")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for db in args.db or ["postgres", "sqlite"]:
        for size in (int(s) for s in args.sizes.split(",")):
            asyncio.run(run(db, size, args))


if __name__ == "__main__":
    main()
