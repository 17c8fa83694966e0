"""Sales reports (销售分析) as staff and buyers read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from domain.insight.sales import Figures, SalesReport
from schema.shared.document_links import LINK_DESCRIPTION, document_url
from schema.shared.info import Info
from schema.shared.money import Money, in_currency


@strawberry.enum(description="What the rows of a sales report are.")
class SalesDimension(Enum):
    PERIOD = "period"
    """One row per day, week or month (the grain)."""
    PRODUCT = "product"
    """One row per product."""
    CATEGORY = "category"
    """One row per category."""
    COMPANY = "company"
    """One row per customer company."""
    SKU = "sku"
    """One row per variant (SKU)."""


@strawberry.enum(description="Business day, week (Monday first) or month, in the supplier's zone.")
class SalesGrain(Enum):
    DAY = "day"
    """A business day."""
    WEEK = "week"
    """A week, Monday to Sunday."""
    MONTH = "month"
    """A calendar month."""


def _money(info: Info, amount: Decimal) -> Money:
    return in_currency(amount, info.context.settings.default_currency)


@strawberry.type
class SalesFigures:
    """Revenue, orders, units and average order value of a period or a group."""

    revenue: Money = strawberry.field(description="Sum of the line totals as placed.")
    orders: int
    """Orders placed."""
    units: int
    """Units ordered on their lines."""
    average_order_value: Money
    """Revenue divided by orders; 0 without orders."""

    @classmethod
    def of(cls, info: Info, f: Figures) -> SalesFigures:
        return cls(
            revenue=_money(info, f.revenue),
            orders=f.orders,
            units=f.units,
            average_order_value=_money(info, f.average_order_value),
        )


@strawberry.type
class SalesReportRow:
    """One group of a sales report (a period, SKU, product, category or company)."""

    key: str = strawberry.field(
        description="First day of the period (ISO date), SKU, or the product, category or "
        "company id; empty for lines without one."
    )
    label: str
    """What the row is, in the viewer's language: a date range, a product or category name, a
    company name or a SKU."""
    figures: SalesFigures
    """The row's figures."""


@strawberry.type(description="Placed orders only: cancelled and rejected ones do not count.")
class SalesReportResult:
    start: date
    """First business day of the report, inclusive."""
    end: date
    """Last business day of the report, inclusive."""
    rows: list[SalesReportRow]
    """One row per group of the dimension asked for."""
    total: SalesFigures
    """The figures of the whole period."""
    previous_start: date
    """First day of the previous period of the same length."""
    previous_end: date
    """Last day of the previous period."""
    previous: SalesFigures = strawberry.field(
        description="The same number of days just before start."
    )
    revenue_change: Decimal | None = strawberry.field(
        description="Revenue against the previous period as a fraction (0.25 = +25%); null "
        "when the previous period had none."
    )
    csv_url: str = strawberry.field(description=LINK_DESCRIPTION)

    @classmethod
    def of(cls, info: Info, report: SalesReport, company_gid: str | None) -> SalesReportResult:
        q = report.query
        change = None
        if report.previous.revenue:
            change = (report.total.revenue - report.previous.revenue) / report.previous.revenue
            change = change.quantize(Decimal("0.0001"))
        params = {"start": q.start, "end": q.end, "by": q.by, "grain": q.grain}
        if company_gid:
            params["company"] = company_gid
        if q.limit:
            params["limit"] = q.limit
        return cls(
            start=q.start,
            end=q.end,
            rows=[SalesReportRow(key=r.key, label=r.label, figures=SalesFigures.of(info, r.figures))
                  for r in report.rows],
            total=SalesFigures.of(info, report.total),
            previous_start=report.previous_start,
            previous_end=report.previous_end,
            previous=SalesFigures.of(info, report.previous),
            revenue_change=change,
            csv_url=document_url(info, "/reports/sales.csv", **params),
        )  # fmt: skip
