"""Stripe webhook throughput: signed events posted to the real endpoint (`/webhooks/stripe`,
one uvicorn worker, PostgreSQL) by concurrent kept-alive clients. Each card payment gets a
`payment_intent.processing` and a `payment_intent.succeeded` event in shuffled order (so some
arrive late), and a share of the events is delivered twice at the same moment on two
connections, as Stripe's retries can. Prints events/s, p50/p95 and the server's CPU per event,
then checks that every effect happened exactly once.

    .venv/bin/python bench/webhooks.py                   # 300 payments, 20 % duplicates
    .venv/bin/python bench/webhooks.py --payments 1000 --clients 16

PostgreSQL: a fresh database `dinghuo_bench_webhooks` on TEST_POSTGRES_URL's server.
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

import asyncpg
from strawberry.relay import to_base64

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402
from bench.common import cpu_seconds, fresh_database, pct, server  # noqa: E402
from bench.orders import PASSWORD, seed  # noqa: E402
from bench.scale_setup import backends, cpu, used  # noqa: E402
from tests.webhooks.helpers import event, signed  # noqa: E402

SECRET = "whsec_bench_" + "0" * 24
FOR_COMPANY = """mutation($i: OrderPlaceForCompanyInput!) {
  orderPlaceForCompany(input: $i) {
    order { number } errors { code } } }"""
ADDRESS = {"recipient": "收货部", "phone": "13800000000", "region": "上海市", "line": "张江路 1 号"}
COMPANIES, VARIANTS = 4, 50


async def staff_user(url: str) -> str:
    """An admin to place the orders for the companies (代客下单); returns the e-mail."""
    from tortoise import Tortoise

    from db.accounts import User
    from db.config import tortoise_config
    from domain.accounts.credentials import hash_password
    from domain.accounts.policy import AuthPolicy

    await Tortoise.init(config=tortoise_config(url))
    try:
        policy = AuthPolicy(secret_key="x" * 40, hash_time_cost=1, hash_memory_kib=1024)
        password_hash = await hash_password(policy, PASSWORD)
        await User.create(
            email="admin@example.com", kind="staff", staff_role="admin", password_hash=password_hash
        )
    finally:
        await Tortoise.close_connections()
    return "admin@example.com"


async def place_orders(base: str, token: str, count: int, clients: int) -> None:
    """Card orders placed by staff for the seeded companies, `clients` at a time."""
    port = int(base.rsplit(":", 1)[1])
    todo = list(range(count))

    async def placer() -> None:
        connection = loadgen.Connection("127.0.0.1", port)
        while todo:
            n = todo.pop()
            lines = [{"sku": f"S{(n + k) % VARIANTS}", "quantity": 1 + k} for k in range(2)]
            variables = {
                "i": {
                    "companyId": to_base64("Company", 1 + n % COMPANIES),
                    "lines": lines,
                    "paymentMethod": "CARD",
                    "shipTo": {"address": ADDRESS},
                }
            }
            raw = loadgen.post("/graphql", {"query": FOR_COMPANY, "variables": variables}, token)
            status, body = await connection.request(raw)
            payload = json.loads(body)["data"]["orderPlaceForCompany"] if status == 200 else None
            assert payload and not payload["errors"], body[:300]
        connection.close()

    await asyncio.gather(*(placer() for _ in range(clients)))


async def card_payments(db: asyncpg.Connection) -> list[asyncpg.Record]:
    """A pending card payment for each order's total, as `orderPaymentIntentCreate` leaves it
    once Stripe answered with a PaymentIntent (no Stripe server is needed for the bench)."""
    await db.execute(
        "INSERT INTO payment (order_id, company_id, method, status, amount, currency, "
        "stripe_intent_id, reference, flagged, flag_reason, refunded, created_at, updated_at) "
        "SELECT id, company_id, 'card', 'pending', total, currency, 'pi_bench_' || id, '', "
        "false, '', 0, now(), now() FROM sales_order"
    )
    return await db.fetch("SELECT stripe_intent_id, amount, currency FROM payment ORDER BY id")


def deliveries(payments: list[asyncpg.Record], duplicates: float, rng: random.Random):
    """Signed request bytes, grouped by moment: a group of two is the same event twice."""
    events = []
    for p in payments:
        intent = {
            "id": p["stripe_intent_id"],
            "object": "payment_intent",
            "amount": p["amount"],
            "amount_received": p["amount"],
            "currency": p["currency"].lower(),
        }
        for kind in ("processing", "succeeded"):
            body, signature = signed(
                event(f"evt_{kind}_{p['stripe_intent_id']}", f"payment_intent.{kind}", intent),
                secret=SECRET,
            )
            head = (
                "POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/json\r\n"
                f"Stripe-Signature: {signature}\r\nContent-Length: {len(body)}\r\n\r\n"
            )
            events.append(head.encode() + body)
    rng.shuffle(events)
    twice = set(rng.sample(range(len(events)), round(len(events) * duplicates)))
    return [[raw, raw] if n in twice else [raw] for n, raw in enumerate(events)]


async def deliver(port: int, groups: list[list[bytes]], clients: int) -> tuple[list, list]:
    """Posts the groups from `clients` workers, each with two kept-alive connections (the
    second for a duplicate sent at the same moment). Returns latencies and failures."""
    latencies: list[float] = []
    failures: list[str] = []
    todo = list(reversed(groups))

    async def timed(connection: loadgen.Connection, raw: bytes) -> None:
        start = time.perf_counter()
        status, body = await connection.request(raw)
        latencies.append(time.perf_counter() - start)
        if status != 200 or json.loads(body) != {"received": True}:
            failures.append(f"{status} {body[:200]!r}")

    async def worker() -> None:
        pair = [loadgen.Connection("127.0.0.1", port) for _ in range(2)]
        while todo:
            group = todo.pop()
            await asyncio.gather(*(timed(c, raw) for c, raw in zip(pair, group, strict=False)))
        for connection in pair:
            connection.close()

    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, failures


async def effects(db: asyncpg.Connection) -> dict[str, int]:
    """What the events left behind, counted in the database."""

    async def one(sql: str) -> int:
        return int(await db.fetchval(sql) or 0)

    return {
        "events recorded": await one("SELECT count(*) FROM stripe_event"),
        "payments succeeded": await one("SELECT count(*) FROM payment WHERE status = 'succeeded'"),
        "orders paid": await one("SELECT count(*) FROM sales_order WHERE payment_status = 'paid'"),
        "moves to succeeded (audit)": await one(
            "SELECT count(*) FROM audit_entry WHERE action = 'payment.succeed'"
        ),
    }


def statements(log_path: Path) -> list[int]:
    """SQL statements of each webhook request, from the server's JSON access log."""
    found = []
    for line in log_path.read_text().splitlines():
        if line.startswith("{") and "/webhooks/stripe" in line:
            record = json.loads(line)
            if record.get("path") == "/webhooks/stripe" and "sql" in record:
                found.append(record["sql"])
    return found


