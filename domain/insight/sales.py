"""Sales analytics (销售分析): revenue, orders, units, average order value and returns by
business period, product, category, customer company, SKU, province, price tier or sales rep,
with the previous period and the same period a year earlier for comparison.

Figures are GROUP BY queries over the daily rollup (`rollup.py`), never rows summed in Python;
reports over all companies read its sums (`summary.py`): whole months, and days at the edges.
Revenue is the sum of line totals as they stand; an order counts on the business day it was
placed unless it was cancelled or rejected. Price tier and sales rep are the company's today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from tortoise import Tortoise

from domain.insight.buckets import as_date, day_bucket, day_value
from domain.insight.labels import labels_for
from domain.insight.margins import Margin, margins
from domain.insight.rollup import ORDER
from domain.insight.summary import ALL, DAY, MONTH, split
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import CENT, from_minor
from domain.shared.sql_params import Params

DIMENSIONS = (
    "period", "product", "category", "company", "sku", "province", "price_tier", "sales_rep",
)  # fmt: skip
RATE = Decimal("0.0001")
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
    margins: bool = False  # gross margins from cost prices: staff only


@dataclass(frozen=True)
class Figures:
    revenue: Decimal
    orders: int
    units: int
    returned_units: int = 0

    @property
    def returns_rate(self) -> Decimal | None:
        """Units under a return (requested or accepted) per unit sold; None without sales."""
        if not self.units:
            return None
        return (Decimal(self.returned_units) / self.units).quantize(RATE)

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
    margin: Margin | None = None  # where the group has SKUs with a cost price


@dataclass(frozen=True)
class SalesReport:
    query: SalesQuery
    rows: list[SalesRow]
    total: Figures
    previous_start: date
    previous_end: date
    previous: Figures
    last_year_start: date
    last_year_end: date
    last_year: Figures
    repeat_purchase_rate: Decimal | None  # None when nobody ordered


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


# Reports span business days of this era; dates near the calendar's ends would overflow the
# date arithmetic of periods and year-on-year comparisons (INTERNAL_ERROR, not a refusal).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def period(start: date | None, end: date | None, days: int = 30) -> tuple[date, date]:
    """The range asked for; a missing end is today, a missing start `days` before the end.
    INVALID when the range is backwards or outside EARLIEST..LATEST."""
    end = end or clock.today()
    if not EARLIEST <= end <= LATEST:
        raise DomainError(ErrorCode.INVALID, "end")
    start = start or end - timedelta(days=days - 1)
    if not EARLIEST <= start <= end:
        raise DomainError(ErrorCode.INVALID, "start")
    return start, end


def _figures(r: dict) -> Figures:
    return Figures(
        from_minor(int(r["revenue"] or 0)),
        int(r["orders"] or 0),
        int(r["units"] or 0),
        int(r["returned_units"] or 0),
    )


def _group(query: SalesQuery, p: Params) -> tuple[str, str, str]:
    """(rollup kind, SQL key expression, joins it needs)."""
    if query.by == "period":
        return ORDER, day_bucket("r.day", query.grain, p), ""
    if query.by == "company":
        return ORDER, "r.company_id", ""
    if query.by == "province":
        return ORDER, "r.key", ""
    if query.by in ("price_tier", "sales_rep"):
        column = "c.price_tier" if query.by == "price_tier" else "c.sales_rep_id"
        return ORDER, column, " LEFT JOIN company c ON c.id = r.company_id"
    return query.by, "r.key", ""  # sku, product, category: rows of their own kind


COMPANY_LEVEL = ("company", "price_tier", "sales_rep")
FIELDS = "day, company_id, key, revenue, orders, units, returned_units"


def _days(table: str, scope: str, kind: str, start: date, end: date, p: Params) -> str:
    """`scope` is conditions already written with `p` (placeholders go in order on SQLite)."""
    return (
        f"SELECT {FIELDS} FROM {table} WHERE {scope}kind = {p(kind)}"
        f" AND day >= {p(day_value(start, p))} AND day <= {p(day_value(end, p))}"
    )


def source(
    query: SalesQuery, start: date, end: date, kind: str, per_company: bool, months: bool,
    p: Params,
) -> str:  # fmt: skip
    """The rows a report adds up, as a subquery: one company's rollup rows; or, for all
    companies, the summary's whole months (when the buckets allow) and its days around them —
    per company (`per_company`, order rows only) or all companies together."""
    if query.company_id is not None:
        scope = f"company_id = {p(query.company_id)} AND "
        return f"({_days('sales_rollup', scope, kind, start, end, p)})"
    whole, edges = split(start, end) if months else (None, [(start, end)])
    parts = []
    if whole is not None:
        which = "<>" if per_company else "="
        scope = f"span = {p(MONTH)} AND company_id {which} {p(ALL)} AND "
        parts.append(_days("sales_summary", scope, kind, *whole, p))
    for low, high in edges:
        if per_company:
            parts.append(_days("sales_rollup", "", kind, low, high, p))
        else:
            scope = f"span = {p(DAY)} AND company_id = {p(ALL)} AND "
            parts.append(_days("sales_summary", scope, kind, low, high, p))
    return "(" + " UNION ALL ".join(parts) + ")"


MEASURES = (
    "SUM(r.revenue) AS revenue, SUM(r.orders) AS orders, SUM(r.units) AS units,"
    " SUM(r.returned_units) AS returned_units"
)


async def _aggregate(query: SalesQuery, start: date, end: date, grouped: bool) -> list[dict]:
    """Figures from the daily rollup: one row per group, or the total."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    kind, key, joins = _group(query, p) if grouped else (ORDER, "NULL", "")
    per_company = grouped and query.by in COMPANY_LEVEL
    # Months add up into days and months only, not weeks.
    months = not grouped or query.by != "period" or query.grain == "month"
    rows = source(query, start, end, kind, per_company, months, p)
    sql = f"SELECT {key} AS k, {MEASURES} FROM {rows} r{joins}"
    if grouped:
        order = "k" if query.by == "period" else "revenue DESC, k"
        sql += f" GROUP BY 1 ORDER BY {order}"
        if query.limit:
            sql += f" LIMIT {int(query.limit)}"
    return await connection.execute_query_dict(sql, p.values)


