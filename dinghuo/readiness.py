"""Is this process ready to serve? The database answers, every migration is applied, and Redis
answers when one is configured. `/readyz` and `dinghuo check` ask the same questions."""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.migrations.executor import MigrationExecutor

from db.config import tortoise_config


async def migration_status(database_url: str) -> tuple[list[str], list[str]]:
    """(applied, pending) migration names on the open default connection."""
    connection = Tortoise.get_connection("default")
    executor = MigrationExecutor(connection, tortoise_config(database_url)["apps"])
    pending = [step.migration.name for step in await executor.plan() if not step.backward]
    applied = [key.name for key in await executor.recorder.applied_migrations()]
    return applied, pending


async def problems(database_url: str, broker) -> list[str]:
    """One line per reason not to send traffic here; empty when ready."""
    found = []
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        found.append(f"database: unreachable ({type(exc).__name__})")
    else:
        _, pending = await migration_status(database_url)
        if pending:
            found.append(
                f"database: {len(pending)} migrations pending ({pending[0]} first): "
                "run `dinghuo migrate`"
            )
    if broker is not None:
        try:
            await broker.ping()
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            found.append(f"redis: unreachable ({type(exc).__name__})")
    return found
