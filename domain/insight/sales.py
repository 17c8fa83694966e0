"""Sales analytics (销售分析): revenue, orders, units and average order value by business
period, product, category, customer company or SKU, with the previous period for comparison.

Figures are GROUP BY queries over order lines joined to their orders (indexed on the order's
status and creation time), never rows summed in Python. Revenue is the sum of line totals as
placed; an order counts from placement unless it was cancelled or rejected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tortoise import Tortoise

from domain.insight.buckets import Params, as_date, bucket, range_filter
from domain.insight.labels import labels_for
from domain.ordering.states import CANCELLED, REJECTED
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import CENT, from_minor

NOT_COUNTED = (CANCELLED, REJECTED)
DIMENSIONS = ("period", "product", "category", "company", "sku")
MAX_DAYS = 3 * 366


MAX_LIMIT = 10_000  # rows in one report


@dataclass(frozen=True)
class SalesQuery:
    start: date
    end: date  # inclusive
    by: str = "period"
    grain: str = "day"
    company_id: int | None = None  # only this customer company's purchases
    language: str = "zh-Hans"
    limit: int | None = None


@dataclass(frozen=True)
class Figures:
    revenue: Decimal
    orders: int
    units: int

    @property
    def average_order_value(self) -> Decimal:
        if not self.orders:
            return Decimal("0.00")
        return (self.revenue / self.orders).quantize(CENT)


@dataclass(frozen=True)
class SalesRow:
    key: str  # ISO date of the bucket's first day, or the id / SKU of the group
    label: str
    figures: Figures


@dataclass(frozen=True)
class SalesReport:
    query: SalesQuery
    rows: list[SalesRow]
    total: Figures
    previous_start: date
    previous_end: date
    previous: Figures


def check(query: SalesQuery) -> None:
    if query.by not in DIMENSIONS:
        raise DomainError(ErrorCode.INVALID, "by")
    if query.end < query.start or (query.end - query.start).days >= MAX_DAYS:
        raise DomainError(ErrorCode.INVALID, "end")
    if query.limit is not None and query.limit < 1:
        raise DomainError(ErrorCode.INVALID, "limit")
    if query.limit is not None and query.limit > MAX_LIMIT:
        # Beyond this the database cannot hold the number (bigint) or the answer is no report.
        detail = f"limit ≤ {MAX_LIMIT}"
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, "limit", detail=detail)


def period(start: date | None, end: date | None, days: int = 30) -> tuple[date, date]:
    """The range asked for; a missing end is today, a missing start `days` before the end."""
    end = end or clock.today()
    return start or end - timedelta(days=days - 1), end


def _figures(revenue, orders, units) -> Figures:
    return Figures(from_minor(int(revenue or 0)), int(orders or 0), int(units or 0))


def _group(query: SalesQuery, p: Params) -> tuple[str, str]:
    """(SQL key expression, joins it needs)."""
    if query.by == "period":
        zone = clock.zone()
        return bucket("o.created_at", query.grain, query.start, query.end, zone, p), ""
    if query.by == "sku":
        return "l.sku", ""
    if query.by == "company":
        return "o.company_id", ""
    joins = (
        " LEFT JOIN variant v ON v.id = l.variant_id LEFT JOIN product pr ON pr.id = v.product_id"
    )
    if query.by == "product":
        return "pr.id", joins
    return "pr.category_id", joins


async def _aggregate(query: SalesQuery, start: date, end: date, grouped: bool) -> list[dict]:
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    key, joins = _group(query, p) if grouped else ("NULL", "")
    where = [
        range_filter("o.created_at", start, end, clock.zone(), p),
        f"o.status NOT IN ({', '.join(p(s) for s in NOT_COUNTED)})",
    ]
    if query.company_id is not None:
        where.append(f"o.company_id = {p(query.company_id)}")
    sql = (
        f"SELECT {key} AS k, SUM(l.line_total) AS revenue,"
        " COUNT(DISTINCT l.order_id) AS orders, SUM(l.quantity) AS units"
        f" FROM order_line l JOIN sales_order o ON o.id = l.order_id{joins}"
        f" WHERE {' AND '.join(where)}"
    )
    if grouped:
        order = "k" if query.by == "period" else "revenue DESC, k"
        sql += f" GROUP BY 1 ORDER BY {order}"
        if query.limit:
            sql += f" LIMIT {int(query.limit)}"
    return await connection.execute_query_dict(sql, p.values)


async def sales_report(query: SalesQuery) -> SalesReport:
    check(query)
    rows = await _aggregate(query, query.start, query.end, grouped=True)
    [total] = await _aggregate(query, query.start, query.end, grouped=False)
    length = (query.end - query.start).days + 1
    previous_end = query.start - timedelta(days=1)
    previous_start = previous_end - timedelta(days=length - 1)
    [previous] = await _aggregate(query, previous_start, previous_end, grouped=False)
    keys = [as_date(r["k"]).isoformat() if query.by == "period" else r["k"] for r in rows]
    labels = await labels_for(query.by, keys, query.language)
    return SalesReport(
        query=query,
        rows=[
            SalesRow(
                key="" if k is None else str(k),
                label=labels.get(k, ""),
                figures=_figures(r["revenue"], r["orders"], r["units"]),
            )
            for k, r in zip(keys, rows, strict=True)
        ],
        total=_figures(total["revenue"], total["orders"], total["units"]),
        previous_start=previous_start,
        previous_end=previous_end,
        previous=_figures(previous["revenue"], previous["orders"], previous["units"]),
    )
