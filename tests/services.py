"""Finding the PostgreSQL and Redis servers the tests use, or explaining their absence."""

from __future__ import annotations

import os
import warnings

import pytest

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

_reachable: dict[str, bool] = {}


async def _postgres_answers() -> bool:
    import asyncpg

    try:
        conn = await asyncpg.connect(
            POSTGRES_URL.replace("postgres://", "postgresql://", 1), timeout=3
        )
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
