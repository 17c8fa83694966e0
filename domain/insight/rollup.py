"""The daily sales rollup (日汇总): one row per business day, customer company and group, so a
year of reports reads days instead of every order line.

Whenever an order's lines or status change (placement, modification, staff adjustment, a
closed backorder, cancellation or rejection, a return requested or rejected, a replacement
order), the domain calls `refresh` inside the same transaction; a new order only adds to its
day's rows, so placement calls `add_order`, which does not read the day again. `refresh`
rebuilds that order's day for that company from the order lines: a rebuild cannot drift the
way added and subtracted deltas can, and a company's orders of one day are few. Claiming
the day's row first makes concurrent rebuilds of one day wait for each other, so the second
one sees the first's order.
The claim is the transaction's last lock: taken before stock or credit rows, it deadlocked
with a placement that held those and waited for the day.

The figures follow the sales report's rules: an order counts on the business day it was
placed unless it was cancelled or rejected; revenue is the sum of line totals as they stand.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

from db.orders import Order
from domain.insight import summary
from domain.insight.buckets import day_value, range_filter
from domain.insight.provinces import province_of
from domain.ordering.states import ENDED
from domain.shared import clock
from domain.shared.sql_params import Params

NOT_COUNTED = ENDED
ORDER, SKU, PRODUCT, CATEGORY = "order", "sku", "product", "category"
KINDS = (ORDER, SKU, PRODUCT, CATEGORY)
WINDOW = 31  # business days read at once by a full rebuild
BATCH = 500  # rows per INSERT

Key = tuple[date, int, str, str]  # day, company, kind, key


@dataclass(slots=True)
class Tally:
    revenue: int = 0
    orders: int = 0
    units: int = 0
    returned_units: int = 0
    returned_value: int = 0
    last_order: int = 0  # lines come in order id order: a new id is one more order


def _moment(value) -> datetime:
    """Timestamps come back as datetimes from PostgreSQL and as ISO text from SQLite."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _address(value) -> dict:
    return json.loads(value) if isinstance(value, str) else (value or {})


def _lines_sql(where: str) -> str:
    return (
        "SELECT o.id AS order_id, o.company_id, o.created_at, o.shipping_address, l.sku,"
        " l.quantity, l.line_total, l.unit_price, l.returned_quantity, v.product_id,"
        " pr.category_id"
        " FROM order_line l JOIN sales_order o ON o.id = l.order_id"
        " LEFT JOIN variant v ON v.id = l.variant_id"
        " LEFT JOIN product pr ON pr.id = v.product_id"
        f" WHERE {where} ORDER BY o.id"
    )


def tally(rows: Iterable[dict]) -> dict[Key, Tally]:
    """Order lines (as `_lines_sql` reads them, by order) added up per day, company, kind and
    key."""
    tallies: dict[Key, Tally] = defaultdict(Tally)
    provinces: dict[int, str] = {}
    for r in rows:
        day = clock.local_date(_moment(r["created_at"]))
        order_id = r["order_id"]
        if order_id not in provinces:
            provinces[order_id] = province_of(_address(r["shipping_address"]))
        product, category = r["product_id"], r["category_id"]
        for kind, key in (
            (ORDER, provinces[order_id]),
            (SKU, r["sku"]),
            (PRODUCT, "" if product is None else str(product)),
            (CATEGORY, "" if category is None else str(category)),
        ):
            t = tallies[(day, r["company_id"], kind, key)]
            t.revenue += r["line_total"]
            if t.last_order != order_id:
                t.orders += 1
                t.last_order = order_id
            t.units += r["quantity"]
            t.returned_units += r["returned_quantity"]
            t.returned_value += r["returned_quantity"] * r["unit_price"]
    return tallies


COLUMNS = ("day", "company_id", "kind", "key", "revenue", "orders", "units",
           "returned_units", "returned_value")  # fmt: skip


def _rows(tallies: dict[Key, Tally]) -> list[tuple]:
    return [
        (day, company_id, kind, key, t.revenue, t.orders, t.units, t.returned_units,
         t.returned_value)
        for (day, company_id, kind, key), t in tallies.items()
    ]  # fmt: skip


async def _claim(connection: BaseDBAsyncClient, day: date, company_id: int) -> None:
    """Take the day's row (an upsert locks it until the transaction ends)."""
    p = Params(connection.capabilities.dialect)
    await connection.execute_query(
        "INSERT INTO sales_rollup_day (day, company_id, rebuilds)"
        f" VALUES ({p(day_value(day, p))}, {p(company_id)}, 1)"
        " ON CONFLICT (day, company_id)"
        " DO UPDATE SET rebuilds = sales_rollup_day.rebuilds + 1",
        p.values,
    )


