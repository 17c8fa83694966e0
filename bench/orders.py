"""Ordering benchmark: concurrent buyers fill a cart (3 lines) and place the order against the
real server (one uvicorn worker) on PostgreSQL. Prints orders/s and latency percentiles.

    .venv/bin/python bench/orders.py --seconds 20 --clients 8 [--db sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import httpx
from strawberry.relay import to_base64

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import cpu_seconds, fresh_database, pct, server  # noqa: E402
from db.config import tortoise_config  # noqa: E402

PASSWORD = "Bench1234"
SET_LINE = """mutation SetLine($v: ID!, $q: Int!) {
  cartLineSet(input: {variantId: $v, quantity: $q}) { errors { code } } }"""
PLACE = """mutation Place($i: OrderPlaceInput!) { orderPlace(input: $i) {
  order { number } errors { code } } }"""
ADDRESS = {"recipient": "收货部", "phone": "1", "region": "上海", "line": "路 1 号"}


async def seed(url: str, buyers: int, variants: int) -> None:
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    from db.accounts import Company, User
    from db.catalog import Product, ProductTranslation, Variant
    from db.inventory import Warehouse
    from dinghuo.database import migrate
    from domain.accounts.credentials import hash_password
    from domain.accounts.policy import AuthPolicy
    from domain.inventory import stock as inventory

    EXECUTOR_CACHE.clear()
    await migrate(url)
    await Tortoise.init(config=tortoise_config(url))
    try:
        warehouse = await Warehouse.create(code="SH", names={"zh-Hans": "上海仓"})
        for n in range(variants):
            product = await Product.create(slug=f"p{n}", status="published")
            await ProductTranslation.create(product=product, language="zh-Hans", name=f"商品{n}")
            variant = await Variant.create(product=product, sku=f"S{n}", base_price=1000 + n)
            await inventory.receive(None, variant.id, warehouse.id, 1_000_000)
        policy = AuthPolicy(secret_key="x" * 40, hash_time_cost=1, hash_memory_kib=1024)
        password_hash = await hash_password(policy, PASSWORD)
        for n in range(buyers):
            company = await Company.create(
                name=f"Buyer {n}",
                tax_id=f"91310000BENCH{n:05d}",
                contact_name="b",
                email=f"b{n}@example.com",
                status="active",
            )
            await User.create(
                email=f"b{n}@example.com",
                kind="buyer",
                company=company,
                company_role="owner",
                password_hash=password_hash,
            )
    finally:
        await Tortoise.close_connections()


async def buyer_loop(
    base, email, variant_ids, deadline, cycles, places, errors, cpu=None, pid=0, rounds=0
) -> None:
    """Fill a cart and place it until the deadline (or for `rounds` cycles). With `cpu` (one
    buyer alone), the server's CPU time around each request is added up per operation."""
    rng = random.Random(email)

    async def post(client, operation: str, **kwargs):
        before = cpu_seconds(pid) if cpu is not None else 0.0
        answer = await client.post("/graphql", **kwargs)
        if cpu is not None:
            cpu.setdefault(operation, []).append(cpu_seconds(pid) - before)
        return answer

    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        login = await client.post(
            "/graphql",
            json={
                "query": (
                    f'mutation {{ tokenCreate(input: {{email: "{email}", password: "{PASSWORD}"}}) '
                    "{ accessToken } }"
                )
            },
        )
        headers = {"authorization": f"Bearer {login.json()['data']['tokenCreate']['accessToken']}"}
        while time.perf_counter() < deadline and (not rounds or len(cycles) < rounds):
            start = time.perf_counter()
            for vid in rng.sample(variant_ids, 3):
                await post(
                    client,
                    "SetLine",
                    headers=headers,
                    json={"query": SET_LINE, "variables": {"v": vid, "q": rng.randint(1, 5)}},
                )
            placing = time.perf_counter()
            result = (
                await post(
                    client,
                    "Place",
                    headers=headers,
                    json={
                        "query": PLACE,
                        "variables": {
                            "i": {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": ADDRESS}}
                        },
                    },
                )
            ).json()
            done = time.perf_counter()
            if result.get("errors") or result["data"]["orderPlace"]["errors"]:
                errors.append(result)
            else:
                cycles.append(done - start)
                places.append(done - placing)


async def bench(db: str, args) -> None:
    url, tmp = await fresh_database(db, "dinghuo_bench_orders")
    await seed(url, args.clients, 200)
    variant_ids = [to_base64("Variant", n) for n in range(1, 201)]
    log_path = tmp / "server.log"
    async with server(url, log_path, LOG_LEVEL="INFO", LOG_FORMAT="json") as base:
        cycles, places, errors = [], [], []
        cpu_before = cpu_seconds(base.pid)
        deadline = time.perf_counter() + args.seconds
        await asyncio.gather(
            *(
                buyer_loop(base, f"b{n}@example.com", variant_ids, deadline, cycles, places, errors)
                for n in range(args.clients)
            )
        )
        cpu = cpu_seconds(base.pid) - cpu_before
        serial: dict[str, list[float]] = {}
        if args.serial:
            # One buyer alone, one request at a time: the server's CPU per request by operation
            # (/proc counts in clock ticks; the sum over many requests is what counts).
            await buyer_loop(
                base, "b0@example.com", variant_ids, time.perf_counter() + 600, [], [], errors,
                cpu=serial, pid=base.pid, rounds=args.serial,
            )  # fmt: skip
    sql = _statements(log_path)
    print(
        f"{db}: {len(cycles) / args.seconds:.1f} orders/s with {args.clients} buyers | "
        f"cart fill + place p50 {pct(cycles, 50):.0f} ms p95 {pct(cycles, 95):.0f} ms | "
        f"orderPlace alone p50 {pct(places, 50):.0f} ms p95 {pct(places, 95):.0f} ms | "
        f"failed {len(errors)} | mean {statistics.mean(places) * 1000 if places else 0:.0f} ms"
    )
    print(
        f"  SQL statements per orderPlace {_median(sql.get('Place'))}, per cartLineSet "
        f"{_median(sql.get('SetLine'))} | server CPU per cycle (3 cartLineSet + orderPlace) "
        f"{cpu / max(len(cycles), 1) * 1000:.1f} ms"
    )
    if serial:
        print(
            f"  one buyer alone, {args.serial} cycles: server CPU per cartLineSet "
            f"{statistics.mean(serial['SetLine']) * 1000:.1f} ms, per orderPlace "
            f"{statistics.mean(serial['Place']) * 1000:.1f} ms"
        )


def _statements(log_path: Path) -> dict[str, list[int]]:
    """SQL statements per operation name, from the server's JSON request log."""
    found: dict[str, list[int]] = {}
    for line in log_path.read_text().splitlines():
        if line.startswith("{") and '"graphql"' in line:
            record = json.loads(line)
            found.setdefault(record.get("operation", "-"), []).append(record["sql"])
    return found


def _median(values: list[int] | None) -> str:
    return str(statistics.median(values)) if values else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", action="append", choices=["sqlite", "postgres"])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--serial", type=int, default=40, help="cycles of one buyer alone, for CPU per request"
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for db in args.db or ["postgres"]:
        asyncio.run(bench(db, args))


if __name__ == "__main__":
    main()
