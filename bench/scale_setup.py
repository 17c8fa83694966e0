"""The scale-out bench's set-up (`bench/scale.py`): the demo data in a template database
copied for each run, the processes' environment, and CPU time read from /proc."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import asyncpg

from bench.common import cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
DINGHUO = str(Path(sys.executable).parent / "dinghuo")
RUN_DB = "dinghuo_bench_scale"


def postgres_server() -> str:
    url = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    return url.split("?", 1)[0].rsplit("/", 1)[0]


def template_name() -> str:
    """Named after what the demo data depends on, so a changed migration or demo rebuilds it."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("db/migrations/*.py"), *ROOT.glob("dinghuo/demo*.py")]):
        digest.update(path.read_bytes())
    return f"dinghuo_bench_scale_tpl_{digest.hexdigest()[:10]}"


async def admin_connection() -> asyncpg.Connection:
    return await asyncpg.connect(
        postgres_server().replace("postgres://", "postgresql://") + "/postgres"
    )


async def database(env: dict[str, str]) -> str:
    """A fresh copy of the demo template (built first if missing); returns its URL."""
    template = template_name()
    admin = await admin_connection()
    try:
        if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", template):
            print(f"building the demo template {template} (once; a minute or two)", flush=True)
            old = await admin.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE 'dinghuo_bench_scale_tpl_%'"
            )
            for row in old:
                await admin.execute(f'DROP DATABASE IF EXISTS "{row["datname"]}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{template}"')
            build = {**env, "DATABASE_URL": f"{postgres_server()}/{template}"}
            try:
                for step in (["migrate"], ["seed", "--demo"]):
                    subprocess.run([DINGHUO, *step], env=build, check=True, capture_output=True)
            except subprocess.CalledProcessError as exc:
                await admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
                raise SystemExit(
                    f"scale: building the demo failed:\n{exc.stderr.decode()}"
                ) from exc
        await admin.execute(f'DROP DATABASE IF EXISTS "{RUN_DB}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{RUN_DB}" TEMPLATE "{template}"')
    finally:
        await admin.close()
    return f"{postgres_server()}/{RUN_DB}?maxsize=10"


def environment(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "ENVIRONMENT": "production",
        "DATABASE_URL": url,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        "SECRET_KEY": secrets.token_urlsafe(48),
        "GRAPHIQL": "false",
        "INTROSPECTION": "false",
        "MAIL_BACKEND": "log",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "STOCK_DISPLAY": "exact",
        "PASSWORD_HASH_TIME_COST": "1",
        "PASSWORD_HASH_MEMORY_KIB": "1024",
        "LOG_LEVEL": "WARNING",
    }


def family(pid: int) -> list[int]:
    """A process and its children (nginx's master and its worker)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(int(c) for c in children)]


def cpu(pids: list[int]) -> dict[int, float]:
    found = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            found[pid] = cpu_seconds(pid)
    return found


def used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds used between two readings; a process new since `before` counts whole."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


async def backends(db: asyncpg.Connection) -> list[int]:
    """The PostgreSQL server processes serving the connection's database, except its own."""
    rows = await db.fetch(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()"
    )
    return [row["pid"] for row in rows]
