"""One loaded demo per database kind per test run, copied for each test that reads it.

Loading the demo runs two years of order-to-cash history through the domain and forecasts
(about 30 s of CPU); tests marked `@pytest.mark.demo` get a copy of a database it was loaded
into once: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. The browser test
serves its own copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.context import TortoiseContext

from db import search_indexes
from db.config import tortoise_config
from tests.services import POSTGRES_URL, postgres_dsn

_BASE = POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[1]
TEMPLATE = _BASE + "_demo"
COPY = _BASE + "_demo_copy"

_sqlite_template: Path | None = None
_postgres_template = False


async def _load(url: str) -> None:
    from dinghuo import demo
    from tests.conftest import make_settings

    EXECUTOR_CACHE.clear()
    ctx = TortoiseContext()
    async with ctx:
        await ctx.init(config=tortoise_config(url))
        await ctx.generate_schemas(safe=False)
        await search_indexes.create(ctx.db("default"))
        loaded = await demo.load_if_empty(make_settings())
        assert loaded, "the demo did not load into an empty database"


async def sqlite_copy(folder: Path, tmp_path: Path) -> str:
    """The URL of a fresh copy of the demo database on SQLite."""
    global _sqlite_template
    if _sqlite_template is None:
        template = folder / "demo.sqlite3"
        await _load(f"sqlite://{template}")
        _sqlite_template = template
    target = tmp_path / "demo.sqlite3"
    shutil.copyfile(_sqlite_template, target)
    return f"sqlite://{target}"


async def postgres_copy() -> str:
    """The URL of a fresh copy of the demo database on PostgreSQL."""
    return await postgres_database(COPY)


async def postgres_database(name: str) -> str:
    """The URL of database `name` on the test server, made afresh as a copy of the demo."""
    import asyncpg

    global _postgres_template
    admin = await asyncpg.connect(postgres_dsn("postgres"), timeout=3)
    try:
        if not _postgres_template:
            await admin.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
            await admin.execute(f'CREATE DATABASE "{TEMPLATE}"')
            # Loading commits thousands of transactions; waiting for each one's flush to disk
            # made it several times slower than on SQLite. A lost template is only reloaded.
            await admin.execute(f'ALTER DATABASE "{TEMPLATE}" SET synchronous_commit = off')
            await _load(_url(TEMPLATE))
            _postgres_template = True
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    finally:
        await admin.close()
    return _url(name)


async def drop_postgres_database(name: str) -> None:
    import asyncpg

    admin = await asyncpg.connect(postgres_dsn("postgres"), timeout=3)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def _url(database: str) -> str:
    return POSTGRES_URL.split("?", 1)[0].rsplit("/", 1)[0] + "/" + database
