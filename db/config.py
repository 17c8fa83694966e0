"""Tortoise configuration built from a database URL."""

from __future__ import annotations

from pathlib import Path

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


def tortoise_config(url: str) -> dict:
    return {
        "connections": {"default": normalize_url(url)},
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
