"""Finding the PostgreSQL and Redis servers the tests use, or explaining their absence."""

from __future__ import annotations

import os
import warnings

import pytest

# The suite drops and recreates the schema of this database: it is its own, never a database
# someone may keep data in (such as one named `test`). Created when missing.
POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dinghuo_test"
)
# Under pytest-xdist each worker process gets its own database and Redis database, since a
# database test drops and recreates what it uses.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER:
    _base, _, _query = POSTGRES_URL.partition("?")
    POSTGRES_URL = f"{_base}_{_WORKER}" + (f"?{_query}" if _query else "")
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

_reachable: dict[str, bool] = {}


def postgres_dsn(database: str | None = None) -> str:
    """asyncpg's spelling of the test server's URL, for the test database or another one."""
    url = POSTGRES_URL.replace("postgres://", "postgresql://", 1)
    if database is not None:
        url = url.split("?", 1)[0].rsplit("/", 1)[0] + "/" + database
    return url


async def create_database(name: str, fresh: bool = False) -> None:
    """Create a database on the test server (connecting through `postgres`)."""
    import asyncpg

    admin = await asyncpg.connect(postgres_dsn("postgres"), timeout=3)
    try:
        if fresh:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


async def _postgres_answers() -> bool:
    import asyncpg

    try:
        conn = await asyncpg.connect(postgres_dsn(), timeout=3)
    except asyncpg.InvalidCatalogNameError:
        try:
            await create_database(postgres_dsn().split("?", 1)[0].rsplit("/", 1)[1])
        except (TimeoutError, OSError, asyncpg.PostgresError):
            return False
        return True
    except (TimeoutError, OSError, asyncpg.PostgresError):
        return False
    await conn.close()
    return True


async def require_postgres() -> None:
    """Skip (with a visible warning) when PostgreSQL does not answer, or fail under
    REQUIRE_SERVICES=1, where a skipped database run would hide a broken build."""
    if "postgres" not in _reachable:
        _reachable["postgres"] = await _postgres_answers()
    if _reachable["postgres"]:
        return
    reason = f"PostgreSQL is not reachable at {POSTGRES_URL}"
    if REQUIRE_SERVICES:
        pytest.fail(reason + " and REQUIRE_SERVICES=1")
    warnings.warn(reason + ": PostgreSQL tests skipped", stacklevel=2)
    pytest.skip(reason)


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
if _WORKER:
    _server, _, _index = REDIS_URL.rpartition("/")
    REDIS_URL = f"{_server}/{(int(_index or 0) - 1 - int(_WORKER.removeprefix('gw'))) % 16}"


async def require_redis() -> None:
    """Like require_postgres, for the Redis server cross-process tests use."""
    if "redis" not in _reachable:
        import redis.asyncio as redis

        client = redis.from_url(REDIS_URL, socket_connect_timeout=2)
        try:
            _reachable["redis"] = bool(await client.ping())
        except (OSError, redis.RedisError):
            _reachable["redis"] = False
        finally:
            await client.aclose()
    if _reachable["redis"]:
        return
    reason = f"Redis is not reachable at {REDIS_URL}"
    if REQUIRE_SERVICES:
        pytest.fail(reason + " and REQUIRE_SERVICES=1")
    warnings.warn(reason + ": Redis tests skipped", stacklevel=2)
    pytest.skip(reason)
