"""Catalog types as the storefront and staff read them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

import strawberry
from strawberry import relay

from db import catalog as db
from domain.accounts.permissions import Perm
from domain.catalog.rows import ProductRow, VariantRow
from domain.shared.translations import from_pairs, pick, pick_map
from schema.catalog.enums import UnitCode
from schema.catalog.preload import (
    ProductData,
    VariantData,
    preload_products,
    preload_variants,
    requested,
    selected_at,
)
from schema.inventory.types import StockLevel
from schema.pricing.types import Availability, PriceBreak, VariantPrice, availability, breaks, price
from schema.shared.enums import LanguageCode
from schema.shared.ids import row_id
from schema.shared.info import Info
from schema.shared.money import Money, money
from schema.shared.plain import PLAIN_FIELD, preloaded


class ProductStatus(StrEnum):
    DRAFT = "draft"
    """Being prepared: staff see it, the storefront does not."""
    PUBLISHED = "published"
    """In the storefront."""
    ARCHIVED = "archived"
    """Withdrawn: kept for past orders, no longer sold."""


ProductStatusEnum = strawberry.enum(
    ProductStatus,
    name="ProductStatus",
    description="Only published products are in the storefront.",
)


def _is_staff(info: Info) -> bool:
    return info.context.principal is not None and info.context.principal.is_staff


@strawberry.type
class Attribute:
    """A named property of a product, shown on its page (e.g. 产地: 浙江)."""

    name: str
    """The property's name in the viewer's language, e.g. 产地 (origin)."""
    value: str
    """Its value, e.g. 浙江."""


def _attributes(stored) -> list[Attribute]:
    return [Attribute(name=k, value=v) for k, v in from_pairs(stored).items()]


@strawberry.type
class Image:
    """A product image: its URL and alternative text."""

    url: str
    """Where the image is served: an absolute URL or a path on this server."""
    alt: str
    """Alternative text for screen readers; may be empty."""


@strawberry.type(description="Text of an object in one language, as staff edit it.")
class Translation:
    language: LanguageCode
    """The language of these texts."""
    name: str
    """The name in this language."""
    description: str | None = None
    """The description in this language; null for variants, which have none."""
    attributes: list[Attribute] | None = None
    """Properties (products) or the specification (variants) in this language."""


@strawberry.type(description="Quantity rules: what the server accepts on order lines.")
class QuantityRules:
    minimum: int
    """The least quantity a line may have."""
    multiple: int = strawberry.field(description="Sold in multiples of this (e.g. the case of 24).")
    maximum: int | None
    """The most a line may have; null when there is no maximum."""


@strawberry.type
class Category(relay.Node):
    """A category of the catalog tree (商品分类)."""

    id: relay.NodeID[int]
    slug: str
    """A stable, URL-safe name, unique in the catalog."""
    position: int
    """Sort order among siblings, lowest first."""
    parent_id: strawberry.Private[int | None]

    @classmethod
    def from_db(cls, row: db.Category) -> Category:
        return cls(id=row.id, slug=row.slug, position=row.position, parent_id=row.parent_id)

    @strawberry.field
    async def name(self, info: Info) -> str:
        """The name in the viewer's language (falls back to the default language)."""
        rows = await info.context.loaders.category_texts.load(self.id)
        row = pick(rows, info.context.language, info.context.settings.default_language)
        return row.name if row else ""

    @strawberry.field
    async def parent(self, info: Info) -> Category | None:
        """The category above; null for a top-level category."""
        if self.parent_id is None:
            return None
        row = await info.context.loaders.category_by_id.load(self.parent_id)
        return Category.from_db(row) if row else None

    @strawberry.field
    async def children(self, info: Info) -> list[Category]:
        """The categories directly below, in `position` order."""
        rows = await info.context.loaders.children_by_category.load(self.id)
        return [Category.from_db(r) for r in rows]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders.category_by_id.load_many([row_id(i) for i in node_ids])
        return [cls.from_db(r) if r else None for r in rows]