async def bench(args) -> int:
    url, tmp = await fresh_database("postgres", "dinghuo_bench_webhooks")
    print(f"seeding {args.payments} card orders (PostgreSQL)", flush=True)
    await seed(url, COMPANIES, VARIANTS)
    email = await staff_user(url)
    db = await asyncpg.connect(url.split("?", 1)[0].replace("postgres://", "postgresql://", 1))
    try:
        async with server(
            url,
            tmp / "server.log",
            LOG_LEVEL="INFO",
            LOG_FORMAT="json",
            STRIPE_WEBHOOK_SECRET=SECRET,
            ORDER_REVIEW_STEPS="",
        ) as base:
            port = int(base.rsplit(":", 1)[1])
            token = await loadgen.login(loadgen.Connection("127.0.0.1", port), email, PASSWORD)
            await place_orders(base, token, args.payments, 4)
            payments = await card_payments(db)
            groups = deliveries(payments, args.duplicates, random.Random(args.seed))
            posts = sum(len(g) for g in groups)
            await deliver(port, groups[: args.clients], args.clients)  # warm-up: no timing
            before = cpu([base.pid]), cpu(await backends(db)), cpu_seconds(os.getpid())
            started = time.perf_counter()
            latencies, failures = await deliver(port, groups[args.clients :], args.clients)
            took = time.perf_counter() - started
            after = cpu([base.pid]), cpu(await backends(db)), cpu_seconds(os.getpid())
        found = await effects(db)
    finally:
        await db.close()
    timed = len(latencies)
    per = 1000 / max(timed, 1)
    print(
        f"{timed / took:.0f} events/s with {args.clients} clients ({timed} posts, {posts} in all "
        f"with the warm-up, {posts - 2 * len(payments)} of them duplicates sent concurrently) | "
        f"p50 {pct(latencies, 50):.1f} ms p95 {pct(latencies, 95):.1f} ms | failed {len(failures)}"
    )
    print(
        f"  CPU per event: server {used(before[0], after[0]) * per:.1f} ms, PostgreSQL "
        f"{used(before[1], after[1]) * per:.1f} ms, load generator "
        f"{(after[2] - before[2]) * per:.1f} ms"
    )
    expected = {
        "events recorded": 2 * len(payments),
        "payments succeeded": len(payments),
        "orders paid": len(payments),
        "moves to succeeded (audit)": len(payments),
    }
    sql = statements(tmp / "server.log")
    if sql:
        print(
            f"  SQL statements per event (access log): median {statistics.median(sql):.0f}, "
            f"fewest {min(sql)}, most {max(sql)}"
        )
    for name, count in found.items():
        print(f"  {name}: {count} (expected {expected[name]})")
    for failure in failures[:3]:
        print(f"  e.g. {failure}")
    ok = found == expected and not failures
    print("every event applied exactly once" if ok else "MISMATCH")
    return 0 if ok else 1


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--payments", type=int, default=300, help="card payments (2 events each)")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share delivered twice")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1, help="for the shuffle and the duplicates")
    args = parser.parse_args(argv)
    if args.payments < 1 or not 0 <= args.duplicates <= 1 or args.clients < 1:
        parser.error("--payments and --clients take positive counts, --duplicates 0 to 1")
    return args


def main() -> None:
    os.chdir(ROOT)
    sys.exit(asyncio.run(bench(parse())))


if __name__ == "__main__":
    main()
