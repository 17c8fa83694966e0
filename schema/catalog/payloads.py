from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from db.pricing import PriceList as PriceListRow
from schema.accounts.types import Company
from schema.catalog.types import Category, Product, Variant
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
    """The category as it is now; null when nothing changed."""


@strawberry.type
class ProductPayload(Payload):
    product: Product | None = None
    """The product as it is now; null when nothing changed."""


@strawberry.type
class VariantPayload(Payload):
    variant: Variant | None = None
    """The variant as it is now; null when nothing changed."""


@strawberry.type(description="Why one line of an import was refused.")
class ImportRowError:
    line: int
    """The line of the file, from 1 (the header is line 1)."""
    column: str
    """The header of the column at fault."""
    message: str
    """What is wrong, in the caller's language."""


@strawberry.type
class VariantCostSetPayload(Payload):
    variant: Variant | None = strawberry.field(
        default=None, description="The variant as it now stands; null on errors."
    )


@strawberry.type
class CatalogImportPayload:
    """Either every row was written, or none was and `errors` lists every bad row."""

    ok: bool
    """True when every row was written."""
    products_created: int
    """Products that were new."""
    products_updated: int
    """Products that existed and were changed."""
    variants_created: int
    """Variants (SKUs) that were new."""
    variants_updated: int
    """Variants that existed and were changed."""
    errors: list[ImportRowError]
    """Every bad row, when nothing was written."""
