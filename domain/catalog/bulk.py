"""Inserting and reading many rows without an ORM object per row: one statement per block
(PostgreSQL copies; SQLite runs one prepared statement over the rows). Building
Tortoise models and queries for a catalog import cost more than the database did."""

from __future__ import annotations

from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

import asyncpg
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.fields import DatetimeField, JSONField


async def insert(model, rows: list[dict]) -> None:
    """INSERT `rows` ({field name: value}) into the model's table. Fields a row leaves out
    take the model's default, and `auto_now_add` timestamps take the time now."""
    if not rows:
        return
    meta = model._meta
    names = [n for n in meta.fields_db_projection if n != meta.pk_attr]
    fields = [meta.fields_map[n] for n in names]
    now = datetime.now(UTC)
    # Each row is laid over the defaults (converted once, not per row) and read out in column
    # order by one C call; only JSON and timestamps a row gives need converting per row.
    base: dict[str, Any] = {}
    convert: list[tuple[str, Any]] = []
    for name, field in zip(names, fields, strict=True):
        timestamp = isinstance(field, DatetimeField)
        default: Any = field.default
        if timestamp and (field.auto_now_add or field.auto_now):
            default = now
        if callable(default):
            default = default()
        if isinstance(field, JSONField) or timestamp:
            base[name] = field.to_db_value(default, model)
            if any(name in row for row in rows):
                convert.append((name, field))
        else:
            base[name] = default
    record = itemgetter(*names) if len(names) > 1 else lambda values: (values[names[0]],)
    records = []
    for row in rows:
        values = base | row
        for name, field in convert:
            if name in row:
                values[name] = field.to_db_value(row[name], model)
        records.append(record(values))
    table = meta.db_table
    columns = [meta.fields_db_projection[n] for n in names]
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect == "postgres":
        # COPY: the server neither parses a statement per block nor unpacks arrays, and the
        # rows are encoded without the array encoder's checks per value.
        async with connection.acquire_connection() as raw:
            try:
                await raw.copy_records_to_table(table, records=records, columns=columns)
            except asyncpg.IntegrityConstraintViolationError as exc:  # as Tortoise's own calls
                raise IntegrityError(exc) from exc
        return
    marks = ", ".join("?" * len(names))
    quoted = ", ".join(f'"{c}"' for c in columns)
    await connection.execute_many(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', records)


def _in(key: str, keys: list, postgres: bool, first: int = 1) -> tuple[str, list]:
    if postgres:  # one parameter, one plan, whatever the number of keys
        return f"{key} = ANY(${first})", [keys]
    return f"{key} IN ({', '.join('?' * len(keys))})", keys


def _batch(keys: list, size: int, postgres: bool) -> int:
    """Keys a statement: all of them on PostgreSQL (one array parameter), else `size`."""
    return max(len(keys), 1) if postgres else size


async def delete_in(table: str, key: str, keys: list, batch: int = 1000) -> None:
    """`DELETE FROM table WHERE key IN keys`, `batch` keys a statement on SQLite."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    batch = _batch(keys, batch, postgres)
    for start in range(0, len(keys), batch):
        where, params = _in(key, keys[start : start + batch], postgres)
        await connection.execute_query(f'DELETE FROM "{table}" WHERE {where}', params)


async def select_in(
    table: str, columns: tuple[str, ...], key: str, keys: list, batch: int = 1000
) -> list[tuple]:
    """`SELECT columns FROM table WHERE key IN keys` as tuples, `batch` keys a statement on
    SQLite (building these through the query builder cost more than running them)."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    batch = _batch(keys, batch, postgres)
    found: list[tuple] = []
    for start in range(0, len(keys), batch):
        where, params = _in(key, keys[start : start + batch], postgres)
        sql = f'SELECT {", ".join(columns)} FROM "{table}" WHERE {where}'
        _, rows = await connection.execute_query(sql, params)
        found += [tuple(row) for row in rows]
    return found


async def analyze(tables: tuple[str, ...]) -> None:
    """Refresh the planner's statistics of these tables (PostgreSQL; inside a transaction it
    counts that transaction's own new rows)."""
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_script(f"ANALYZE {', '.join(tables)}")


async def estimated_rows(table: str) -> float | None:
    """The row count the planner's statistics give `table` (PostgreSQL; None elsewhere, and
    -1 for a table never analyzed)."""
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect != "postgres":
        return None
    _, rows = await connection.execute_query(
        "SELECT reltuples FROM pg_class WHERE oid = $1::regclass", [table]
    )
    return float(rows[0][0]) if rows else None
