from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from db.pricing import PriceList as PriceListRow
from schema.accounts.types import Company
from schema.catalog.types import Category, Product, Variant
from schema.inventory.types import StockLevel, Warehouse
from schema.shared.info import Info
from schema.shared.payload import Payload


@strawberry.type
class PriceList(relay.Node):
    """A tier's price list, or one company's contract list (合同价)."""

    id: relay.NodeID[int]
    name: str
    """A name staff give the list."""
    tier: str | None = strawberry.field(description="Set on a tier's list.")
    valid_from: date | None
    """The first day the list applies; null for no start."""
    valid_to: date | None
    """The last day the list applies; null for no end."""
    is_active: bool
    """False once switched off: its prices no longer apply."""
    company_id: strawberry.Private[int | None]

    @strawberry.field(description="Set on a contract list: the company it belongs to.")
    async def company(self, info: Info) -> Company | None:
        if self.company_id is None:
            return None
        row = await info.context.loaders.company_by_id.load(self.company_id)
        return Company.from_db(row, info.context.settings.default_currency) if row else None

    @classmethod
    def from_db(cls, row: PriceListRow) -> PriceList:
        return cls(
            id=row.id,
            name=row.name,
            tier=row.tier,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            is_active=row.is_active,
            company_id=row.company_id,
        )


@strawberry.type
class CategoryPayload(Payload):
    category: Category | None = None


@strawberry.type
class ProductPayload(Payload):
    product: Product | None = None


@strawberry.type
class VariantPayload(Payload):
    variant: Variant | None = None


@strawberry.type
class VariantCostSetPayload(Payload):
    variant: Variant | None = strawberry.field(
        default=None, description="The variant as it now stands; null on errors."
    )


@strawberry.type
class PriceListPayload(Payload):
    price_list: PriceList | None = None


@strawberry.type
class PriceBreaksPayload(Payload):
    variant: Variant | None = None


@strawberry.type
class WarehousePayload(Payload):
    warehouse: Warehouse | None = None


@strawberry.type
class StockAdjustPayload(Payload):
    stock_level: StockLevel | None = None
