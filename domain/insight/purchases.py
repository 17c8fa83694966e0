"""A customer company's own purchase analysis (采购分析) and reorder suggestions (智能补货).

Everything is read from the company's rows of the daily rollup, in SQL, and only its rows:
spend by month and by category, its top SKUs, and per SKU its usual reorder interval (the mean
gap between the days it ordered the SKU over the last year). A SKU is suggested when its next
order is due (last order + usual interval) within `SUGGEST_WITHIN_DAYS`, for the quantity it
usually orders, made valid for the variant's quantity rules, so the list goes into the cart
(`cartLinesSet`) as it stands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise import Tortoise

from db.catalog import Variant
from domain.insight.buckets import as_date, day_bucket, day_value
from domain.insight.labels import labels_for
from domain.insight.rollup import CATEGORY, ORDER, SKU
from domain.shared.sql_params import Params

LOOKBACK_DAYS = 365
MIN_ORDER_DAYS = 3  # fewer ordering days say nothing about an interval
SUGGEST_WITHIN_DAYS = 7
TOP_SKUS = 10


@dataclass(frozen=True)
class Spend:
    key: str  # month (ISO date of its first day), category id or SKU
    label: str
    spend: int  # fen
    orders: int
    units: int


@dataclass(frozen=True)
class Cadence:
    sku: str
    variant_id: int | None
    product_name: str
    order_days: int
    usual_interval_days: float | None  # None below MIN_ORDER_DAYS
    last_ordered: date
    next_due: date | None
    usual_quantity: int  # units per order, as it usually orders
    suggested_quantity: int  # the usual quantity made valid for the variant's rules


@dataclass(frozen=True)
class PurchaseAnalysis:
    start: date
    end: date
    by_month: list[Spend]
    by_category: list[Spend]
    top_skus: list[Spend]


def months_back(today: date, months: int = 12) -> date:
    """The first day of the month `months - 1` months before today's."""
    year, month = today.year, today.month - (months - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1)


async def _spend(company_id: int, kind: str, key: str, start: date, end: date,
                 order: str, limit: int | None = None) -> list[dict]:  # fmt: skip
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    grouped = key if key != "month" else day_bucket("r.day", "month", p)
    sql = (
        f"SELECT {grouped} AS k, SUM(r.revenue) AS spend, SUM(r.orders) AS orders,"
        f" SUM(r.units) AS units FROM sales_rollup r WHERE r.company_id = {p(company_id)}"
        f" AND r.kind = {p(kind)} AND r.day >= {p(day_value(start, p))}"
        f" AND r.day <= {p(day_value(end, p))} GROUP BY 1 ORDER BY {order}"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return await connection.execute_query_dict(sql, p.values)


def _rows(rows: list[dict], labels: dict[str, str], month: bool = False) -> list[Spend]:
    found = []
    for r in rows:
        key = as_date(r["k"]).isoformat() if month else str(r["k"])
        found.append(Spend(key, labels.get(key, key), int(r["spend"] or 0),
                           int(r["orders"] or 0), int(r["units"] or 0)))  # fmt: skip
    return found


async def _product_names(skus: list[str], language: str) -> dict[str, tuple[int, str]]:
    """{sku: (variant id, product name)}."""
    variants = await Variant.filter(sku__in=skus).values_list("sku", "id", "product_id")
    names = await labels_for("product", [str(v[2]) for v in variants], language)
    return {sku: (vid, names.get(str(pid), "")) for sku, vid, pid in variants}


async def analysis(company_id: int, today: date, language: str) -> PurchaseAnalysis:
    """The last twelve months (this one so far included) of one company's purchases."""
    start = months_back(today)
    months = await _spend(company_id, ORDER, "month", start, today, "k")
    categories = await _spend(company_id, CATEGORY, "r.key", start, today, "spend DESC, k")
    skus = await _spend(company_id, SKU, "r.key", start, today, "spend DESC, k", TOP_SKUS)
    category_names = await labels_for("category", [str(r["k"]) for r in categories], language)
    products = await _product_names([str(r["k"]) for r in skus], language)
    return PurchaseAnalysis(
        start, today,
        _rows(months, {}, month=True),
        _rows(categories, category_names),
        _rows(skus, {sku: name for sku, (_, name) in products.items()}),
    )  # fmt: skip


def valid_quantity(wanted: int, minimum: int, multiple: int, maximum: int | None) -> int:
    """The smallest quantity at or above `wanted` the variant's rules allow (capped)."""
    quantity = max(wanted, minimum, 1)
    multiple = max(multiple, 1)
    quantity = math.ceil(quantity / multiple) * multiple
    if maximum is not None and quantity > maximum:
        quantity = maximum // multiple * multiple
    return quantity


async def cadences(company_id: int, today: date, language: str) -> list[Cadence]:
    """Every SKU the company ordered in the last year, soonest due first (then the others)."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    rows = await connection.execute_query_dict(
        "SELECT r.key AS sku, MIN(r.day) AS first, MAX(r.day) AS last,"
        " COUNT(DISTINCT r.day) AS days, SUM(r.units) AS units, SUM(r.orders) AS orders"
        f" FROM sales_rollup r WHERE r.company_id = {p(company_id)} AND r.kind = {p(SKU)}"
        f" AND r.day >= {p(day_value(today - timedelta(days=LOOKBACK_DAYS), p))}"
        f" AND r.day <= {p(day_value(today, p))} GROUP BY r.key",
        p.values,
    )
    variants = {
        v.sku: v
        for v in await Variant.filter(sku__in=[r["sku"] for r in rows]).only(
            "id", "sku", "product_id", "min_order_qty", "order_multiple", "max_order_qty"
        )
    }
    products = await _product_names(list(variants), language)
    found = []
    for r in rows:
        first, last, days = as_date(r["first"]), as_date(r["last"]), int(r["days"])
        interval = (last - first).days / (days - 1) if days >= MIN_ORDER_DAYS else None
        due = last + timedelta(days=round(interval)) if interval is not None else None
        usual = max(1, round(int(r["units"]) / max(int(r["orders"]), 1)))
        v = variants.get(r["sku"])
        suggested = (
            valid_quantity(usual, v.min_order_qty, v.order_multiple, v.max_order_qty) if v else 0
        )
        found.append(Cadence(
            r["sku"], v.id if v else None, products.get(r["sku"], (0, ""))[1], days,
            round(interval, 1) if interval is not None else None, last, due, usual, suggested,
        ))  # fmt: skip
    return sorted(found, key=lambda c: (c.next_due is None, c.next_due or c.last_ordered, c.sku))


async def suggestions(company_id: int, today: date, language: str) -> list[Cadence]:
    """The SKUs due within SUGGEST_WITHIN_DAYS (or overdue) that can still be ordered."""
    due = [
        c
        for c in await cadences(company_id, today, language)
        if c.next_due is not None and c.next_due <= today + timedelta(days=SUGGEST_WITHIN_DAYS)
        and c.variant_id is not None and c.suggested_quantity > 0
    ]  # fmt: skip
    orderable = set(
        await Variant.filter(
            id__in=[c.variant_id for c in due], is_active=True, product__status="published"
        ).values_list("id", flat=True)
    )
    return [c for c in due if c.variant_id in orderable]
