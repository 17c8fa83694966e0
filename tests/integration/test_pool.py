"""PostgreSQL connections go back to the pool without a reset round trip, and safely."""

import asyncpg
import pytest
from tortoise import connections
from tortoise.transactions import in_transaction

from db.config import PooledConnection
from tests.services import POSTGRES_URL

# The last statement of every other backend of this database, as PostgreSQL saw it.
LAST_STATEMENTS = (
    "SELECT query FROM pg_stat_activity "
    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
)


@pytest.fixture
async def pool(db):
    if db != "postgres":
        pytest.skip("asyncpg's pool is PostgreSQL's")
    return connections.get("default")


async def test_a_statement_outside_a_transaction_is_not_followed_by_a_reset(pool):
    for _ in range(3):
        await pool.execute_query("SELECT 1 AS pooled_statement")
    async with pool.acquire_connection() as connection:
        assert isinstance(connection, PooledConnection)
    observer = await asyncpg.connect(POSTGRES_URL.replace("postgres://", "postgresql://", 1))
    try:
        last = [r["query"] for r in await observer.fetch(LAST_STATEMENTS)]
    finally:
        await observer.close()
    assert any("pooled_statement" in q for q in last)
    assert not any("UNLISTEN" in q or "RESET ALL" in q for q in last)


async def test_a_transaction_left_open_is_still_rolled_back_on_release(pool):
    async with pool.acquire_connection() as connection:
        await connection.execute("BEGIN")
        await connection.execute("CREATE TEMP TABLE left_open (n int)")
    # Every pooled connection in turn: none still sits in that transaction.
    async with in_transaction() as tx:
        rows = await tx.execute_query_dict(
            "SELECT count(*) AS n FROM pg_stat_activity "
            "WHERE datname = current_database() AND state LIKE 'idle in transaction%'"
        )
    assert rows[0]["n"] == 0
