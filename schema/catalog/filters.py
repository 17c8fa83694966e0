"""The storefront product list's filter and order."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import strawberry

from domain.catalog import search as catalog_search
from schema.catalog.types import ProductStatusEnum


class ProductSort(StrEnum):
    NAME = catalog_search.NAME
    """By name in the viewer's language."""
    PRICE = catalog_search.PRICE
    """By the viewer's lowest unit price, lowest first; needs prices the viewer may see."""
    NEWEST = catalog_search.NEWEST
    """Newest products first."""


ProductSortEnum = strawberry.enum(
    ProductSort, name="ProductSort", description="The order of the storefront's product list."
)


@strawberry.input
class ProductFilter:
    """What the storefront's product list is narrowed to."""

    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="This category and all below it."
    )
    search: str | None = strawberry.field(default=None, description="Name, SKU or barcode.")
    min_price: Decimal | None = None
    """Products priced at least this, at the viewer's prices."""
    max_price: Decimal | None = None
    """Products priced at most this, at the viewer's prices."""
    in_stock: bool = False
    """Only products with stock to order."""
    status: list[ProductStatusEnum] | None = strawberry.field(
        default=None, description="Staff only; others always see published products."
    )
