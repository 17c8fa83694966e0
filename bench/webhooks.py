"""Stripe webhook throughput: signed events posted to the real endpoint (`/webhooks/stripe`,
one uvicorn worker, PostgreSQL) by concurrent kept-alive clients. Each card payment gets a
`payment_intent.processing` and a `payment_intent.succeeded` event in shuffled order (so some
arrive late), and a share of the events is delivered twice at the same moment on two
connections, as Stripe's retries can. Prints events/s, p50/p95 and the server's CPU per event,
then checks that every effect happened exactly once.

    .venv/bin/python bench/webhooks.py                   # 300 payments, 20 % duplicates
    .venv/bin/python bench/webhooks.py --payments 1000 --clients 16
    git archive main | tar -x -C /tmp/before   # then, to compare with that tree in the same run:
    .venv/bin/python bench/webhooks.py --before /tmp/before

PostgreSQL: a fresh database `dinghuo_bench_webhooks` on TEST_POSTGRES_URL's server (and
`dinghuo_bench_webhooks_before` for the other tree).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
from bench.common import fresh_database, pct, server  # noqa: E402
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


class Target:
    """One server under test: its source tree, database, process and what it measured."""

    def __init__(self, name: str, root: Path) -> None:
        self.name, self.root = name, root
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.took = 0.0
        self.cpu = {"server": 0.0, "postgres": 0.0}
        self.found: dict[str, int] = {}
        self.sql: list[int] = []
        self.groups: list[list[bytes]] = []

    async def start(self, args, stack: contextlib.AsyncExitStack) -> None:
        """Seed its database, start its server, place the orders and add their payments."""
        suffix = "" if self.name == "after" else f"_{self.name}"
        url, self.tmp = await fresh_database("postgres", "dinghuo_bench_webhooks", suffix)
        print(f"{self.name}: seeding {args.payments} card orders (PostgreSQL)", flush=True)
        # Seeded with this tree's code: the databases are the same for both servers.
        await seed(url, COMPANIES, VARIANTS)
        email = await staff_user(url)
        dsn = url.split("?", 1)[0].replace("postgres://", "postgresql://", 1)
        self.db = await asyncpg.connect(dsn)
        stack.push_async_callback(self.db.close)
        self.base = await stack.enter_async_context(
            server(
                url,
                self.tmp / "server.log",
                root=self.root,
                LOG_LEVEL="INFO",
                LOG_FORMAT="json",
                STRIPE_WEBHOOK_SECRET=SECRET,
                ORDER_REVIEW_STEPS="",
            )
        )
        self.port = int(self.base.rsplit(":", 1)[1])
        token = await loadgen.login(loadgen.Connection("127.0.0.1", self.port), email, PASSWORD)
        await place_orders(self.base, token, args.payments, 4)
        self.payments = await card_payments(self.db)

    async def run(self, groups: list[list[bytes]], clients: int) -> None:
        """Deliver some groups, adding up the time and the CPU they took."""
        backend_pids = await backends(self.db)
        before = cpu([self.base.pid]), cpu(backend_pids)
        started = time.perf_counter()
        latencies, failures = await deliver(self.port, groups, clients)
        self.took += time.perf_counter() - started
        after = cpu([self.base.pid]), cpu(await backends(self.db))
        self.cpu["server"] += used(before[0], after[0])
        self.cpu["postgres"] += used(before[1], after[1])
        self.latencies += latencies
        self.failures += failures

    def report(self) -> bool:
        timed = len(self.latencies)
        per = 1000 / max(timed, 1)
        print(
            f"{self.name}: {timed / self.took:.0f} events/s ({timed} posts timed) | "
            f"p50 {pct(self.latencies, 50):.1f} ms p95 {pct(self.latencies, 95):.1f} ms | "
            f"failed {len(self.failures)}"
        )
        print(
            f"  CPU per event: server {self.cpu['server'] * per:.2f} ms, "
            f"PostgreSQL {self.cpu['postgres'] * per:.2f} ms"
        )
        if self.sql:
            print(
                f"  SQL statements per event (access log): median "
                f"{statistics.median(self.sql):.0f}, fewest {min(self.sql)}, most {max(self.sql)}"
            )
        expected = {
            "events recorded": 2 * len(self.payments),
            "payments succeeded": len(self.payments),
            "orders paid": len(self.payments),
            "moves to succeeded (audit)": len(self.payments),
        }
        for name, count in self.found.items():
            print(f"  {name}: {count} (expected {expected[name]})")
        for failure in self.failures[:3]:
            print(f"  e.g. {failure}")
        return self.found == expected and not self.failures


async def bench(args) -> int:
    targets = [Target("after", ROOT)]
    if args.before:
        targets.insert(0, Target("before", Path(args.before).resolve()))
    async with contextlib.AsyncExitStack() as stack:
        for target in targets:
            await target.start(args, stack)
        # Signed once all servers are up (a signature is good for five minutes). Each database
        # has its own amounts (orders are placed concurrently), the same shuffle and duplicates.
        for target in targets:
            target.groups = deliveries(target.payments, args.duplicates, random.Random(args.seed))
        groups = targets[0].groups
        posts = sum(len(g) for g in groups)
        print(
            f"{posts} posts: {2 * len(targets[0].payments)} events, "
            f"{posts - 2 * len(targets[0].payments)} of them sent twice at the same moment"
        )
        for target in targets:  # warm-up: no timing
            await deliver(target.port, target.groups[: args.clients], args.clients)
        # The servers take turns, a slice each, so that both see the same load on the machine.
        for start in range(args.clients, len(groups), args.slice):
            for target in targets:
                await target.run(target.groups[start : start + args.slice], args.clients)
        for target in targets:
            target.found = await effects(target.db)
    ok = True
    for target in targets:
        target.sql = statements(target.tmp / "server.log")
        ok = target.report() and ok
    if len(targets) == 2:
        before, after = (t.cpu["server"] / max(len(t.latencies), 1) for t in targets)
        print(f"server CPU per event: after / before = {after / before:.2f}")
    print("every event applied exactly once" if ok else "MISMATCH")
    return 0 if ok else 1


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--payments", type=int, default=300, help="card payments (2 events each)")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share delivered twice")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1, help="for the shuffle and the duplicates")
    parser.add_argument("--before", help="another source tree to run alongside, e.g. main's")
    parser.add_argument("--slice", type=int, default=100, help="groups per turn with --before")
    args = parser.parse_args(argv)
    if args.payments < 1 or not 0 <= args.duplicates <= 1 or args.clients < 1 or args.slice < 1:
        parser.error("--payments, --clients and --slice take positive counts, --duplicates 0 to 1")
    return args


def main() -> None:
    os.chdir(ROOT)
    sys.exit(asyncio.run(bench(parse())))


if __name__ == "__main__":
    main()
