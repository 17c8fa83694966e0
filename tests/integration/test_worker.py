"""`dinghuo worker` processes: any number may run, each mail still goes out exactly once."""

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from tortoise.backends.base.executor import EXECUTOR_CACHE

from dinghuo.database import migrate, opened
from domain.shared import outbox
from tests.integration.test_mailer import Inbox, free_port
from tests.services import POSTGRES_URL, create_database, require_postgres

MAILS = 30


@pytest.fixture(params=["sqlite", "postgres"])
async def migrated_url(request, tmp_path: Path) -> str:
    if request.param == "postgres":
        await require_postgres()
        name = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[1] + "_workers"
        await create_database(name, fresh=True)
        url = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[0] + "/" + name
    else:
        url = f"sqlite://{tmp_path}/worker.sqlite3"
    # Tortoise caches SQL per connection name, not per dialect; one process runs both here.
    EXECUTOR_CACHE.clear()
    await migrate(url)
    return url


def start_worker(url: str, smtp_port: int, cwd: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "WORKER_MAIL_INTERVAL_SECONDS": "0.1",
        "FORECAST_INTERVAL_HOURS": "0",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "dinghuo.cli", "worker"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


async def test_two_worker_processes_send_each_mail_exactly_once(migrated_url, tmp_path):
    async with opened(migrated_url):
        for i in range(MAILS):
            await outbox.enqueue(
                "order_update", f"buyer{i}@example.com", "en", number=f"SO-{i}", status="shipped"
            )
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    workers = [start_worker(migrated_url, port, tmp_path) for _ in range(2)]
    try:
        deadline = time.monotonic() + 90
        while len(inbox.messages) < MAILS and time.monotonic() < deadline:
            assert all(w.poll() is None for w in workers), workers[0].stderr
            await asyncio.sleep(0.2)
        await asyncio.sleep(1)  # a duplicate would arrive now
    finally:
        for w in workers:
            w.terminate()
        errors = [w.communicate(timeout=20)[1] for w in workers]
        controller.stop()

    delivered = sorted(to for envelope in inbox.messages for to in envelope.rcpt_tos)
    assert delivered == sorted(f"buyer{i}@example.com" for i in range(MAILS))
    assert [w.returncode for w in workers] == [0, 0], errors


def test_a_worker_refuses_an_unmigrated_database(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite://{tmp_path}/empty.sqlite3"}
    result = subprocess.run(
        [sys.executable, "-m", "dinghuo.cli", "worker", "--once"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "migrations pending" in result.stdout
