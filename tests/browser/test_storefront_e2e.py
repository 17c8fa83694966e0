"""The storefront in headless Chromium against the real server with demo data.

The browser steps are in web/e2e/run.mjs (playwright-core driving Debian's chromium); this test
builds the world they run in: a PostgreSQL database of its own copied from the suite's loaded
demo (tests/demo_snapshot.py; in the demo tests' process group, so a run loads the demo once),
water sold in sixes (so a line below the minimum can be fixed in the cart), localstripe for card
payments (its Stripe.js stand-in in the page, its webhooks to the server), and `dinghuo serve`
on a free port.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests import demo_snapshot
from tests.services import POSTGRES_URL, REQUIRE_SERVICES, postgres_dsn, require_postgres

pytestmark = pytest.mark.xdist_group("demo")

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
DINGHUO = Path(sys.executable).parent / "dinghuo"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = WEB / "e2e" / "screenshots"
# The server's output, kept so that a failed step can be read next to what the server logged.
SERVER_LOG = ROOT / "var" / "browser-test-server.log"
# The server's database: the test database's name with a suffix, dropped at the end.
DATABASE = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[1] + "_browser"


def _missing() -> str | None:
    if not (WEB / "dist" / "index.html").is_file():
        return "the storefront is not built (make web)"
    if not (WEB / "node_modules" / "playwright-core").is_dir() or not shutil.which("node"):
        return "Node.js or web/node_modules is missing (make web)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


WEBHOOK_SECRET = "whsec_storefront_e2e"


async def _demo_database() -> str:
    await require_postgres()
    url = await demo_snapshot.postgres_database(DATABASE)
    import asyncpg

    conn = await asyncpg.connect(postgres_dsn(DATABASE), timeout=3)
    try:
        await conn.execute(
            "UPDATE variant SET min_order_qty = 6, order_multiple = 6 WHERE sku LIKE 'WAT-%'"
        )
    finally:
        await conn.close()
    return url


@pytest.fixture(scope="module")
def server(localstripe_url):
    reason = _missing()
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(reason + " and REQUIRE_SERVICES=1")
        pytest.skip(reason)
    started = time.monotonic()
    database_url = asyncio.run(_demo_database())
    print(f"\ndemo data in {time.monotonic() - started:.1f} s")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DATABASE_URL": database_url,
        "BANK_NAME": "招商银行上海张江支行",
        "BANK_ACCOUNT_NAME": "订货演示食品贸易有限公司",
        "BANK_ACCOUNT_NUMBER": "6214 8301 2026 1128",
        # Demo passwords are hashed a dozen times while seeding; the production cost buys
        # nothing here.
        "PASSWORD_HASH_TIME_COST": "1",
        "PASSWORD_HASH_MEMORY_KIB": "8192",
        "STRIPE_API_KEY": "sk_test_storefront_e2e",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_storefront_e2e",
        "STRIPE_API_BASE": localstripe_url,
        "STRIPE_JS_URL": f"{localstripe_url}/js.stripe.com/v3/",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }
    port = _free_port()
    SERVER_LOG.parent.mkdir(exist_ok=True)
    log = SERVER_LOG.open("w")
    process = subprocess.Popen(
        [str(DINGHUO), "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # localstripe delivers payment_intent.succeeded to the server, signed, about 1 s after the
    # browser confirms, as Stripe would.
    httpx.post(
        f"{localstripe_url}/_config/webhooks/storefront-e2e",
        data={
            "url": f"{base}/webhooks/stripe",
            "secret": WEBHOOK_SECRET,
            "events[]": ["payment_intent.succeeded", "payment_intent.payment_failed"],
        },
    ).raise_for_status()
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        asyncio.run(demo_snapshot.drop_postgres_database(DATABASE))


def _server_log_tail(lines: int = 60) -> str:
    """The server's last lines: a refused request says why there, not in the page's toast."""
    text = SERVER_LOG.read_text(errors="replace") if SERVER_LOG.is_file() else ""
    tail = "\n".join(text.splitlines()[-lines:])
    return f"\n--- last {lines} lines of {SERVER_LOG} ---\n{tail}"


def test_a_buyer_orders_in_the_browser(server):
    started = time.time()
    result = subprocess.run(
        ["node", "e2e/run.mjs"],
        cwd=WEB,
        env={
            **os.environ,
            "BASE_URL": server,
            "CHROMIUM": CHROMIUM,
            "SCREENSHOTS": str(SCREENSHOTS),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr + _server_log_tail()
    assert "e2e: passed" in result.stdout
    assert "add a line below the minimum" in result.stdout
    assert "staff review arrives live" in result.stdout
    assert "download the invoice PDF" in result.stdout
    assert "a new company registers" in result.stdout
    for flow in (
        "the owner sets the company's order approval",
        "a viewer sees the order waiting but may not approve it",
        "change a member's role",
        "the new approver approves the order",
        "the approver rejects the other order",
        "the buyer reopens it",
        "the buyer confirms receipt",
        "request a return",
        "open a ticket",
        "change a quantity, then cancel it",
        "address book",
        "account pages in English",
        "signed-in pages on a 360 px phone",
    ):
        assert flow in result.stdout, flow
    assert "a card order paid" in result.stdout
    for name in (
        "product",
        "cart-problem",
        "order",
        "order-confirmed",
        "phone",
        "pending-company",
        "ticket",
        "card",
        "addresses",
        "phone-order",
        "approval-settings",
        "members",
        "approval",
        "ticket-closed",
    ):
        # Taken by this run, not left by an earlier one.
        shot = SCREENSHOTS / f"{name}.png"
        assert shot.is_file() and shot.stat().st_mtime >= started - 1, name
