"""What the benchmarks share: a fresh database, the real server in a subprocess, percentiles."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


class Base(str):
    """A server's base URL that also carries its process id."""

    pid: int = 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: int) -> float:
    """The q-th percentile in milliseconds."""
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0


async def fresh_database(db: str, name: str, suffix: str = "") -> tuple[str, Path]:
    """A new SQLite file, or a new PostgreSQL database on TEST_POSTGRES_URL's server (named
    BENCH_DATABASE when set, so benches sharing a server do not drop each other's; `suffix`
    tells apart the databases of one run)."""
    name = os.environ.get("BENCH_DATABASE", name) + suffix
    tmp = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    if db == "sqlite":
        return f"sqlite://{tmp}/bench.sqlite3", tmp
    import asyncpg

    server = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    admin = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return server.rsplit("/", 1)[0] + f"/{name}?maxsize=10", tmp


@contextlib.asynccontextmanager
async def server(
    url: str,
    log_path: Path,
    app: str = "dinghuo.main:app",
    port: int = 0,
    root: Path = ROOT,
    **env: str,
) -> AsyncIterator[Base]:
    """`uvicorn <app>` with one worker (on a free port unless given), until the block ends.
    `root` is the source tree it runs (another checkout to compare against). The server's
    process id is in the answer's `pid` attribute for reading its CPU time."""
    port = port or free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(root),
        "DATABASE_URL": url,
        "SECRET_KEY": "x" * 40,
        "GRAPHIQL": "false",
        "PASSWORD_HASH_TIME_COST": "1",
        "PASSWORD_HASH_MEMORY_KIB": "1024",
        **env,
    }
    with open(log_path, "w") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "uvicorn",
            app,
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
            cwd=root,
            env=environment,
            stdout=log,
            stderr=log,
        )
    base = Base(f"http://127.0.0.1:{port}")
    base.pid = process.pid
    try:
        # Two minutes: imports alone take tens of seconds when other work fills the cores.
        until = time.monotonic() + 120
        async with httpx.AsyncClient() as client:
            while True:
                if process.returncode is not None:
                    raise RuntimeError(f"the server exited with {process.returncode}: {log_path}")
                try:
                    if (await client.get(f"{base}/readyz")).status_code in (200, 404):
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > until:
                    raise TimeoutError(f"the server did not answer within 120 s: {log_path}")
                await asyncio.sleep(0.1)
        yield base
    finally:
        process.terminate()
        await process.wait()