@strawberry.type(description="A sellable SKU with its specification (规格) and quantity rules.")
class Variant(relay.Node):
    id: relay.NodeID[int]
    sku: str
    """The stock-keeping unit: unique, and what orders, shipments and returns name."""
    barcode: str | None
    """EAN/UPC barcode; null when none was entered."""
    unit: UnitCode
    """The unit it is sold in (件, 箱, 瓶…); `quantity` everywhere counts these."""
    pack_size: int = strawberry.field(description="Units in one pack, e.g. 24 bottles a case.")
    weight_grams: int | None
    """Weight of one unit in grams; null when unknown."""
    quantity_rules: QuantityRules
    """What quantities a line of this variant may have."""
    is_active: bool
    """False once archived: kept on past orders, not orderable."""
    name: str
    """The variant's name in the viewer's language."""
    specs: list[Attribute] = strawberry.field(
        description="The specification (规格) in the caller's language."
    )
    price_breaks: list[PriceBreak] | None = strawberry.field(
        description="The viewer's quantity breaks, from the minimum order quantity."
    )
    availability: Availability | None = strawberry.field(
        description="Stock as the supplier shows it to buyers; null for visitors."
    )
    row: strawberry.Private[VariantRow]
    # Texts, price breaks and stock of the variant, loaded with the rest of the page.
    data: strawberry.Private[VariantData]

    @classmethod
    async def load(
        cls, info: Info, rows: list[VariantRow], wanted: set[str] | None = None
    ) -> list[Variant]:
        """Variants with their data, in a few batched queries for all of them. `wanted` names
        the fields selected on them (None: all); the others are neither loaded nor built."""
        data = await preload_variants(info, rows, wanted)
        return [cls._build(info, row, d, wanted) for row, d in zip(rows, data, strict=True)]

    @classmethod
    async def load_one(cls, info: Info, row: VariantRow | None) -> Variant | None:
        return (await cls.load(info, [row]))[0] if row else None

    @classmethod
    def _build(
        cls, info: Info, row: VariantRow, data: VariantData, wanted: set[str] | None
    ) -> Variant:
        # Leaf values are computed here, not in resolvers: a page has thousands of them. Those
        # nobody selected stay empty; they are never read.
        text = pick(data.texts, info.context.language, info.context.settings.default_language)
        every = wanted is None
        return cls(
            id=row.id,
            sku=row.sku,
            barcode=row.barcode,
            unit=UnitCode(row.unit),
            pack_size=row.pack_size,
            weight_grams=row.weight_grams,
            quantity_rules=QuantityRules(
                minimum=row.min_order_qty, multiple=row.order_multiple, maximum=row.max_order_qty
            ),
            is_active=row.is_active,
            name=text.name if text else "",
            specs=_attributes(text.specs if text else None) if every or "specs" in wanted else [],
            price_breaks=breaks(info, row, data.breaks)
            if every or "priceBreaks" in wanted
            else None,
            availability=availability(info, row, data.stock)
            if every or "availability" in wanted
            else None,
            row=row,
            data=data,
        )

    @strawberry.field
    async def product(self, info: Info) -> Product | None:
        """The product this variant belongs to; null if the viewer may not see it."""
        row = await info.context.loaders.product_by_id.load(self.row.product_id)
        return await Product.load_one(info, row)

    @strawberry.field(
        description="The viewer's unit price at a quantity (default: the minimum). "
        "Null for visitors who may not see prices.",
        metadata=PLAIN_FIELD,  # one per variant on a page
    )
    def price(
        self,
        info: Info,
        quantity: Annotated[
            int | None,
            strawberry.argument(description="Units; the least that may be ordered when omitted."),
        ] = None,
    ) -> VariantPrice | None:
        return price(info, self.row, self.data.breaks, quantity)

    @strawberry.field(description="Per-warehouse stock; staff only (null for others).")
    def stock(self, info: Info) -> list[StockLevel] | None:
        if not _is_staff(info) or self.data.stock is None:
            return None
        return [StockLevel.from_db(r) for r in self.data.stock]

    @strawberry.field(description="Every language's text; staff only.")
    def translations(self, info: Info) -> list[Translation] | None:
        if not _is_staff(info):
            return None
        return [
            Translation(
                language=LanguageCode(r.language),
                name=r.name,
                attributes=_attributes(r.specs),
            )
            for r in self.data.texts
        ]

    @strawberry.field(
        description="What one unit costs the supplier (成本价); only for staff whose role has "
        "COSTS_READ (null for others and when not entered)."
    )
    def cost_price(self, info: Info) -> Money | None:
        principal = info.context.principal
        if principal is None or not principal.has(Perm.COSTS_READ) or self.row.cost_price is None:
            return None
        return money(info, self.row.cost_price)

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        loaders = info.context.loaders
        found = await loaders.variant_by_id.load_many([row_id(i) for i in node_ids])
        rows = [r for r in found if r is not None]
        products = await loaders.product_by_id.load_many([r.product_id for r in rows])
        visible = [
            r
            for r, p in zip(rows, products, strict=True)
            if _is_staff(info) or (r.is_active and p and p.status == "published")
        ]
        by_id = {v.id: v for v in await cls.load(info, visible)}
        return [by_id.get(row_id(i)) for i in node_ids]


