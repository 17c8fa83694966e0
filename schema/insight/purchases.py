"""A company's own purchase analysis and reorder suggestions, as its buyers read them."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from domain.insight.purchases import Cadence, PurchaseAnalysis, Spend
from schema.shared.info import Info
from schema.shared.money import Money, money


@strawberry.type
class PurchaseSpend:
    """What the company spent in a month, on a category or on a SKU."""

    key: str
    """The month's first day (ISO date), the category's id, or the SKU."""
    label: str
    """The category's or product's name in the viewer's language; the key for months."""
    spend: Money
    """Sum of its line totals (orders cancelled or rejected do not count)."""
    orders: int
    """Orders it was part of."""
    units: int
    """Units ordered."""

    @classmethod
    def of(cls, info: Info, s: Spend) -> PurchaseSpend:
        return cls(key=s.key, label=s.label, spend=money(info, s.spend), orders=s.orders,
                   units=s.units)  # fmt: skip


@strawberry.type(description="采购分析: the last twelve months of one company's purchases.")
class PurchaseAnalysisResult:
    start: date
    """First day of the first month."""
    end: date
    """Today, in the supplier's timezone."""
    by_month: list[PurchaseSpend]
    """One row per month with purchases, oldest first."""
    by_category: list[PurchaseSpend]
    """One row per category, most spent first (empty key: products without a category)."""
    top_skus: list[PurchaseSpend]
    """The ten SKUs it spent most on."""

    @classmethod
    def of(cls, info: Info, a: PurchaseAnalysis) -> PurchaseAnalysisResult:
        return cls(
            start=a.start,
            end=a.end,
            by_month=[PurchaseSpend.of(info, s) for s in a.by_month],
            by_category=[PurchaseSpend.of(info, s) for s in a.by_category],
            top_skus=[PurchaseSpend.of(info, s) for s in a.top_skus],
        )


@strawberry.type
class ReorderCadence:
    """How often the company orders a SKU, and when the next order is due."""

    sku: str
    """The SKU."""
    variant_id: relay.GlobalID | None
    """The variant (for `cartLinesSet`); null if the SKU no longer exists."""
    product_name: str
    """The product's name in the viewer's language."""
    order_days: int
    """Days it ordered the SKU in the last year."""
    usual_interval_days: float | None
    """Mean days between those days; null with fewer than three."""
    last_ordered: date
    """The last business day it ordered the SKU."""
    next_due: date | None
    """The last order plus the usual interval; null without an interval."""
    usual_quantity: int
    """Units it orders at a time, on average."""
    suggested_quantity: int
    """The usual quantity made valid for the variant's quantity rules (0: no variant)."""

    @classmethod
    def of(cls, c: Cadence) -> ReorderCadence:
        return cls(
            sku=c.sku,
            variant_id=relay.GlobalID("Variant", str(c.variant_id)) if c.variant_id else None,
            product_name=c.product_name,
            order_days=c.order_days,
            usual_interval_days=c.usual_interval_days,
            last_ordered=c.last_ordered,
            next_due=c.next_due,
            usual_quantity=c.usual_quantity,
            suggested_quantity=c.suggested_quantity,
        )
