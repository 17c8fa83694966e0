"""The smoke run: `python -m deploy.smoke` from the repository root (`make smoke`).

Settings from the environment: SMOKE_POSTGRES_URL (a database of its own, dropped and created
again; default postgres://postgres@127.0.0.1:5432/dinghuo_smoke), SMOKE_REDIS_URL (default
redis://127.0.0.1:6379/14), SMOKE_PORTS (a range of free loopback ports such as 8180-8189;
default: any free ports) and SMOKE_TIMEOUT (seconds, default 60). Exit status 0 when every
check passed; on failure the last lines of each process's log are printed.
"""

from __future__ import annotations

import asyncio
import os
import resource
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import httpx
from aiosmtpd.controller import Controller

from deploy.smoke import checks, nginx
from deploy.smoke.processes import Deadline, Processes, wait_http

ROOT = Path(__file__).resolve().parents[2]
DINGHUO = str(Path(sys.executable).parent / "dinghuo")
POSTGRES_URL = os.environ.get(
    "SMOKE_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dinghuo_smoke"
)
REDIS_URL = os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/14")
TIMEOUT = float(os.environ.get("SMOKE_TIMEOUT", "60"))
WEBHOOK_SECRET = "whsec_" + secrets.token_hex(16)
MAIL_INTERVAL = 0.2


def ports(count: int) -> list[int]:
    """Free loopback ports, from SMOKE_PORTS when given."""
    wanted = os.environ.get("SMOKE_PORTS", "")
    first, last = (int(p) for p in wanted.split("-")) if wanted else (0, -1)
    found: list[int] = []
    for candidate in range(first, last + 1) if wanted else [0] * count:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            found.append(s.getsockname()[1])
        if len(found) == count:
            return found
    raise SystemExit(f"smoke: fewer than {count} free ports in SMOKE_PORTS={wanted}")


class Inbox:
    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


async def fresh_database() -> None:
    server, name = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)
    admin = await asyncpg.connect(server.replace("postgres://", "postgresql://") + "/postgres")
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def seed() -> tuple[str, str]:
    """Migrates and adds what the checks use: an admin, an active company with its owner, one
    product in stock. Returns (admin email, buyer email)."""
    from dinghuo.database import migrate, opened
    from dinghuo.policies import auth_policy
    from dinghuo.settings import Settings
    from tests import factories as f

    await migrate(POSTGRES_URL)
    policy = auth_policy(Settings(_env_file=None))
    async with opened(POSTGRES_URL):
        admin = await f.staff(policy, "admin")
        company = await f.company(name="鲜达食品", payment_terms_days=30)
        buyer = await f.buyer(policy, company, role="owner")
        product = await f.product(names={"zh-Hans": checks.PRODUCT_NAME, "en": "Nongfu Spring"})
        variant = await f.variant(product, base_price=3600)
        await f.stock(variant, await f.warehouse("SH"), 100)
    return admin.email, buyer.email


def environment(smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "ENVIRONMENT": "production",
        "DATABASE_URL": POSTGRES_URL,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "GRAPHIQL": "false",
        "INTROSPECTION": "false",
        "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "ORDER_REVIEW_STEPS": "",  # orders are confirmed, and invoiced, when placed
        "WORKER_MAIL_INTERVAL_SECONDS": str(MAIL_INTERVAL),
        "PASSWORD_HASH_TIME_COST": "1",
        "PASSWORD_HASH_MEMORY_KIB": "1024",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "json",
    }


def step(deadline: Deadline, name: str, started: float, detail: str = "") -> None:
    took = time.monotonic() - started
    print(f"ok  {name:<34} {took:5.1f} s  (at {deadline.elapsed():4.1f} s){detail}", flush=True)
    deadline.doing = f"the step after '{name}'"


