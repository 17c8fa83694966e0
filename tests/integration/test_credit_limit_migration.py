"""Migration 0020 stores credit limits in fen: a limit set in yuan before keeps its value."""

from __future__ import annotations

import asyncpg
import pytest
from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate as migrate_api

from db.config import tortoise_config
from tests.services import POSTGRES_URL, require_postgres

BEFORE = "models.0019_insight_rollup"
INSERT = (
    "INSERT INTO company (name, tax_id, contact_name, contact_phone, email, status, "
    "status_reason, credit_limit, created_at) VALUES ('鲜达', '91310000MA1FL0AB01', '王', '', "
    "'a@example.com', 'active', '', 1234.56, CURRENT_TIMESTAMP); "
    "INSERT INTO user_account (email, password_hash, full_name, kind, company_id, "
    "company_role, is_active, token_version, created_at) SELECT 'b@example.com', 'x', '王', "
    "'buyer', id, 'owner', TRUE, 0, CURRENT_TIMESTAMP FROM company"
)


async def _limit_after_migrating(url: str) -> int:
    """The limit after migrating a database that held a company and its buyer."""
    config = tortoise_config(url)
    try:
        await migrate_api(config=config, target=BEFORE)
        await connections.get("default").execute_script(INSERT)
        await Tortoise.close_connections()
        await migrate_api(config=config)
        rows = await connections.get("default").execute_query_dict(
            "SELECT credit_limit, (SELECT COUNT(*) FROM user_account WHERE company_id = c.id) "
            "AS users FROM company c"
        )
    finally:
        await Tortoise.close_connections()
    # SQLite rebuilds the table to drop the old column: the company's people must survive it.
    assert rows[0]["users"] == 1
    return rows[0]["credit_limit"]


async def test_a_limit_in_yuan_becomes_the_same_limit_in_fen_on_sqlite(tmp_path):
    assert await _limit_after_migrating(f"sqlite://{tmp_path}/old.sqlite3") == 123456


async def test_a_limit_in_yuan_becomes_the_same_limit_in_fen_on_postgres():
    await require_postgres()
    name = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[1] + "_credit_fen"
    admin = await asyncpg.connect(POSTGRES_URL.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()

    limit = await _limit_after_migrating(POSTGRES_URL.rsplit("/", 1)[0] + "/" + name)

    assert limit == 123456


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
