"""What price list mutations and the staff price quote answer."""

from __future__ import annotations

import strawberry

from schema.catalog.payloads import PriceList
from schema.catalog.types import Variant
from schema.pricing.types import PriceBreak, VariantPrice
from schema.shared.payload import Payload


@strawberry.type
class PriceListPayload(Payload):
    price_list: PriceList | None = None
    """The new price list; null when nothing was created."""


@strawberry.type
class PriceBreaksPayload(Payload):
    variant: Variant | None = None
    """The variant whose breaks were set; null when nothing changed."""


@strawberry.type(description="What one company pays for a variant (staff).")
class PriceQuote:
    price: VariantPrice
    """The company's unit price at the quantity asked."""
    breaks: list[PriceBreak]
    """Every quantity break the company gets for the variant."""