async def _repeat_rate(query: SalesQuery) -> Decimal | None:
    """Share of the companies that ordered in the period who ordered more than once."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    companies = source(query, query.start, query.end, ORDER, True, True, p)
    [row] = await connection.execute_query_dict(
        "SELECT COUNT(*) AS buyers, SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END) AS repeaters"
        f" FROM (SELECT r.company_id, SUM(r.orders) AS n FROM {companies} r"
        " GROUP BY r.company_id) t",
        p.values,
    )
    if not row["buyers"]:
        return None
    return (Decimal(int(row["repeaters"] or 0)) / int(row["buyers"])).quantize(RATE)


def year_before(day: date) -> date:
    """The same date a year earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _row_key(by: str, value) -> str:
    if by == "period":
        return as_date(value).isoformat()
    return "" if value is None else str(value)


async def sales_report(query: SalesQuery) -> SalesReport:
    check(query)
    rows = await _aggregate(query, query.start, query.end, grouped=True)
    [total] = await _aggregate(query, query.start, query.end, grouped=False)
    length = (query.end - query.start).days + 1
    previous_end = query.start - timedelta(days=1)
    previous_start = previous_end - timedelta(days=length - 1)
    [previous] = await _aggregate(query, previous_start, previous_end, grouped=False)
    last_year_start, last_year_end = year_before(query.start), year_before(query.end)
    [last_year] = await _aggregate(query, last_year_start, last_year_end, grouped=False)
    keys = [_row_key(query.by, r["k"]) for r in rows]
    labels = await labels_for(query.by, keys, query.language)
    costed = await margins(query, query.start, query.end) if query.margins else {}
    return SalesReport(
        query=query,
        rows=[
            SalesRow(key=k, label=labels.get(k, ""), figures=_figures(r), margin=costed.get(k))
            for k, r in zip(keys, rows, strict=True)
        ],
        total=_figures(total),
        previous_start=previous_start,
        previous_end=previous_end,
        previous=_figures(previous),
        last_year_start=last_year_start,
        last_year_end=last_year_end,
        last_year=_figures(last_year),
        repeat_purchase_rate=await _repeat_rate(query),
    )