async def refresh_day(day: date, company_id: int) -> None:
    """Rebuild one business day of one company from its order lines."""
    connection = Tortoise.get_connection("default")
    await _claim(connection, day, company_id)
    p = Params(connection.capabilities.dialect)
    where = (
        f"o.company_id = {p(company_id)}"
        f" AND {range_filter('o.created_at', day, day, clock.zone(), p)}"
        f" AND o.status NOT IN ({', '.join(p(s) for s in NOT_COUNTED)})"
    )
    this_day = f"day = {p(day_value(day, p))} AND company_id = {p(company_id)}"
    # The rows go and come back as they are now; what they were is the summary's difference.
    delete = (
        f"DELETE FROM sales_rollup WHERE {this_day}"
        f" RETURNING kind, key, {', '.join(summary.MEASURES)}"
    )
    if p.postgres:
        # Lines and old rows in one statement, as JSON (after the claim: a new snapshot).
        [both] = await connection.execute_query_dict(
            f"WITH gone AS ({delete}) SELECT"
            " (SELECT coalesce(json_agg(g), '[]') FROM gone g) AS gone,"
            f" (SELECT coalesce(json_agg(l), '[]') FROM ({_lines_sql(where)}) l) AS lines",
            p.values,
        )
        gone, lines = json.loads(both["gone"]), json.loads(both["lines"])
    else:
        lines = await connection.execute_query_dict(_lines_sql(where), p.values[:-2])
        gone = await connection.execute_query_dict(delete, p.values[-2:])
    before = {(r["kind"], r["key"]): [r[m] for m in summary.MEASURES] for r in gone}
    rows = _rows(tally(lines))
    after = {(r[2], r[3]): r[4:] for r in rows}
    if p.postgres and 0 < len(rows) <= BATCH:
        # On PostgreSQL the insert rides with the summary's upsert, one statement.
        first = Params(connection.capabilities.dialect)
        await summary.apply(
            connection, day, company_id, before, after, (_insert_sql(COLUMNS, rows, first), first)
        )
        return
    await _insert(connection, "sales_rollup", COLUMNS, rows)
    await summary.apply(connection, day, company_id, before, after)


@dataclass(frozen=True, slots=True)
class NewLine:
    """A line of an order being placed, as the rollup counts it."""

    sku: str
    quantity: int
    line_total: int
    product_id: int | None
    category_id: int | None


async def add_order(
    order_id: int, company_id: int, created_at: datetime, address: dict, lines: list[NewLine]
) -> None:
    """Count an order placed in this transaction in its day's rollup and the summary: what
    rebuilding the day would change, without reading the day again (a new order only adds
    to its rows). The day is claimed first, as a rebuild claims it, so a rebuild of the same
    day running meanwhile either sees this order or is seen by it."""
    day = clock.local_date(created_at)
    connection = Tortoise.get_connection("default")
    dialect = connection.capabilities.dialect
    rows = _rows(
        tally(
            {"order_id": order_id, "company_id": company_id, "created_at": created_at,
             "shipping_address": address, "sku": line.sku, "quantity": line.quantity,
             "line_total": line.line_total, "unit_price": 0, "returned_quantity": 0,
             "product_id": line.product_id, "category_id": line.category_id}
            for line in lines
        )
    )  # fmt: skip
    if not rows:
        return
    after = {(r[2], r[3]): r[4:] for r in rows}
    if dialect != "postgres":
        await _claim(connection, day, company_id)
        p = Params(dialect)
        await connection.execute_query(
            f"{_insert_sql(COLUMNS, rows, p)} ON CONFLICT (day, company_id, kind, key)"
            f" DO UPDATE SET {ADDS}",
            p.values,
        )
        await summary.apply(connection, day, company_id, {}, after)
        return
    added = summary.changed_rows(day, company_id, {}, after)
    # One statement: the rollup's and the summary's rows are read from the claim's answer,
    # so the claim takes its lock before they take theirs (the rebuild's order).
    p = Params(dialect)
    sql = (
        "WITH claim AS (INSERT INTO sales_rollup_day (day, company_id, rebuilds)"
        f" VALUES ({p(day)}::date, {p(company_id)}::int, 1) ON CONFLICT (day, company_id)"
        " DO UPDATE SET rebuilds = sales_rollup_day.rebuilds + 1 RETURNING 1),"
        f" counted AS (INSERT INTO sales_rollup ({', '.join(COLUMNS)})"
        f" SELECT given.* FROM ({_typed_values(rows, ROLLUP_TYPES, p)})"
        f" AS given ({', '.join(COLUMNS)}), claim"
        f" ON CONFLICT (day, company_id, kind, key) DO UPDATE SET {ADDS})"
        f" INSERT INTO sales_summary ({', '.join(summary.COLUMNS)})"
        f" SELECT given.* FROM ({_typed_values(added, SUMMARY_TYPES, p)})"
        f" AS given ({', '.join(summary.COLUMNS)}), claim"
        " ON CONFLICT (span, day, company_id, kind, key)"
        f" DO UPDATE SET {summary.ADDS}"
    )
    await connection.execute_query(sql, p.values)


