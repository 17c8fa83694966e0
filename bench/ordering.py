"""Placing orders in process (no HTTP): concurrent buyers each fill a cart with three lines and
place it, on PostgreSQL. Prints orders/s, orderPlace latency p50/p95, and how long each
placement holds the day's order-number counter row (from taking the number to commit: the
round trip of the numbering statement with its COMMIT on PostgreSQL, and the server's clock
around it), at 1, 4 and 16 buyers. The HTTP view of the same cycle is bench/orders.py.

    .venv/bin/python bench/ordering.py --seconds 10 [--buyers 1 4 16] [--name dinghuo_bench_place]

The database is dropped and created again (TEST_POSTGRES_URL's server, database --name)."""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import fresh_database, pct  # noqa: E402
from bench.orders import ADDRESS, seed  # noqa: E402
from db.config import tortoise_config  # noqa: E402

DAY = date(2026, 11, 27)
# When the running placement took its number (perf_counter), per task.
_taken: contextvars.ContextVar[list[float]] = contextvars.ContextVar("taken")


def _instrument() -> None:
    """Time how long a placement holds the counter row. On PostgreSQL the statement that takes
    the number goes with the COMMIT in one round trip (domain/shared/commit_with.py): the hold
    is at most that round trip, from sending it to its answer. Where the commit is a round trip
    of its own (a savepoint, SQLite, or the statement's text not sendable so), the hold runs
    from sending the statement to the end of the placement's transaction."""
    from domain.ordering import numbers, place
    from domain.shared import commit_with

    take, take_and_commit, run = numbers._numbered, numbers._numbered_and_committed, place._place

    async def timed_take(*args):
        _taken.get().append(time.perf_counter())
        return await take(*args)

    async def timed_take_and_commit(ending, sql):
        # The server's own clock too: when it starts the statement, and right after COMMIT.
        heard: list[float] = []

        def hear(_connection, message) -> None:
            if message.message.startswith(CLOCK):
                heard.append(float(message.message.removeprefix(CLOCK)))

        async with ending.acquire_connection() as connection:
            connection.add_log_listener(hear)
        start = time.perf_counter()
        try:
            number = await take_and_commit(ending, sql)
        finally:
            connection.remove_log_listener(hear)
        HOLDS.append(time.perf_counter() - start)
        if len(heard) == 2:
            SERVER_HOLDS.append(heard[1] - heard[0])
        return number

    script = commit_with.simple_query
    clock = (
        "DO $clock$ BEGIN RAISE INFO USING MESSAGE = 'bench clock '"
        " || extract(epoch FROM clock_timestamp()); END $clock$"
    )
    commit_with.simple_query = lambda sql: f"{clock}; {script(sql)}; {clock}"

    async def timed_place(*args):
        _taken.set([])
        order = await run(*args)  # returns once the transaction has committed
        for start in _taken.get():
            HOLDS.append(time.perf_counter() - start)
        return order

    numbers._numbered, place._place = timed_take, timed_place
    numbers._numbered_and_committed = timed_take_and_commit


HOLDS: list[float] = []
SERVER_HOLDS: list[float] = []
CLOCK = "bench clock "


async def _buyer(user, company, variant_ids, deadline, places, errors) -> None:
    from domain.accounts.permissions import Principal
    from domain.ordering import cart
    from domain.ordering import place as ordering
    from domain.ordering.policy import OrderingPolicy

    one_step = OrderingPolicy(review_steps=("order",))

    rng = random.Random(user.id)
    actor = Principal(user.id, user.email, "buyer", company_id=company.id,
                      company_role=user.company_role, company_status=company.status)  # fmt: skip
    buyer = cart.Buyer(user.id, company.id, company.price_tier)
    while time.perf_counter() < deadline:
        for vid in rng.sample(variant_ids, 3):
            await cart.set_quantity(buyer, vid, rng.randint(1, 5), DAY)
        placement = ordering.Placement(actor=actor, company_id=company.id,
                                       payment_method="bank_transfer", shipping_address=ADDRESS,
                                       on=DAY)  # fmt: skip
        start = time.perf_counter()
        try:
            await ordering.place(one_step, placement, user.id)
        except Exception as exc:  # counted and shown: a deadlock or a refusal is a finding
            errors.append(repr(exc))
            continue
        places.append(time.perf_counter() - start)


async def run(buyers: int, seconds: float, name: str) -> None:
    from tortoise import Tortoise
    from tortoise.backends.base.executor import EXECUTOR_CACHE

    from db.accounts import Company, User
    from db.catalog import Variant
    from db.orders import Order

    url, _ = await fresh_database("postgres", name)
    url = url.replace("maxsize=10", f"maxsize={buyers + 2}")
    await seed(url, buyers, 200)
    EXECUTOR_CACHE.clear()
    await Tortoise.init(config=tortoise_config(url))
    try:
        variant_ids = list(await Variant.all().values_list("id", flat=True))
        users = [(u, await Company.get(id=u.company_id)) for u in await User.all().order_by("id")]
        HOLDS.clear()
        SERVER_HOLDS.clear()
        places: list[float] = []
        errors: list[str] = []
        began = time.perf_counter()
        deadline = began + seconds
        await asyncio.gather(
            *(_buyer(u, c, variant_ids, deadline, places, errors) for u, c in users)
        )
        elapsed = time.perf_counter() - began
        numbers = await Order.all().values_list("number", flat=True)
        expected = {f"SO{DAY:%Y%m%d}-{n:04d}" for n in range(1, len(numbers) + 1)}
        print(
            f"{buyers:>2} buyers: {len(places) / elapsed:6.1f} orders/s | orderPlace p50 "
            f"{pct(places, 50):5.1f} ms p95 {pct(places, 95):5.1f} ms | counter row held p50 "
            f"{pct(HOLDS, 50):4.1f} ms p95 {pct(HOLDS, 95):4.1f} ms{_server()} | "
            f"failed {len(errors)} | "
            f"numbers gap-free {set(numbers) == expected}"
        )
        for error in errors[:3]:
            print("   ", error)
    finally:
        await Tortoise.close_connections()


def _server() -> str:
    if not SERVER_HOLDS:
        return ""
    return f" (server p50 {pct(SERVER_HOLDS, 50):4.1f} ms p95 {pct(SERVER_HOLDS, 95):4.1f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--buyers", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--name", default="dinghuo_bench_place")
    args = parser.parse_args()
    _instrument()
    for buyers in args.buyers:
        asyncio.run(run(buyers, args.seconds, args.name))


if __name__ == "__main__":
    main()
