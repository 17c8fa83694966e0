"""Opening the database outside a web request: migrations and command-line work."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from tortoise import Tortoise
from tortoise.migrations.api import migrate as migrate_api

from db.config import tortoise_config


async def migrate(database_url: str) -> None:
    """Apply every migration in db/migrations that the database has not seen yet."""
    try:
        await migrate_api(config=tortoise_config(database_url))
    finally:
        await Tortoise.close_connections()


@contextlib.asynccontextmanager
async def opened(database_url: str) -> AsyncIterator[None]:
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        yield
    finally:
        await Tortoise.close_connections()
