"""Slow movers (滞销品) and category gaps (品类缺口), in SQL on both databases.

Slow movers: the SKUs on sale (active variants of published products) that sold the fewest
units in a period, those that sold nothing first. Read from the same rows as the SKU report
(the summary for all companies), joined to the catalogue so unsold SKUs appear at all.

Category gaps: a product a company has never ordered although it orders (nearly) all the rest
of the product's category — the product a sales rep should offer it. `min_share` is the share
of the category's other products the company must have ordered (1: every one of them); a
category needs at least MIN_CATEGORY products for the question to mean anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise import Tortoise

from domain.insight.buckets import Params
from domain.insight.labels import labels_for
from domain.insight.sales import SalesQuery, source
from domain.shared.errors import DomainError, ErrorCode

MIN_CATEGORY = 3
MAX_GAPS = 10_000
PRODUCT_KIND = "product"


@dataclass(frozen=True)
class SlowMover:
    variant_id: int
    sku: str
    product_id: int
    product_name: str
    revenue: int  # fen
    orders: int
    units: int


@dataclass(frozen=True)
class CategoryGap:
    company_id: int
    company_name: str
    product_id: int
    product_name: str
    category_id: int
    category_name: str
    bought_in_category: int  # the category's products the company has ordered
    category_products: int  # products on sale in the category


ON_SALE = "v.is_active = {active} AND p.status = {published}"


def _on_sale(p: Params) -> str:
    return ON_SALE.format(active=p(True), published=p("published"))


async def slow_movers(
    start: date, end: date, offset: int, limit: int, language: str
) -> list[SlowMover]:
    """Fewest units first (then least revenue, then SKU), rows offset..offset+limit."""
    if end < start:
        raise DomainError(ErrorCode.INVALID, "end")
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    # Whole months and the days around them, as the SKU report reads them.
    sold = source(SalesQuery(start, end, by="sku"), start, end, "sku", False, True, p)
    rows = await connection.execute_query_dict(
        "SELECT v.id AS variant_id, v.sku, v.product_id, COALESCE(s.revenue, 0) AS revenue,"
        " COALESCE(s.orders, 0) AS orders, COALESCE(s.units, 0) AS units"
        " FROM variant v JOIN product p ON p.id = v.product_id"
        " LEFT JOIN (SELECT r.key, SUM(r.revenue) AS revenue, SUM(r.orders) AS orders,"
        f" SUM(r.units) AS units FROM {sold} r GROUP BY r.key) s ON s.key = v.sku"
        f" WHERE {_on_sale(p)}"
        " ORDER BY units, revenue, v.sku"
        f" LIMIT {int(limit)} OFFSET {int(offset)}",
        p.values,
    )
    names = await labels_for("product", [str(r["product_id"]) for r in rows], language)
    return [
        SlowMover(
            r["variant_id"],
            r["sku"],
            r["product_id"],
            names.get(str(r["product_id"]), ""),
            int(r["revenue"]),
            int(r["orders"]),
            int(r["units"]),
        )  # fmt: skip
        for r in rows
    ]


async def on_sale_count() -> int:
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    [row] = await connection.execute_query_dict(
        "SELECT COUNT(*) AS n FROM variant v JOIN product p ON p.id = v.product_id"
        f" WHERE {_on_sale(p)}",
        p.values,
    )
    return int(row["n"])


async def category_gaps(min_share: float, language: str) -> list[CategoryGap]:
    """Most of the category bought first; at most MAX_GAPS rows."""
    if not 0 < min_share <= 1:
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, "minShare", detail="0 < minShare ≤ 1")
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    # Products on sale with a category; a product counts once whatever its variants.
    catalog = (
        "SELECT DISTINCT CAST(p.id AS TEXT) AS key, p.id AS product_id, p.category_id"
        " FROM product p JOIN variant v ON v.product_id = p.id"
        f" WHERE {_on_sale(p)} AND p.category_id IS NOT NULL"
    )
    kind = p(PRODUCT_KIND)
    bought = f"SELECT DISTINCT company_id, key FROM sales_rollup WHERE kind = {kind}"
    minimum, share = p(MIN_CATEGORY), p(min_share)
    rows = await connection.execute_query_dict(
        f"WITH catalog AS ({catalog}), bought AS ({bought}),"
        " sizes AS (SELECT category_id, COUNT(*) AS n FROM catalog GROUP BY category_id"
        f" HAVING COUNT(*) >= {minimum}),"
        " owned AS (SELECT b.company_id, c.category_id, COUNT(*) AS n FROM bought b"
        " JOIN catalog c ON c.key = b.key GROUP BY b.company_id, c.category_id)"
        " SELECT o.company_id, c.product_id, c.category_id, o.n AS bought, s.n AS size"
        " FROM owned o JOIN sizes s ON s.category_id = o.category_id"
        " JOIN catalog c ON c.category_id = o.category_id"
        f" WHERE o.n < s.n AND o.n >= (s.n - 1) * CAST({share} AS DOUBLE PRECISION)"
        " AND NOT EXISTS (SELECT 1 FROM bought b"
        " WHERE b.company_id = o.company_id AND b.key = c.key)"
        " ORDER BY o.n * 1.0 / s.n DESC, o.company_id, c.product_id"
        f" LIMIT {MAX_GAPS}",
        p.values,
    )
    companies = await labels_for("company", [str(r["company_id"]) for r in rows], language)
    products = await labels_for("product", [str(r["product_id"]) for r in rows], language)
    categories = await labels_for("category", [str(r["category_id"]) for r in rows], language)
    return [
        CategoryGap(
            r["company_id"],
            companies.get(str(r["company_id"]), ""),
            r["product_id"],
            products.get(str(r["product_id"]), ""),
            r["category_id"],
            categories.get(str(r["category_id"]), ""),
            int(r["bought"]),
            int(r["size"]),
        )  # fmt: skip
        for r in rows
    ]