async def run(folder: Path, deadline: Deadline, processes: Processes, inbox: Inbox) -> None:
    proxy, web_a, web_b = processes.env["SMOKE_PROXY_PORT"], *processes.env["SMOKE_WEB"].split()
    t = time.monotonic()
    await fresh_database()
    # The web processes start (imports, schema) while the database is migrated; /readyz
    # answers 200 only once it is. The worker refuses a database with pending migrations.
    for name, port in (("web-a", web_a), ("web-b", web_b)):
        processes.start(name, [DINGHUO, "serve", "--host", "127.0.0.1", "--port", port])
    admin_email, buyer_email = await seed()
    step(deadline, "database migrated and seeded", t)
    processes.start("worker", [DINGHUO, "worker"])
    for port in (web_a, web_b):
        await wait_http(f"http://127.0.0.1:{port}/readyz", deadline, processes)
    step(deadline, "two web processes and a worker", t)

    t = time.monotonic()
    config = nginx.write(folder, int(proxy), [int(web_a), int(web_b)], os.geteuid() == 0)
    processes.start(
        "nginx",
        [
            "nginx",
            "-p",
            str(folder),
            "-c",
            str(config),
            "-e",
            str(folder / "error.log"),
            "-g",
            "daemon off;",
        ],
        stop_signal=signal.SIGQUIT,
    )
    site = checks.Site(f"http://127.0.0.1:{proxy}", WEBHOOK_SECRET)
    await wait_http(f"{site.base}/readyz", deadline, processes)
    step(deadline, "nginx in front of them", t)

    async with httpx.AsyncClient(base_url=site.base, timeout=deadline.left()) as client:
        t = time.monotonic()
        variant = await checks.query_catalog(client)
        step(deadline, "query through the proxy", t)

        t = time.monotonic()
        admin, buyer = (
            await checks.login(client, admin_email),
            await checks.login(client, buyer_email),
        )
        # Two subscriptions: nginx's round robin opens them on different web processes, so
        # the event published by one reaches the other only through Redis.
        async with (
            checks.subscribed(site, admin) as first,
            checks.subscribed(site, admin) as second,
        ):
            await asyncio.sleep(0.5)  # the protocol has no "subscribed" answer to wait for
            order = await checks.place_order(client, buyer, variant)
            for ws in (first, second):
                update = await checks.next_update(ws, max(1.0, deadline.left()))
                assert update["order"]["number"] == order["number"], update
        step(deadline, "subscription events on both workers", t)

        t = time.monotonic()
        size = await checks.invoice_pdf(client, buyer, order["id"])
        step(deadline, "invoice PDF download", t, f"  {size} bytes")

        t = time.monotonic()
        await checks.stripe_webhook(client, site, f"evt_smoke_{secrets.token_hex(6)}")
        step(deadline, "signed Stripe webhook", t)

    t = time.monotonic()
    while buyer_email not in inbox.recipients:
        deadline.check("waiting for the confirmation mail")
        processes.check_alive()
        await asyncio.sleep(0.1)
    await asyncio.sleep(max(2.0, 10 * MAIL_INTERVAL))  # a second copy would arrive by now
    sent = inbox.recipients.count(buyer_email)
    assert sent == 1, f"the confirmation mail was sent {sent} times"
    step(deadline, "the order mail sent exactly once", t)

    t = time.monotonic()
    served = {line.split()[-1] for line in (folder / "access.log").read_text().splitlines()}
    assert {f"127.0.0.1:{web_a}", f"127.0.0.1:{web_b}"} <= served, served
    step(deadline, "both web processes served requests", t)


def main() -> int:
    deadline = Deadline(TIMEOUT)
    if shutil.which("nginx") is None:
        print("smoke: nginx is not installed (Debian: apt-get install -y nginx)", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="dinghuo-smoke-"))
    folder.chmod(0o755)  # nginx's worker (another user when started by root) reads under it
    smtp_port, proxy, web_a, web_b = ports(4)
    env = environment(smtp_port)
    env.update(SMOKE_PROXY_PORT=str(proxy), SMOKE_WEB=f"{web_a} {web_b}")
    processes = Processes(folder, env)
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    os.environ.update({k: v for k, v in env.items() if k.startswith("PASSWORD_HASH")})
    failed = None
    try:
        asyncio.run(asyncio.wait_for(run(folder, deadline, processes, inbox), TIMEOUT))
    except TimeoutError as exc:
        failed = str(exc) or f"over {TIMEOUT:.0f} s, in {deadline.doing}"
    except (AssertionError, RuntimeError, OSError) as exc:
        failed = f"{type(exc).__name__}: {exc}"
    finally:
        killed = processes.stop()
        smtp.stop()
    if killed:
        failed = failed or f"had to kill {', '.join(killed)}"
    if failed:
        print(f"FAILED after {deadline.elapsed():.1f} s: {failed}\n{processes.tails()}")
        print(f"logs kept in {folder}")
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(
        f"smoke passed in {deadline.elapsed():.1f} s (limit {TIMEOUT:.0f} s); CPU used: "
        f"{own.ru_utime + own.ru_stime:.1f} s by this driver, "
        f"{children.ru_utime + children.ru_stime:.1f} s by the processes it started"
    )
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
