"""Slow movers and category gaps, as staff read them."""

from __future__ import annotations

import strawberry
from strawberry import relay

from domain.insight.movers import CategoryGap as Gap
from domain.insight.movers import SlowMover as Mover
from schema.shared.info import Info
from schema.shared.money import Money, money


@strawberry.type
class SlowMover:
    """A SKU on sale and what it sold in the period (nothing, for the slowest)."""

    variant_id: relay.GlobalID
    """The variant's global id."""
    sku: str
    """The variant's SKU."""
    product_id: relay.GlobalID
    """The product's global id."""
    product_name: str
    """The product's name in the request's language."""
    revenue: Money
    """Sum of its line totals in the period."""
    orders: int
    """Orders that included it in the period."""
    units: int
    """Units ordered in the period."""

    @classmethod
    def of(cls, info: Info, m: Mover) -> SlowMover:
        return cls(
            variant_id=relay.GlobalID("Variant", str(m.variant_id)),
            sku=m.sku,
            product_id=relay.GlobalID("Product", str(m.product_id)),
            product_name=m.product_name,
            revenue=money(info, m.revenue),
            orders=m.orders,
            units=m.units,
        )


@strawberry.type
class CategoryGap:
    """A product a company has never ordered while it orders the rest of its category."""

    company_id: relay.GlobalID
    """The company's global id."""
    company_name: str
    """The company's name."""
    product_id: relay.GlobalID
    """The product it has never ordered."""
    product_name: str
    """That product's name in the request's language."""
    category_id: relay.GlobalID
    """The product's category."""
    category_name: str
    """The category's name in the request's language."""
    bought_in_category: int
    """Products of the category (on sale) the company has ordered."""
    category_products: int
    """Products on sale in the category."""

    @classmethod
    def of(cls, g: Gap) -> CategoryGap:
        return cls(
            company_id=relay.GlobalID("Company", str(g.company_id)),
            company_name=g.company_name,
            product_id=relay.GlobalID("Product", str(g.product_id)),
            product_name=g.product_name,
            category_id=relay.GlobalID("Category", str(g.category_id)),
            category_name=g.category_name,
            bought_in_category=g.bought_in_category,
            category_products=g.category_products,
        )
