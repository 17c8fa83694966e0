"""Tortoise's SQLite engine with LOWER folding any letter, as PostgreSQL's does."""

from __future__ import annotations

from tortoise.backends.sqlite.client import SqliteClient as _TortoiseSqliteClient

from db.case_fold import sql_lower


class SqliteClient(_TortoiseSqliteClient):
    """SQLite's built-in LOWER folds ASCII letters only, so a search for "crème" missed
    "CRÈME BRÛLÉE". Every connection replaces it; deterministic, as the built-in is, so SQLite
    may still use it wherever a deterministic function is required."""

    async def _post_connect(self) -> None:
        await super()._post_connect()
        assert self._connection is not None
        await self._connection.create_function("lower", 1, sql_lower, deterministic=True)


client_class = SqliteClient
