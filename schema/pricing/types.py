"""Prices and availability as the viewer sees them."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from domain.catalog.rows import VariantRow
from domain.pricing import prices as pricing
from domain.shared.money import from_minor
from schema.shared.info import Info
from schema.shared.money import Money, in_currency
from schema.shared.plain import PLAIN_FIELD


class PriceSource(StrEnum):
    CONTRACT = pricing.CONTRACT
    """A price agreed with this company (its own price list, 协议价)."""
    TIER = pricing.TIER
    """The price list of the company's price tier."""
    BASE = pricing.BASE
    """The catalog's base price."""


class StockStatus(StrEnum):
    IN_STOCK = "IN_STOCK"
    """Enough stock to order."""
    LOW_STOCK = "LOW_STOCK"
    """At or below the variant's low-stock threshold."""
    OUT_OF_STOCK = "OUT_OF_STOCK"
    """None available now."""


PriceSourceEnum = strawberry.enum(
    PriceSource, name="PriceSource", description="Which price applied: contract, tier or base."
)
StockStatusEnum = strawberry.enum(
    StockStatus, name="StockStatus", description="Whether the variant can be ordered from stock."
)


@strawberry.type
class VariantPrice:
    """The unit price the viewer pays for a variant at a quantity, and where it comes from."""

    quantity: int
    """The quantity this price is for."""
    unit_price: Money
    """The price of one unit at this quantity."""

    @strawberry.field(
        description="Unit price times quantity.",
        # Built only when asked for: a page shows each variant's price, rarely its total.
        metadata=PLAIN_FIELD,
    )
    def line_total(self, info: Info) -> Money:
        return _money(info, self.unit_minor * self.quantity)

    source: PriceSourceEnum = strawberry.field(description="Contract, tier list or base price.")
    unit_minor: strawberry.Private[int]


@strawberry.type(description="From `minQuantity` units on, each costs `unitPrice`.")
class PriceBreak:
    min_quantity: int
    """The quantity from which this unit price applies."""
    unit_price: Money
    """The price of one unit from `minQuantity` on."""
    source: PriceSourceEnum
    """Where this price comes from."""


@strawberry.type
class Availability:
    """Stock as the viewer may see it: a status, and a quantity where the supplier shows one."""

    status: StockStatusEnum
    """In stock, low or out of stock."""
    quantity: int | None = strawberry.field(
        description="Units available now; null where the supplier shows levels only."
    )


def _money(info: Info, minor: int) -> Money:
    return in_currency(from_minor(minor), info.context.settings.default_currency)


def price(
    info: Info, row: VariantRow, found: tuple | None, quantity: int | None
) -> VariantPrice | None:
    """`found` is the variant's (contract, tier) breaks for the viewer; None hides prices."""
    if found is None:
        return None
    return price_for(info, row, found, quantity)


def price_for(info: Info, row: VariantRow, found: tuple, quantity: int | None) -> VariantPrice:
    """The price at a quantity from the variant's (contract, tier) breaks."""
    quantity = quantity if quantity and quantity > 0 else row.min_order_qty
    contract, tier = found
    result = pricing.unit_price(row.base_price, contract, tier, quantity)
    return VariantPrice(
        quantity=quantity,
        unit_price=_money(info, result.unit_price),
        source=PriceSource(result.source),
        unit_minor=result.unit_price,
    )


def breaks(info: Info, row: VariantRow, found: tuple | None) -> list[PriceBreak] | None:
    return None if found is None else breaks_for(info, row, found)


def breaks_for(info: Info, row: VariantRow, found: tuple) -> list[PriceBreak]:
    contract, tier = found
    return [
        PriceBreak(
            min_quantity=quantity,
            unit_price=_money(info, p.unit_price),
            source=PriceSource(p.source),
        )
        for quantity, p in pricing.schedule(row.base_price, contract, tier, row.min_order_qty)
    ]


def availability(info: Info, row: VariantRow, levels: list | None) -> Availability | None:
    """`levels` is None for visitors who may not see stock (the audience of prices)."""
    if levels is None:
        return None
    available = sum(max(level.available, 0) for level in levels)
    if available <= 0:
        status = StockStatus.OUT_OF_STOCK
    elif available <= row.low_stock_threshold:
        status = StockStatus.LOW_STOCK
    else:
        status = StockStatus.IN_STOCK
    ctx = info.context
    # Stock reaches only signed-in viewers (levels is None otherwise); staff always see figures.
    exact = ctx.settings.stock_display == "exact" or (
        ctx.principal is not None and ctx.principal.is_staff
    )
    return Availability(status=status, quantity=available if exact else None)
