"""Migrations cover the models and apply on SQLite and PostgreSQL alike."""

import os
import subprocess
import sys
from pathlib import Path

import asyncpg
from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from db.config import tortoise_config
from dinghuo.database import migrate
from tests.services import POSTGRES_URL, require_postgres

TABLES = {"company", "user_account", "refresh_token", "audit_entry", "outbox_message", "variant"}
# Foreign keys are indexed on both databases (SQLite needs migration 0003's explicit SQL).
FK_INDEXES = {"idx_variant_product_b8f8f9", "idx_company_sales_rep"}


async def test_models_have_no_changes_without_a_migration(tmp_path):
    config = tortoise_config(f"sqlite://{tmp_path}/autodetect.sqlite3")
    await Tortoise.init(config=config, init_connections=False)
    try:
        detector = MigrationAutodetector(Tortoise.apps, config["apps"])
        writers = await detector.changes()
    finally:
        await Tortoise.close_connections()
    assert [w.name for w in writers] == [], "models changed: run `tortoise makemigrations`"


async def test_migrations_apply_to_a_fresh_sqlite_file(tmp_path):
    url = f"sqlite://{tmp_path}/fresh.sqlite3"
    await migrate(url)
    await migrate(url)  # a second run has nothing to do and must not fail

    import sqlite3

    with sqlite3.connect(tmp_path / "fresh.sqlite3") as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert TABLES <= tables
    assert FK_INDEXES <= indexes


def _sqlite_indexes(path) -> set[tuple[str, str]]:
    """(table, indexed columns) of every index SQLite was asked to make."""
    import sqlite3

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type='index'")
        return {(t, sql.split("(", 1)[1].replace(" ", "")) for t, sql in rows if sql}


async def test_a_migrated_sqlite_file_has_every_index_the_models_declare(tmp_path):
    migrated = tmp_path / "migrated.sqlite3"
    await migrate(f"sqlite://{migrated}")
    declared = tmp_path / "declared.sqlite3"
    await Tortoise.init(config=tortoise_config(f"sqlite://{declared}"))
    try:
        await Tortoise.generate_schemas(safe=False)
    finally:
        await Tortoise.close_connections()

    assert _sqlite_indexes(declared) - _sqlite_indexes(migrated) == set()


async def test_migrations_apply_to_a_fresh_postgres_database():
    await require_postgres()
    admin_url = POSTGRES_URL.replace("postgres://", "postgresql://", 1)
    # Named after the suite's own database: other checkouts share the server.
    name = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[1] + "_migration_check"
    admin = await asyncpg.connect(admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    await migrate(url)
    await migrate(url)

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        indexes = await conn.fetch("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
    finally:
        await conn.close()
    assert TABLES <= {r["tablename"] for r in rows}
    assert FK_INDEXES <= {r["indexname"] for r in indexes}


async def test_the_test_database_is_created_when_missing():
    await require_postgres()
    name = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[1] + "_created_check"
    admin = await asyncpg.connect(POSTGRES_URL.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
    url = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[0] + "/" + name
    script = "import asyncio; from tests.services import require_postgres as r; asyncio.run(r())"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env={
            **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
            "TEST_POSTGRES_URL": url,
            "REQUIRE_SERVICES": "1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    await conn.close()
    admin = await asyncpg.connect(POSTGRES_URL.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def test_the_search_table_is_filled_for_an_existing_sqlite_catalog_and_rolled_back(tmp_path):
    """Migration 0027 on a database that already holds products; its rollback and a reapply."""
    import sqlite3

    from tortoise.migrations.api import migrate as migrate_to

    path = tmp_path / "existing.sqlite3"
    config = tortoise_config(f"sqlite://{path}")
    before = "models.0026_refund_claim"
    await migrate_to(config=config, app_labels=["models"], target=before)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO product (id, slug, status, images, created_at, updated_at)"
            " VALUES (1, 'p', 'published', '[]', '2026-01-01', '2026-01-01')"
        )
        conn.execute(
            "INSERT INTO product_translation (product_id, language, name, description,"
            " attributes) VALUES (1, 'zh-Hans', '香浓奶茶粉', '', '[]')"
        )

    def search_rows() -> list:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT rowid, body FROM product_search").fetchall()

    await migrate_to(config=config, app_labels=["models"])
    assert search_rows() == [(1, "香浓奶茶粉")]
    await migrate_to(config=config, app_labels=["models"], target=before)
    with sqlite3.connect(path) as conn:
        found = "SELECT 1 FROM sqlite_master WHERE name = 'product_search'"
        assert not conn.execute(found).fetchall()
    await migrate_to(config=config, app_labels=["models"])
    assert search_rows() == [(1, "香浓奶茶粉")]
