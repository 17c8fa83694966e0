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
