"""Inserting many rows without building an ORM object per row: one prepared statement run
over all the rows (asyncpg and sqlite3 both send it as a batch). Building Tortoise models for a
catalog import cost more than the database did."""

from __future__ import annotations

from datetime import UTC, datetime

from tortoise import Tortoise
from tortoise.fields import DatetimeField


async def insert(model, rows: list[dict]) -> None:
    """INSERT `rows` ({field name: value}) into the model's table. Fields a row leaves out
    take the model's default, and `auto_now_add` timestamps take the time now."""
    if not rows:
        return
    meta = model._meta
    names = [n for n in meta.fields_db_projection if n != meta.pk_attr]
    fields = [meta.fields_map[n] for n in names]
    now = datetime.now(UTC)
    defaults: dict[str, object] = {}
    for name, field in zip(names, fields, strict=True):
        if isinstance(field, DatetimeField) and (field.auto_now_add or field.auto_now):
            defaults[name] = now
        elif field.default is not None:
            defaults[name] = field.default
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    marks = ", ".join(f"${n}" if postgres else "?" for n in range(1, len(names) + 1))
    columns = ", ".join(f'"{meta.fields_db_projection[n]}"' for n in names)
    values = []
    for row in rows:
        record = []
        for name, field in zip(names, fields, strict=True):
            value = row[name] if name in row else defaults.get(name)
            if callable(value):
                value = value()
            record.append(field.to_db_value(value, model))
        values.append(record)
    await connection.execute_many(
        f'INSERT INTO "{meta.db_table}" ({columns}) VALUES ({marks})', values
    )
