"""Opening the database outside a web request: migrations and command-line work."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.api import migrate as migrate_api
from tortoise.migrations.autodetector import MigrationAutodetector
from tortoise.migrations.writer import format_migration_name

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


async def make_migrations(name: str) -> list[Path]:
    """Write a migration for model changes into db/migrations; empty when nothing changed.

    Compares the models with the migrations on disk only: no database is opened.
    """
    config = tortoise_config("sqlite://:memory:")
    await Tortoise.init(config=config, init_connections=False)
    try:
        writers = await MigrationAutodetector(Tortoise.apps, config["apps"]).changes()
    finally:
        await Tortoise.close_connections()
    written = []
    for writer in writers:
        writer.name = format_migration_name(int(writer.name.split("_", 1)[0]), name)
        written.append(Path(writer.write()))
    return written