ADDS = ", ".join(f"{m} = sales_rollup.{m} + excluded.{m}" for m in summary.MEASURES)
_MEASURE_TYPES = ("bigint", "int", "int", "int", "bigint")
ROLLUP_TYPES = ("date", "int", "text", "text", *_MEASURE_TYPES)
SUMMARY_TYPES = ("text", "date", "int", "text", "text", *_MEASURE_TYPES)


def _typed_values(rows: list[tuple], types: tuple[str, ...], p: Params) -> str:
    """VALUES with a cast on every parameter: outside an INSERT's own VALUES, PostgreSQL
    has no column to take a parameter's type from."""
    return "VALUES " + ", ".join(
        "(" + ", ".join(f"{p(v)}::{t}" for v, t in zip(row, types, strict=True)) + ")"
        for row in rows
    )


async def refresh(order_id: int) -> None:
    """Bring the rollup up to date with one order's lines and status. Call it inside the
    transaction that changed them, after the change."""
    [(company_id, created_at)] = await Order.filter(id=order_id).values_list(
        "company_id", "created_at"
    )
    await refresh_day(clock.local_date(created_at), company_id)


async def rebuild(connection: BaseDBAsyncClient | None = None, with_summary: bool = True) -> int:
    """Recompute the whole rollup from the order lines (after a change of the business
    timezone, or to fill it the first time), then its summary; returns the rollup rows
    written. Reads a month of orders at a time, so memory stays flat however long the
    history. The migration that created the rollup runs it before the summary exists."""
    connection = connection or Tortoise.get_connection("default")
    written = await _rebuild_days(connection)
    if with_summary:
        await summary.rebuild(connection)
    return written


async def _rebuild_days(connection: BaseDBAsyncClient) -> int:
    dialect = connection.capabilities.dialect
    await connection.execute_query("DELETE FROM sales_rollup")
    await connection.execute_query("DELETE FROM sales_rollup_day")
    [bounds] = await connection.execute_query_dict(
        "SELECT MIN(created_at) AS low, MAX(created_at) AS high FROM sales_order"
    )
    if bounds["low"] is None:
        return 0
    first = clock.local_date(_moment(bounds["low"]))
    last = clock.local_date(_moment(bounds["high"]))
    written = 0
    while first <= last:
        p = Params(dialect)
        end = min(first + timedelta(days=WINDOW - 1), last)
        where = (
            f"{range_filter('o.created_at', first, end, clock.zone(), p)}"
            f" AND o.status NOT IN ({', '.join(p(s) for s in NOT_COUNTED)})"
        )
        rows = _rows(tally(await connection.execute_query_dict(_lines_sql(where), p.values)))
        days = sorted({(row[0], row[1]) for row in rows})
        await _insert(
            connection, "sales_rollup_day", ("day", "company_id", "rebuilds"),
            [(d, c, 0) for d, c in days],
        )  # fmt: skip
        await _insert(connection, "sales_rollup", COLUMNS, rows)
        written += len(rows)
        first = end + timedelta(days=1)
    return written


async def _insert(connection: BaseDBAsyncClient, table: str, columns: tuple, rows) -> None:
    """Plain multi-row INSERTs, which the migration that fills the rollup can run too."""
    dialect = connection.capabilities.dialect
    for i in range(0, len(rows), BATCH):
        p = Params(dialect)
        sql = _insert_sql(columns, rows[i : i + BATCH], p, table)
        await connection.execute_query(sql, p.values)


def _insert_sql(columns: tuple, rows, p: Params, table: str = "sales_rollup") -> str:
    values = ", ".join(
        "(" + ", ".join(p(day_value(v, p) if isinstance(v, date) else v) for v in row) + ")"
        for row in rows
    )
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values}"
