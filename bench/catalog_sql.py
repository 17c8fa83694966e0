"""The product page's search statement alone, timed in the database (EXPLAIN ANALYZE execution
time, median of N): for a busy machine where HTTP latencies measure the neighbours as much as
the code. Run against a database that bench/catalog_flat.py filled, with either source tree:

    PYTHONPATH=. .venv/bin/python bench/catalog_sql.py postgres://…/dinghuo_bench_flat
    PYTHONPATH=/work/main .venv/bin/python bench/catalog_sql.py postgres://…/dinghuo_bench_flat
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys


async def main(url: str, runs: int) -> None:
    from tortoise import Tortoise

    from db.accounts import Company
    from db.catalog import Category
    from db.config import tortoise_config
    from db.pricing import PriceList
    from domain.catalog import search as catalog

    await Tortoise.init(config=tortoise_config(url))
    connection = Tortoise.get_connection("default")
    captured: list = []
    original = connection.execute_query_dict

    async def capture(sql, values=None):
        captured.append((sql, values))
        return await original(sql, values)

    connection.execute_query_dict = capture  # type: ignore[method-assign]
    company = await Company.get(name="Bench")
    tiers = [pl.id for pl in await PriceList.filter(tier=company.price_tier)]
    category = await Category.get(slug="c7")
    try:  # a tree with stored lowest prices (domain.pricing.lowest_prices) reads them
        from domain.pricing import lowest_prices

        stored = {"stored_prices": await lowest_prices.stored([], tiers)}
    except ImportError:
        stored = {}
    cases = [
        ("newest", {"sort": catalog.NEWEST}),
        ("name zh-Hans", {"sort": catalog.NAME}),
        ("name en", {"sort": catalog.NAME, "language": "en"}),
        ("price", {"sort": catalog.PRICE, **stored}),
        ("price, categ.", {"sort": catalog.PRICE, "category_id": category.id, **stored}),
        ("search 奶茶", {"text": "奶茶"}),
        ("search 000042", {"text": "000042", "language": "en"}),
        ("search 银鹭阿", {"text": "银鹭阿"}),
        ("search 奶茶 pr", {"text": "奶茶", "sort": catalog.PRICE, **stored}),
        ("category", {"category_id": category.id}),
    ]
    for name, options in cases:
        search = catalog.ProductSearch(
            **({"language": "zh-Hans", "tier_lists": tiers, "first": 20} | options)
        )
        captured.clear()
        rows = await catalog.search_products(search)
        sql, values = captured[-1]
        times = []
        for _ in range(runs):
            plan = await original(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", values)
            document = plan[0]["QUERY PLAN"]
            document = json.loads(document) if isinstance(document, str) else document
            times.append(document[0]["Execution Time"])
        print(f"  {name:14} {statistics.median(times):8.1f} ms  rows {len(rows)}", flush=True)
    await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5))
