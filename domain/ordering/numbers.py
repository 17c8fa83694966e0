"""Order numbers: SO + business date + a daily sequence, e.g. SO20261127-0001.

The day's counter row is shared by every placement and held from the increment to the commit,
so the number is taken last, in as few statements as the database allows: on PostgreSQL one
statement (a CTE) increments the counter and writes the number, the timeline entry and the
buyer's notice, and goes with the COMMIT in one round trip when it ends the transaction;
SQLite, without writable CTEs, sends them one by one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise import Tortoise, timezone
from tortoise.backends.base.client import BaseDBAsyncClient, TransactionalDBClient

from db.orders import Order, OrderEvent, OrderNumberCounter
from domain.ordering import notices
from domain.shared import commit_with
from domain.shared.counters import next_value
from domain.shared.sql_params import Literals, Params


async def next_number(day: date) -> str:
    """Call inside the order's transaction (see domain.counters)."""
    key = day.strftime("%Y%m%d")
    return f"SO{key}-{await next_value(OrderNumberCounter, 'day', key):04d}"


@dataclass
class Entry:
    """The timeline entry of a placement, and who hears about it."""

    actor_id: int
    actor_email: str
    kind: str
    status: str
    total: int
    notice: notices.Addressee | None


async def number_order(
    order: Order, day: date, placed: Entry, ending: TransactionalDBClient | None = None
) -> str:
    """Give the order its number, write its timeline entry and notice; call last in the
    placing transaction. With `ending` (the placing transaction, if outermost) PostgreSQL
    commits it in the same round trip (domain/shared/commit_with.py): the counter row is free
    as soon as the statement is done, and nothing may be written after this call."""
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect != "postgres":
        to = await notices.resolve(placed.notice)  # read before the counter row is taken
        number = await next_number(day)
        await Order.filter(id=order.id).update(number=number)
        order.number = number
        await OrderEvent.create(
            order=order,
            actor_id=placed.actor_id,
            actor_email=placed.actor_email,
            kind=placed.kind,
            from_status=None,
            to_status=placed.status,
            data={"number": number, "total": placed.total},
        )
        await notices.send(to, order, placed.status)
        return number
    if ending is not None:
        try:
            sql = _statement(Literals(), order, day, placed)
            number = await _numbered_and_committed(ending, sql)
        except commit_with.NotSendable:
            pass
        else:
            # Not heard only if asyncpg stopped passing INFO messages on: read it back.
            order.number = number or (await Order.get(id=order.id)).number
            return order.number
    p = Params("postgres")
    order.number = await _numbered(connection, _statement(p, order, day, placed), p.values)
    return order.number


def _statement(p: Params, order: Order, day: date, placed: Entry) -> str:
    now = f"{p(timezone.now())}::timestamptz"
    key = f"{p(day.strftime('%Y%m%d'))}::text"
    sql = (
        # An upsert: the day's first placement creates the row, racing ones wait for it.
        "WITH counter AS (INSERT INTO order_number_counter (day, last_number)"
        f" VALUES ({key}, 1) ON CONFLICT (day) DO UPDATE"
        " SET last_number = order_number_counter.last_number + 1 RETURNING last_number),"
        f" taken AS (SELECT 'SO' || {key} || '-' || lpad(last_number::text,"
        " greatest(4, length(last_number::text)), '0') AS number FROM counter),"
        " numbered AS (UPDATE sales_order SET number = taken.number FROM taken"
        f" WHERE sales_order.id = {p(order.id)}::int),"
        " event AS (INSERT INTO order_event (order_id, actor_id, actor_email, kind,"
        " from_status, to_status, data, created_at)"
        f" SELECT {p(order.id)}::int, {p(placed.actor_id)}::int, {p(placed.actor_email)},"
        f" {p(placed.kind)}, NULL, {p(placed.status)},"
        f" jsonb_build_object('number', taken.number, 'total', {p(placed.total)}::bigint),"
        f" {now} FROM taken)"
    )
    if placed.notice is not None:
        sql += ", " + notices.insert_sql(placed.notice, placed.status, p, now)
    return sql + " SELECT number FROM taken"


async def _numbered(connection: BaseDBAsyncClient, sql: str, values: list) -> str:
    """The statement that takes the counter row (held from here to the commit)."""
    rows = await connection.execute_query_dict(sql, values)
    return rows[0]["number"]


async def _numbered_and_committed(ending: TransactionalDBClient, sql: str) -> str | None:
    """The statement that takes the counter row, and the commit that frees it."""
    return await commit_with.commit_with(ending, sql)
