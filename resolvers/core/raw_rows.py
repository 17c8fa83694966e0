"""Reading many rows without building ORM objects or going through the query builder: for
the loaders behind a storefront page, where that overhead cost more than the SQL (bench/)."""

from __future__ import annotations

from tortoise import Tortoise

from domain.shared.sql_params import Params


def _connection():
    return Tortoise.get_connection("default")


async def rows_in(table: str, columns: tuple[str, ...], key: str, keys, order: str = "") -> list:
    """`SELECT columns FROM table WHERE key IN keys [ORDER BY order]` as tuples."""
    keys = list(keys)
    if not keys:
        return []
    connection = _connection()
    p = Params(connection.capabilities.dialect)
    sql = f'SELECT {", ".join(columns)} FROM "{table}" WHERE {key} IN ({p.many(keys)})'
    if order:
        sql += f" ORDER BY {order}"
    _, rows = await connection.execute_query(sql, p.values)
    return [tuple(row) for row in rows]
