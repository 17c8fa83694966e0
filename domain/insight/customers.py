"""Customers who stopped ordering (流失预警): a company that ordered on several days and has
now gone longer than its usual interval (times a tolerance) without an order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tortoise import Tortoise

from db.accounts import Company
from domain.insight.buckets import Params, as_date, day_value
from domain.insight.rollup import ORDER

LOOKBACK_DAYS = 365  # the cadence is read from this much history
MIN_ORDER_DAYS = 3  # fewer ordering days say nothing about a usual interval
TOLERANCE = 1.5  # overdue once the gap passes the usual interval by half


@dataclass(frozen=True)
class LapsedCustomer:
    company_id: int
    name: str
    last_order_date: date
    order_days: int
    usual_interval_days: float  # mean gap between ordering days
    days_since_last_order: int


async def lapsed_customers(today: date) -> list[LapsedCustomer]:
    """Most overdue first, relative to each company's own interval."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    rows = await connection.execute_query_dict(
        "SELECT r.company_id, MIN(r.day) AS first, MAX(r.day) AS last,"
        " COUNT(DISTINCT r.day) AS days FROM sales_rollup r"
        f" WHERE r.kind = {p(ORDER)} AND r.orders > 0"
        f" AND r.day >= {p(day_value(today - timedelta(days=LOOKBACK_DAYS), p))}"
        f" AND r.day <= {p(day_value(today, p))}"
        f" GROUP BY r.company_id HAVING COUNT(DISTINCT r.day) >= {p(MIN_ORDER_DAYS)}",
        p.values,
    )
    lapsed = []
    for r in rows:
        first, last, days = as_date(r["first"]), as_date(r["last"]), int(r["days"])
        interval = (last - first).days / (days - 1)
        since = (today - last).days
        if since > interval * TOLERANCE:
            lapsed.append((r["company_id"], last, days, interval, since))
    names = dict(await Company.filter(id__in=[x[0] for x in lapsed]).values_list("id", "name"))
    result = [
        LapsedCustomer(company_id, names.get(company_id, ""), last, days, round(interval, 1),
                       since)
        for company_id, last, days, interval, since in lapsed
    ]  # fmt: skip
    return sorted(result, key=lambda c: (-c.days_since_last_order / c.usual_interval_days,
                                         c.company_id))  # fmt: skip
