"""What catalog mutations take."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry.scalars import Base64

from schema.catalog.enums import UnitCode
from schema.shared.enums import LanguageCode


@strawberry.input(description="A text in one language: zh-Hans or en.")
class NameInput:
    language: LanguageCode
    """The language of the text."""
    name: str
    """The text in that language."""


@strawberry.input
class AttributeInput:
    """A named property of a product."""

    name: str
    """What the property is (材质, Material)."""
    value: str
    """Its value for this product."""


@strawberry.input
class ProductTranslationInput:
    """A product's texts in one language."""

    language: LanguageCode
    """The language of these texts."""
    name: str
    """The product's name."""
    description: str = ""
    """What the product is, for its page."""
    attributes: list[AttributeInput] = strawberry.field(
        default_factory=list, description="Named properties (材质, 产地…)."
    )


@strawberry.input
class ImageInput:
    """An image URL and its alternative text."""

    url: str
    """Where the image is (https)."""
    alt: list[NameInput] = strawberry.field(
        default_factory=list, description="What the image shows, per language."
    )


@strawberry.input
class VariantTranslationInput:
    """A variant's name and specs (规格) in one language."""

    language: LanguageCode
    """The language of these texts."""
    name: str = ""
    """The variant's own name (often its specs in words); empty to use the product's."""
    specs: list[AttributeInput] = strawberry.field(
        default_factory=list, description="Its specs (规格): 容量 550ml, 包装 24瓶/箱…"
    )


@strawberry.input
class CategoryCreateInput:
    """A new category's slug, names, parent and position."""

    slug: str | None = None
    """Its part of the storefront's URLs (required); it cannot change later."""
    names: list[NameInput] | None = None
    """Its name in each language."""
    parent_id: strawberry.ID | None = None
    """The category it sits under; null for the top of the tree."""
    position: int | None = None
    """Its place among its siblings, from 0."""


@strawberry.input
class CategoryUpdateInput:
    """A category's new names, parent or position; fields left out stay as they are."""

    id: strawberry.ID
    """The category's global id."""
    names: list[NameInput] | None = None
    """Names given replace those languages; others stay."""
    parent_id: strawberry.ID | None = None
    """Move it (and its subtree) under this category."""
    move_to_root: bool = False
    """Move it (and its subtree) to the top of the tree."""
    position: int | None = None
    """Its place among its siblings, from 0."""


@strawberry.input
class ProductCreateInput:
    """A new product's slug, category, texts and images."""

    slug: str | None = None
    """Its part of the storefront's URLs (required); it cannot change later."""
    category_id: strawberry.ID | None = None
    """The category it is listed in."""
    translations: list[ProductTranslationInput] | None = None
    """Its texts in each language."""
    images: list[ImageInput] | None = None
    """Its images, in order."""


@strawberry.input
class ProductUpdateInput:
    """A product's new fields; fields left out stay as they are."""

    id: strawberry.ID
    """The product's global id."""
    slug: str | None = None
    """Slugs are permanent URLs: giving one is refused (INVALID)."""
    category_id: strawberry.ID | None = None
    """A new category."""
    translations: list[ProductTranslationInput] | None = None
    """Translations given replace those languages; others stay."""
    images: list[ImageInput] | None = None
    """Replaces all its images when given."""


@strawberry.input
class ProductPublishInput:
    """Which product to show in the storefront."""

    id: strawberry.ID
    """The product's global id."""


@strawberry.input
class ProductArchiveInput:
    """Which product to hide from the storefront."""

    id: strawberry.ID
    """The product's global id."""


@strawberry.input
class VariantFields:
    sku: str
    """The variant's SKU, unique; upper-cased."""
    base_price: Decimal
    """The unit price before tier and contract prices."""
    unit: UnitCode = UnitCode.PIECE
    """The unit it is sold in (件 PIECE, 箱 CASE, 千克 KG…)."""
    pack_size: int = 1
    """Units in a pack."""
    barcode: str | None = None
    """EAN or UPC, if it has one."""
    weight_grams: int | None = None
    """Weight of one unit."""
    min_order_qty: int = 1
    """The least a line may order (起订量)."""
    order_multiple: int = 1
    """Lines order multiples of this."""
    max_order_qty: int | None = None
    """The most a line may order; null for no limit."""
    low_stock_threshold: int = 0
    """At or below this much available stock, the storefront shows low stock."""
    translations: list[VariantTranslationInput] = strawberry.field(default_factory=list)
    """Its name and specs in each language."""


@strawberry.input
class VariantCreateInput(VariantFields):
    """A new variant (SKU) of a product: price, unit, pack size, quantity rules and texts."""

    product_id: strawberry.ID
    """The product's global id."""


@strawberry.input
class VariantUpdateInput(VariantFields):
    """A variant's fields, all given again: price, unit, pack size, quantity rules and
    texts."""

    id: strawberry.ID
    """The variant's global id."""


@strawberry.input
class VariantArchiveInput:
    """Which variant to take out of the storefront."""

    id: strawberry.ID
    """The variant's global id."""


@strawberry.input
class VariantRestoreInput:
    """Which archived variant to offer again."""

    id: strawberry.ID
    """The variant's global id."""


@strawberry.input
class CatalogImportInput:
    """A catalog file as CSV text."""

    csv: str
    """The file's text, with a header row."""


@strawberry.input
class CatalogImportXlsxInput:
    """A catalog file as an XLSX workbook."""

    content: Base64
    """The workbook, base64-encoded."""


@strawberry.input(description="A variant's cost price (成本价).")
class VariantCostSetInput:
    variant_id: strawberry.ID
    """The variant's global id."""
    cost_price: Decimal | None
    """What one unit costs the supplier, in its currency; null clears it."""
