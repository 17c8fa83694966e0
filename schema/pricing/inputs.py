"""What price list mutations take."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.input
class PriceListCreateInput:
    """A price list: for a tier or for one company, with its validity."""

    name: str
    """A name staff give the list."""
    tier: str | None = strawberry.field(default=None, description="A tier list, or…")
    company_id: strawberry.ID | None = strawberry.field(
        default=None, description="…a company's contract list."
    )
    valid_from: date | None = None
    """The first day the list applies; null for no start."""
    valid_to: date | None = None
    """The last day the list applies; null for no end."""


@strawberry.input
class PriceBreakInput:
    """From `minQuantity` units on, this unit price applies."""

    min_quantity: int
    """The least quantity the price is for."""
    unit_price: Decimal
    """The unit price from that quantity on."""


@strawberry.input
class PriceBreaksSetInput:
    """A variant's quantity breaks in one price list, all at once."""

    price_list_id: strawberry.ID
    """The price list's global id."""
    variant_id: strawberry.ID
    """The variant's global id."""
    breaks: list[PriceBreakInput]
    """Replace the variant's breaks in the list; empty removes it from the list."""
