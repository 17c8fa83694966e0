from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.input(description="A text in one language: zh-Hans or en.")
class NameInput:
    language: str
    name: str


@strawberry.input
class AttributeInput:
    """A named property of a product."""

    name: str
    value: str


@strawberry.input
class CategoryInput:
    """A category's slug, names, parent and position."""

    slug: str | None = None
    names: list[NameInput] | None = None
    parent_id: strawberry.ID | None = None
    move_to_root: bool = False
    position: int | None = None


@strawberry.input
class ProductTranslationInput:
    """A product's texts in one language."""

    language: str
    name: str
    description: str = ""
    attributes: list[AttributeInput] = strawberry.field(default_factory=list)


@strawberry.input
class ImageInput:
    """An image URL and its alternative text."""

    url: str
    alt: list[NameInput] = strawberry.field(default_factory=list)


@strawberry.input
class ProductInput:
    """A product's fields; on update, fields left out stay as they are."""

    slug: str | None = None
    category_id: strawberry.ID | None = None
    translations: list[ProductTranslationInput] | None = None
    images: list[ImageInput] | None = None


@strawberry.input
class VariantTranslationInput:
    """A variant's name and specs (规格) in one language."""

    language: str
    name: str = ""
    specs: list[AttributeInput] = strawberry.field(default_factory=list)


@strawberry.input
class VariantInput:
    """A variant's fields: SKU, price, unit, pack size, quantity rules and texts."""

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
    """A price list: for a tier or for one company, with its validity."""

    name: str
    tier: str | None = strawberry.field(default=None, description="A tier list, or…")
    company_id: strawberry.ID | None = strawberry.field(
        default=None, description="…a company's contract list."
    )
    valid_from: date | None = None
    valid_to: date | None = None


@strawberry.input
class PriceBreakInput:
    """From `minQuantity` units on, this unit price applies."""

    min_quantity: int
    unit_price: Decimal


@strawberry.input(description="A variant's cost price (成本价).")
class VariantCostSetInput:
    variant_id: strawberry.ID
    """The variant's global id."""
    cost_price: Decimal | None
    """What one unit costs the supplier, in its currency; null clears it."""
