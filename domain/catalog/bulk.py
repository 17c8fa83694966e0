"""Inserting and reading many rows without an ORM object per row: one statement per block
(PostgreSQL unnests arrays; SQLite runs one prepared statement over the rows). Building
Tortoise models and queries for a catalog import cost more than the database did."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tortoise import Tortoise
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
    defaults: dict[str, Any] = {}
    for name, field in zip(names, fields, strict=True):
        if isinstance(field, DatetimeField) and (field.auto_now_add or field.auto_now):
            defaults[name] = now
        elif field.default is not None:
            defaults[name] = field.default
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    marks = ", ".join(f"${n}" if postgres else "?" for n in range(1, len(names) + 1))
    columns = ", ".join(f'"{meta.fields_db_projection[n]}"' for n in names)
    # Only JSON and timestamps need the field's conversion; numbers and text go as they are.
    convert = [field if isinstance(field, JSONField | DatetimeField) else None for field in fields]
    plain = [(name, defaults.get(name)) for name in names]
    values = []
    for row in rows:
        record = []
        for (name, default), field in zip(plain, convert, strict=True):
            value: Any = row[name] if name in row else default
            if callable(value):
                value = value()
            record.append(value if field is None else field.to_db_value(value, model))
        values.append(record)
    table = meta.db_table
    if not postgres:
        await connection.execute_many(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', values)
        return
    # PostgreSQL: one statement for all the rows, a typed array per column. Row by row, even
    # pipelined, the server spent most of an import starting and ending statements.
    types = [field.get_for_dialect("postgres", "SQL_TYPE") for field in fields]
    arrays = ", ".join(
        f"${n}::TEXT[]::JSONB[]" if kind == "JSONB" else f"${n}::{kind}[]"
        for n, kind in enumerate(types, start=1)
    )
    await connection.execute_query(
        f'INSERT INTO "{table}" ({columns}) SELECT * FROM unnest({arrays})',
        [list(column) for column in zip(*values, strict=True)],
    )


def _in(key: str, keys: list, postgres: bool, first: int = 1) -> tuple[str, list]:
    if postgres:  # one parameter, one plan, whatever the number of keys
        return f"{key} = ANY(${first})", [keys]
    return f"{key} IN ({', '.join('?' * len(keys))})", keys


async def delete_in(table: str, key: str, keys: list, batch: int = 1000) -> None:
    """`DELETE FROM table WHERE key IN keys`, `batch` keys a statement."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    for start in range(0, len(keys), batch):
        where, params = _in(key, keys[start : start + batch], postgres)
        await connection.execute_query(f'DELETE FROM "{table}" WHERE {where}', params)


async def select_in(
    table: str, columns: tuple[str, ...], key: str, keys: list, batch: int = 1000
) -> list[tuple]:
    """`SELECT columns FROM table WHERE key IN keys` as tuples, `batch` keys a statement
    (building these through the query builder cost more than running them)."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
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
