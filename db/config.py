"""Tortoise configuration built from a database URL."""

from __future__ import annotations

from pathlib import Path

import asyncpg
from tortoise.backends.base.config_generator import expand_db_url

MODEL_MODULES = [
    "db.accounts",
    "db.audit",
    "db.outbox",
    "db.catalog",
    "db.pricing",
    "db.inventory",
    "db.orders",
    "db.payments",
    "db.invoices",
    "db.balances",
    "db.fulfilment",
    "db.after_sales",
    "db.insight",
]


def normalize_url(url: str) -> str:
    """Accept the URL spellings operators use and give SQLite the pragmas it needs.

    SQLite gets a busy timeout so that a second writer waits for the lock instead of
    failing with `database is locked` (Tortoise already turns WAL on).
    """
    if url.startswith("postgresql://"):
        url = "postgres://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite://") and ":memory:" not in url:
        path = url.removeprefix("sqlite://").split("?", 1)[0]
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if "busy_timeout" not in url:
            url += ("&" if "?" in url else "?") + "busy_timeout=10000"
    return url


class PooledConnection(asyncpg.Connection):
    """A pooled PostgreSQL connection that goes back to the pool without asyncpg's reset query
    (`pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`): outside a transaction every
    statement releases its connection, so the reset doubled the round trips. Nothing here sets
    session state (no advisory locks, LISTEN, cursors WITH HOLD or SET), and asyncpg still rolls
    back a transaction left open before the connection is reused."""

    def get_reset_query(self) -> str:
        return ""


def connection(url: str) -> str | dict:
    """Tortoise's connection setting for a URL: PostgreSQL gets the connection class above,
    SQLite the engine whose LOWER folds any letter (db/sqlite.py)."""
    url = normalize_url(url)
    if url.startswith("sqlite://"):
        config = expand_db_url(url)
        config["engine"] = "db.sqlite"
        return config
    if not url.startswith("postgres://"):
        return url
    config = expand_db_url(url)
    config["credentials"]["connection_class"] = PooledConnection
    return config


def tortoise_config(url: str) -> dict:
    return {
        "connections": {"default": connection(url)},
        "apps": {
            "models": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "db.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _default_config() -> dict:
    # Used by the `tortoise` command line (makemigrations): it reads DATABASE_URL too.
    import os

    return tortoise_config(os.environ.get("DATABASE_URL", "sqlite://var/dinghuo.sqlite3"))


TORTOISE_ORM = _default_config()
