"""Orders the command line changes reach the server's subscribers through Redis, as the API's
do: `dinghuo seed --demo` runs the whole order history through the domain in its own process."""

import asyncio
import contextlib
import sqlite3

from dinghuo.app import create_app
from domain.ordering.feed import STAFF_FEED
from tests.conftest import make_settings
from tests.integration.test_cli import run
from tests.services import REDIS_URL, require_redis


async def test_orders_the_cli_makes_reach_a_server_subscriber_through_redis(tmp_path):
    await require_redis()
    assert (await asyncio.to_thread(run, tmp_path, "migrate")).returncode == 0
    server = create_app(make_settings(redis_url=REDIS_URL), manage_db=False)
    heard: list[dict] = []

    async def listen():
        async for message in server.state.broker.subscribe(STAFF_FEED):
            heard.append(message)

    listener = asyncio.create_task(listen())
    await asyncio.sleep(0.3)  # subscribed before the command publishes
    try:
        loaded = await asyncio.to_thread(run, tmp_path, "seed", "--demo", REDIS_URL=REDIS_URL)
        await asyncio.sleep(0.5)
        after_load = list(heard)
        again = await asyncio.to_thread(run, tmp_path, "seed", "--demo", REDIS_URL=REDIS_URL)
        await asyncio.sleep(0.5)
    finally:
        listener.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listener
        await server.state.broker.close()

    assert loaded.returncode == 0, loaded.stderr
    assert "not empty" in again.stdout
    with contextlib.closing(sqlite3.connect(tmp_path / "cli.sqlite3")) as stored:
        orders = sorted(row[0] for row in stored.execute("SELECT id FROM sales_order"))
    placed = [m["orderId"] for m in after_load if m["kind"] in ("placed", "placed_on_behalf")]
    assert sorted(placed) == orders  # every order the demo made, announced once
    kinds = {m["kind"] for m in after_load}
    expected = {"approve", "shipped", "ship_all", "tracking", "delivered", "deliver"}
    expected |= {"payment_succeeded", "pay_all", "refund", "complete"}
    assert expected <= kinds, expected - kinds
    assert heard == after_load  # a command that changed nothing announced nothing
