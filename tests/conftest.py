from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLSchema
from graphql import build_schema as build_graphql_schema
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext

from db import search_indexes
from db.config import tortoise_config
from dinghuo.app import create_app
from dinghuo.observability import install_sql_counter
from dinghuo.policies import auth_policy
from dinghuo.settings import Settings
from domain.accounts.policy import AuthPolicy
from domain.shared import clock
from tests import demo_snapshot
from tests.services import POSTGRES_URL, require_postgres

install_sql_counter()

_pg_schema_ready = False


def make_settings(**overrides) -> Settings:
    values = {
        "database_url": "sqlite://:memory:",
        "secret_key": "test-secret-key-that-is-long-enough-0123456789",
        # Cheap hashing: the tests check behaviour, not argon2's cost.
        "password_hash_time_cost": 1,
        "password_hash_memory_kib": 1024,
        "login_throttle_window_seconds": 900,
        # Forecasting costs seconds of CPU; the tests of it run it themselves.
        "forecast_interval_hours": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def graphql_types(settings: Settings | None = None) -> GraphQLSchema:
    """The API's types as graphql-core reads them from the SDL: what clients see, through
    Strawberry's public `as_str()`."""
    from dinghuo.api import build_schema

    return build_graphql_schema(build_schema(settings or make_settings()).as_str())


# The business day pinned tests run on: mid-month, mid-year, mid-morning in Shanghai.
PINNED_NOW = datetime.fromisoformat("2026-06-15T10:00:00+08:00")


@pytest.fixture
def pinned_clock(request) -> Iterator[datetime]:
    """Pins the business clock for a test: `PINNED_NOW`, or the moment given by
    `@pytest.mark.now("2026-12-31T23:59:00+08:00")`."""
    marker = request.node.get_closest_marker("now")
    moment = datetime.fromisoformat(marker.args[0]) if marker else PINNED_NOW
    with clock.frozen(moment):
        yield moment


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def policy(settings: Settings) -> AuthPolicy:
    return auth_policy(settings)


async def _reset_postgres(ctx: TortoiseContext) -> None:
    global _pg_schema_ready
    conn = ctx.db("default")
    if not _pg_schema_ready:
        await conn.execute_script("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        await ctx.generate_schemas(safe=False)
        await search_indexes.create(conn)  # what migration 0025 adds beyond the models
        _pg_schema_ready = True
        return
    tables = [m._meta.db_table for app in ctx.apps.apps.values() for m in app.values()]
    await conn.execute_script(
        "TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE;"
    )


@pytest.fixture(params=["sqlite", "postgres"])
async def db(request, tmp_path: Path, tmp_path_factory) -> AsyncIterator[str]:
    """A clean database, once on SQLite (a file) and once on PostgreSQL; with the demo loaded
    for a test marked `@pytest.mark.demo`."""
    demo = request.node.get_closest_marker("demo") is not None
    if request.param == "postgres":
        await require_postgres()
        url = await demo_snapshot.postgres_copy() if demo else POSTGRES_URL
    elif demo:
        url = await demo_snapshot.sqlite_copy(tmp_path_factory.getbasetemp(), tmp_path)
    else:
        url = f"sqlite://{tmp_path}/test.sqlite3"
    # Tortoise caches SQL per connection name, not per dialect; one process runs both here.
    EXECUTOR_CACHE.clear()
    ctx = TortoiseContext()
    async with ctx:
        await ctx.init(config=tortoise_config(url))
        if request.param == "postgres" and not demo:
            await _reset_postgres(ctx)
        elif not demo:
            await ctx.generate_schemas(safe=False)
            await search_indexes.create(ctx.db("default"))  # what migration 0026 adds
        yield request.param


@pytest.fixture
async def client(db: str, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.fixture(scope="session")
def localstripe_url():
    """A real Stripe-compatible server (localstripe) on a free loopback port."""
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = Path(__file__).parent / "stripe" / "localstripe_server.py"
    process = subprocess.Popen(
        [sys.executable, str(script), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("localstripe did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
