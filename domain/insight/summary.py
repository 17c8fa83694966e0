"""Sums of the daily rollup (`sales_summary`) for the supplier-wide reports.

The rollup has a row per day, company and key: a year of everyone's SKU rows is most of the
order lines again. The summary adds the companies up — per business day and per calendar
month, for every kind — and keeps each company's month of "order" rows, so a report over a
year reads twelve months plus the days at its edges.

It is kept by differences: when the rollup rebuilds one company's day, the change of each of
its rows (new minus old) is added to the summary rows it belongs to by one upsert. Every
measure is a plain sum over companies (an order belongs to one company, so its count adds up
too), which is what makes adding differences exact. The upsert's rows are sorted, so two
transactions lock the rows they share in the same order and cannot deadlock; a row whose
orders fall to zero is deleted, so a report never shows an empty group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.insight.buckets import Params, day_bucket, day_value

DAY, MONTH = "day", "month"
ALL = 0  # company_id of the rows that hold all companies together
ORDER = "order"  # the rollup's kind of whole-order rows (imported by rollup.py: no cycle)
MEASURES = ("revenue", "orders", "units", "returned_units", "returned_value")
COLUMNS = ("span", "day", "company_id", "kind", "key", *MEASURES)

Figures = Sequence[int]  # the five measures, in MEASURES order


def _targets(day: date, company_id: int, kind: str, key: str) -> list[tuple]:
    month = day.replace(day=1)
    found = [(DAY, day, ALL, kind, key), (MONTH, month, ALL, kind, key)]
    if kind == ORDER:
        found.append((MONTH, month, company_id, kind, key))
    return found


async def apply(
    connection: BaseDBAsyncClient,
    day: date,
    company_id: int,
    before: Mapping[tuple[str, str], Figures],
    after: Mapping[tuple[str, str], Figures],
    first: tuple[str, Params] | None = None,
) -> None:
    """Add the change of one company's day (its rollup rows by kind and key, before and after
    the rebuild) to the summary. `first`, a statement and its parameters (PostgreSQL), runs
    before, inside the upsert's statement when there is one."""
    await _upsert(connection, changed_rows(day, company_id, before, after), first)
    gone = sorted(
        target
        for kind_key in before.keys() - after.keys()
        for target in _targets(day, company_id, *kind_key)
    )
    await _delete_empty(connection, gone)


def changed_rows(
    day: date,
    company_id: int,
    before: Mapping[tuple[str, str], Figures],
    after: Mapping[tuple[str, str], Figures],
) -> list[tuple]:
    """The summary rows (COLUMNS) to add for the change of one company's day, sorted: two
    transactions lock the rows they share in the same order."""
    change: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(MEASURES))
    for sign, rows in ((1, after), (-1, before)):
        for kind_key, figures in rows.items():
            total = change[kind_key]
            for i, value in enumerate(figures):
                total[i] += sign * int(value)
    return sorted(
        (*target, *figures)
        for (kind, key), figures in change.items()
        if any(figures)
        for target in _targets(day, company_id, kind, key)
    )


ADDS = ", ".join(f"{m} = sales_summary.{m} + excluded.{m}" for m in MEASURES)


async def _upsert(
    connection: BaseDBAsyncClient, rows: list[tuple], first: tuple[str, Params] | None = None
) -> None:
    dialect = connection.capabilities.dialect
    batch = 400
    if first is not None and not rows:
        await connection.execute_query(first[0], first[1].values)
    for i in range(0, len(rows), batch):
        p = first[1] if first is not None and i == 0 else Params(dialect)
        lead = f"WITH written AS ({first[0]}) " if first is not None and i == 0 else ""
        values = ", ".join(
            "(" + ", ".join(p(day_value(v, p) if isinstance(v, date) else v) for v in row) + ")"
            for row in rows[i : i + batch]
        )
        await connection.execute_query(
            f"{lead}INSERT INTO sales_summary ({', '.join(COLUMNS)}) VALUES {values}"
            " ON CONFLICT (span, day, company_id, kind, key)"
            f" DO UPDATE SET {ADDS}",
            p.values,
        )


async def _delete_empty(connection: BaseDBAsyncClient, targets: list[tuple]) -> None:
    """Delete the rows among `targets` (all locked by the upsert before) left without orders."""
    dialect = connection.capabilities.dialect
    batch = 100
    for i in range(0, len(targets), batch):
        p = Params(dialect)
        matches = " OR ".join(
            f"(span = {p(span)} AND day = {p(day_value(day, p))} AND company_id = {p(company)}"
            f" AND kind = {p(kind)} AND key = {p(key)})"
            for span, day, company, kind, key in targets[i : i + batch]
        )
        await connection.execute_query(
            f"DELETE FROM sales_summary WHERE orders = 0 AND ({matches})", p.values
        )


async def rebuild(connection: BaseDBAsyncClient) -> None:
    """Recompute the summary from the rollup, in SQL."""
    await connection.execute_query("DELETE FROM sales_summary")
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    into = f"INSERT INTO sales_summary ({', '.join(COLUMNS)})"
    p = Params(connection.capabilities.dialect)
    await connection.execute_query(
        f"{into} SELECT {p(DAY)}, day, {p(ALL)}, kind, key, {sums} FROM sales_rollup"
        " GROUP BY day, kind, key",
        p.values,
    )
    p = Params(connection.capabilities.dialect)
    span, all_companies = p(MONTH), p(ALL)
    month = day_bucket("day", "month", p)
    await connection.execute_query(
        f"{into} SELECT {span}, {month}, {all_companies}, kind, key, {sums}"
        f" FROM sales_rollup GROUP BY {month}, kind, key",
        p.values,
    )
    p = Params(connection.capabilities.dialect)
    span, kind = p(MONTH), p(ORDER)
    month = day_bucket("day", "month", p)
    await connection.execute_query(
        f"{into} SELECT {span}, {month}, company_id, kind, key, {sums}"
        f" FROM sales_rollup WHERE kind = {kind} GROUP BY {month}, company_id, kind, key",
        p.values,
    )


def split(start: date, end: date) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """The whole calendar months within start..end (first day of the first and of the last),
    and the day ranges around them; no months when none fits whole."""
    first = start if start.day == 1 else (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    after_end = end + timedelta(days=1)
    last = (after_end if after_end.day == 1 else end.replace(day=1)).replace(day=1)
    # `last` is the first day after the whole months; the months run first .. last - 1 month.
    if first >= last:
        return None, [(start, end)]
    last_month = (last - timedelta(days=1)).replace(day=1)
    edges = []
    if start < first:
        edges.append((start, first - timedelta(days=1)))
    if last <= end:
        edges.append((last, end))
    return (first, last_month), edges
