"""Weekly demand per SKU: units ordered per business week (Monday first) on placed orders that
were not cancelled or rejected, with the weeks without orders filled by zero."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise import Tortoise

from domain.insight.buckets import Params, as_date, bucket, bucket_start, range_filter
from domain.insight.rollup import NOT_COUNTED
from domain.shared import clock


@dataclass(frozen=True)
class WeeklyDemand:
    first_week: date  # a Monday
    weeks: int
    units: dict[str, list[int]]  # SKU -> units per week, oldest first


def complete_weeks(weeks: int, today: date | None = None) -> tuple[date, date]:
    """The Mondays of the first and last of the `weeks` complete weeks before this one."""
    this_week = bucket_start(today or clock.today(), "week")
    return this_week - timedelta(weeks=weeks), this_week - timedelta(weeks=1)


async def weekly_demand(weeks: int, skus: list[str] | None = None) -> WeeklyDemand:
    first, last = complete_weeks(weeks)
    end = last + timedelta(days=6)
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    week = bucket("o.created_at", "week", first, end, clock.zone(), p)
    where = [
        range_filter("o.created_at", first, end, clock.zone(), p),
        f"o.status NOT IN ({', '.join(p(s) for s in NOT_COUNTED)})",
    ]
    if skus is not None:
        if not skus:
            return WeeklyDemand(first, weeks, {})
        where.append(f"l.sku IN ({', '.join(p(s) for s in skus)})")
    sql = (
        f"SELECT l.sku AS sku, {week} AS week, SUM(l.quantity) AS units"
        " FROM order_line l JOIN sales_order o ON o.id = l.order_id"
        f" WHERE {' AND '.join(where)} GROUP BY 1, 2"
    )
    rows = await connection.execute_query_dict(sql, p.values)
    units: dict[str, list[int]] = defaultdict(lambda: [0] * weeks)
    for row in rows:
        index = (as_date(row["week"]) - first).days // 7
        units[row["sku"]][index] = int(row["units"])
    return WeeklyDemand(first, weeks, dict(units))
