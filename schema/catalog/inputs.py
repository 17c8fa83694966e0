from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import relay


@strawberry.input(description="A text in one language: zh-Hans or en.")
class NameInput:
    language: str
    name: str


@strawberry.input
class AttributeInput:
    name: str
    value: str


@strawberry.input
class CategoryInput:
    slug: str | None = None
    names: list[NameInput] | None = None
    parent_id: relay.GlobalID | None = None
    move_to_root: bool = False
    position: int | None = None


@strawberry.input
class ProductTranslationInput:
    language: str
    name: str
    description: str = ""
    attributes: list[AttributeInput] = strawberry.field(default_factory=list)


@strawberry.input
class ImageInput:
    url: str
    alt: list[NameInput] = strawberry.field(default_factory=list)


@strawberry.input
class ProductInput:
    slug: str | None = None
    category_id: relay.GlobalID | None = None
    translations: list[ProductTranslationInput] | None = None
    images: list[ImageInput] | None = None


@strawberry.input
class VariantTranslationInput:
    language: str
    name: str = ""
    specs: list[AttributeInput] = strawberry.field(default_factory=list)


@strawberry.input
class VariantInput:
    sku: str
    base_price: Decimal
    unit: str = "piece"
    pack_size: int = 1
    barcode: str | None = None
    weight_grams: int | None = None
    min_order_qty: int = 1
    order_multiple: int = 1
    max_order_qty: int | None = None
    low_stock_threshold: int = 0
    translations: list[VariantTranslationInput] = strawberry.field(default_factory=list)


@strawberry.input
class PriceListInput:
    name: str
    tier: str | None = strawberry.field(default=None, description="A tier list, or…")
    company_id: relay.GlobalID | None = strawberry.field(
        default=None, description="…a company's contract list."
    )
    valid_from: date | None = None
    valid_to: date | None = None


@strawberry.input
class PriceBreakInput:
    min_quantity: int
    unit_price: Decimal