@strawberry.type
class Product(relay.Node):
    """A product (商品) with its variants (SKUs), texts in the viewer's language and images."""

    id: relay.NodeID[int]
    slug: str
    """A stable, URL-safe name, unique in the catalog."""
    status: ProductStatusEnum
    """Only published products are in the storefront."""
    created_at: datetime
    """When the product was created."""
    updated_at: datetime
    """When the product or its texts last changed."""
    name: str
    """The name in the viewer's language (falls back to the default language)."""
    description: str
    """The description in the viewer's language; plain text, may be empty."""
    attributes: list[Attribute]
    """Properties in the viewer's language, in their order."""
    images: list[Image]
    """Images in display order; the first is the main image."""
    row: strawberry.Private[ProductRow]
    data: strawberry.Private[ProductData]

    @classmethod
    async def load(
        cls, info: Info, rows: list[ProductRow], path: tuple[str, ...] | None = None
    ) -> list[Product]:
        """`path` leads from the current field to these products in the query (`("edges",
        "node")` for a page): their selected variants are then loaded for all of them at once."""
        data = await preload_products(info, rows)
        if path is not None:
            await cls._preload_variants(info, rows, data, selected_at(info, (*path, "variants")))
        return [cls._build(info, row, d) for row, d in zip(rows, data, strict=True)]

    @staticmethod
    async def _preload_variants(
        info: Info, rows: list[ProductRow], data: list[ProductData], nodes: list | None
    ) -> None:
        # Only the plain selection (no arguments, no fragments): anything else goes through
        # the field's own resolver, product by product.
        if not nodes or any(n.arguments for n in nodes):
            return
        per_product = await info.context.loaders.variants_by_product.load_many([r.id for r in rows])
        flat = [v for variants in per_product for v in variants]
        built = iter(await Variant.load(info, flat, requested(nodes)))
        for d, variants in zip(data, per_product, strict=True):
            d.variants = [next(built) for _ in variants]

    @classmethod
    def _build(cls, info: Info, row: ProductRow, data: ProductData) -> Product:
        language = info.context.language
        text = pick(data.texts, language, info.context.settings.default_language)
        return cls(
            id=row.id,
            slug=row.slug,
            status=row.status,
            created_at=row.created_at,
            updated_at=row.updated_at,
            name=text.name if text else "",
            description=text.description if text else "",
            attributes=_attributes(text.attributes if text else None),
            images=[Image(url=i["url"], alt=pick_map(i.get("alt"), language)) for i in row.images],
            row=row,
            data=data,
        )

    @classmethod
    async def load_one(cls, info: Info, row: ProductRow | None) -> Product | None:
        return (await cls.load(info, [row]))[0] if row else None

    @strawberry.field
    async def category(self, info: Info) -> Category | None:
        """The product's category; null when it has none."""
        if self.row.category_id is None:
            return None
        row = await info.context.loaders.category_by_id.load(self.row.category_id)
        return Category.from_db(row) if row else None

    @strawberry.field(
        description="Active variants; staff may ask for archived ones too.",
        # A page's products have them loaded (one per product on a page).
        metadata=preloaded(lambda product: product.data.variants),
    )
    async def variants(
        self,
        info: Info,
        include_archived: Annotated[
            bool, strawberry.argument(description="Staff: archived variants too.")
        ] = False,
    ) -> list[Variant]:
        loaders = info.context.loaders
        loader = loaders.variants_by_product
        if include_archived and _is_staff(info):
            loader = loaders.all_variants_by_product
        wanted = requested(selected_at(info, ()))
        return await Variant.load(info, await loader.load(self.id), wanted)

    @strawberry.field(description="Every language's text; staff only.")
    def translations(self, info: Info) -> list[Translation] | None:
        if not _is_staff(info):
            return None
        return [
            Translation(
                language=LanguageCode(r.language),
                name=r.name,
                description=r.description,
                attributes=_attributes(r.attributes),
            )
            for r in self.data.texts
        ]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        rows = await info.context.loaders.product_by_id.load_many([row_id(i) for i in node_ids])
        visible = [r for r in rows if r and (r.status == "published" or _is_staff(info))]
        by_id = {p.id: p for p in await cls.load(info, visible)}
        return [by_id.get(row_id(i)) for i in node_ids]
