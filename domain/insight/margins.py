"""Gross margin (毛利) of the SKU, product and category report rows, where cost is known.

A SKU's cost is its units times the variant's cost price as it stands today (`cost_price`,
staff only); the margin is the revenue of the SKUs that have one minus that cost, so a row
with some SKUs uncosted shows the margin of the costed part (`costed_revenue` says how much
of the revenue that is). Read from the same SKU rows as the reports, in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tortoise import Tortoise

from domain.insight.buckets import Params
from domain.shared.money import from_minor

MARGIN_DIMENSIONS = ("sku", "product", "category")
SKU_KIND = "sku"


@dataclass(frozen=True)
class Margin:
    costed_revenue: Decimal  # revenue of the SKUs that have a cost price
    cost: Decimal

    @property
    def gross_margin(self) -> Decimal:
        return self.costed_revenue - self.cost


async def margins(query, start: date, end: date) -> dict[str, Margin]:
    """{row key: margin} for the rows of a SKU, product or category report."""
    from domain.insight.sales import source  # the report's module imports this one

    if query.by not in MARGIN_DIMENSIONS:
        return {}
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    rows = source(query, start, end, SKU_KIND, False, True, p)
    key = {"sku": "r.key", "product": "v.product_id", "category": "pr.category_id"}[query.by]
    found = await connection.execute_query_dict(
        f"SELECT {key} AS k, SUM(r.revenue) AS revenue, SUM(r.units * v.cost_price) AS cost"
        f" FROM {rows} r JOIN variant v ON v.sku = r.key"
        " LEFT JOIN product pr ON pr.id = v.product_id"
        " WHERE v.cost_price IS NOT NULL GROUP BY 1",
        p.values,
    )
    return {
        "" if r["k"] is None else str(r["k"]): Margin(
            from_minor(int(r["revenue"] or 0)), from_minor(int(r["cost"] or 0))
        )
        for r in found
    }
