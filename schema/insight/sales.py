"""Sales reports (销售分析) as staff and buyers read them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from domain.insight.sales import Figures, SalesReport, SalesRow
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
    PROVINCE = "province"
    """One row per province of the order's shipping address."""
    PRICE_TIER = "price_tier"
    """One row per price tier of the buying company."""
    SALES_REP = "sales_rep"
    """One row per sales rep of the buying company (none: no rep assigned)."""


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
    """Revenue, orders, units, average order value and returns of a period or a group."""

    revenue: Money = strawberry.field(description="Sum of the line totals as they stand.")
    orders: int
    """Orders placed."""
    units: int
    """Units ordered on their lines."""
    average_order_value: Money
    """Revenue divided by orders; 0 without orders."""
    returned_units: int = strawberry.field(
        description="Units under a return that was requested and not rejected."
    )
    returns_rate: Decimal | None = strawberry.field(
        description="returnedUnits / units (0.05 = 5%); null without units."
    )

    @classmethod
    def of(cls, info: Info, f: Figures) -> SalesFigures:
        return cls(
            revenue=_money(info, f.revenue),
            orders=f.orders,
            units=f.units,
            average_order_value=_money(info, f.average_order_value),
            returned_units=f.returned_units,
            returns_rate=f.returns_rate,
        )


@strawberry.type
class SalesReportRow:
    """One group of a sales report (a period, SKU, product, category or company)."""

    key: str = strawberry.field(
        description="First day of the period (ISO date), SKU, province, price tier, or the "
        "product, category, company or sales rep's user id; empty for rows without one."
    )
    label: str
    """What the row is, in the viewer's language: a date range, a product or category name, a
    company name or a SKU."""
    figures: SalesFigures
    """The row's figures."""
    gross_margin: Money | None = strawberry.field(
        default=None,
        description="毛利: revenue of the row's SKUs that have a cost price minus their units "
        "at today's cost price. Staff only, on SKU, product and category rows; null where no "
        "SKU of the row has a cost price.",
    )
    costed_revenue: Money | None = strawberry.field(
        default=None,
        description="The part of the revenue that grossMargin covers (SKUs with a cost price).",
    )
    gross_margin_rate: Decimal | None = strawberry.field(
        default=None, description="grossMargin / costedRevenue (0.3 = 30%); null as above."
    )

    @classmethod
    def of(cls, info: Info, r: SalesRow) -> SalesReportRow:
        m = r.margin
        rate = None
        if m is not None and m.costed_revenue:
            rate = (m.gross_margin / m.costed_revenue).quantize(Decimal("0.0001"))
        return cls(
            key=r.key,
            label=r.label,
            figures=SalesFigures.of(info, r.figures),
            gross_margin=_money(info, m.gross_margin) if m else None,
            costed_revenue=_money(info, m.costed_revenue) if m else None,
            gross_margin_rate=rate,
        )


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
    last_year_start: date
    """First day of the same period a year earlier (compared in `lastYear`)."""
    last_year_end: date
    """Last day of the same period a year earlier."""
    last_year: SalesFigures = strawberry.field(
        description="The same dates a year earlier (29 February as the 28th)."
    )
    repeat_purchase_rate: Decimal | None = strawberry.field(
        description="Share of the companies that ordered in the period who ordered more than "
        "once; null when none ordered."
    )
    revenue_change: Decimal | None = strawberry.field(
        description="Revenue against the previous period as a fraction (0.25 = +25%); null "
        "when the previous period had none."
    )
    csv_url: str = strawberry.field(description=LINK_DESCRIPTION)
    xlsx_url: str = strawberry.field(
        description="The same table as an Excel workbook. " + LINK_DESCRIPTION
    )

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
            rows=[SalesReportRow.of(info, r) for r in report.rows],
            total=SalesFigures.of(info, report.total),
            previous_start=report.previous_start,
            previous_end=report.previous_end,
            previous=SalesFigures.of(info, report.previous),
            last_year_start=report.last_year_start,
            last_year_end=report.last_year_end,
            last_year=SalesFigures.of(info, report.last_year),
            repeat_purchase_rate=report.repeat_purchase_rate,
            revenue_change=change,
            csv_url=document_url(info, "/reports/sales.csv", **params),
            xlsx_url=document_url(info, "/reports/sales.xlsx", **params),
        )  # fmt: skip
