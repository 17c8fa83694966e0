from __future__ import annotations

from datetime import date

import strawberry

from db.pricing import PriceList as PriceListRow
from schema.accounts.payloads import Payload
from schema.catalog.types import Category, Product, Variant
from schema.inventory.types import StockLevel, Warehouse


@strawberry.type
class PriceList:
    id: strawberry.ID
    name: str
    tier: str | None
    valid_from: date | None
    valid_to: date | None
    is_active: bool

    @classmethod
    def from_db(cls, row: PriceListRow) -> PriceList:
        return cls(
            id=strawberry.ID(str(row.id)),
            name=row.name,
            tier=row.tier,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            is_active=row.is_active,
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
