"""Staff mutations on categories, products and variants."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.catalog import categories, costs, products
from domain.catalog.rows import ProductRow, VariantRow
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.ids import decode
from resolvers.core.permissions import can
from schema.catalog.inputs import (
    CategoryCreateInput,
    CategoryUpdateInput,
    ProductArchiveInput,
    ProductCreateInput,
    ProductPublishInput,
    ProductUpdateInput,
    VariantArchiveInput,
    VariantCostSetInput,
    VariantCreateInput,
    VariantFields,
    VariantRestoreInput,
    VariantUpdateInput,
)
from schema.catalog.payloads import (
    CategoryPayload,
    ProductPayload,
    VariantCostSetPayload,
    VariantPayload,
)
from schema.catalog.types import Category, Product, Variant
from schema.shared.payload import INPUT


def names_map(items) -> dict[str, str]:
    return {n.language.value: n.name for n in items or []}


ProductFields = ProductCreateInput | ProductUpdateInput


def _product_texts(input: ProductFields) -> list[products.ProductText] | None:
    if input.translations is None:
        return None
    return [
        products.ProductText(
            t.language.value, t.name, t.description, {a.name: a.value for a in t.attributes}
        )
        for t in input.translations
    ]


def _images(input: ProductFields) -> list[dict] | None:
    if input.images is None:
        return None
    return [{"url": i.url, "alt": names_map(i.alt)} for i in input.images]


def variant_data(input: VariantFields) -> products.VariantData:
    return products.VariantData(
        sku=input.sku,
        base_price=input.base_price,
        unit=input.unit.value,
        pack_size=input.pack_size,
        barcode=input.barcode,
        weight_grams=input.weight_grams,
        min_order_qty=input.min_order_qty,
        order_multiple=input.order_multiple,
        max_order_qty=input.max_order_qty,
        low_stock_threshold=input.low_stock_threshold,
        texts=[
            products.VariantText(t.language.value, t.name, {s.name: s.value for s in t.specs})
            for t in input.translations
        ],
    )


def _optional_id(gid: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return decode(gid, type_name, field) if gid is not None else None


@strawberry.type
class CatalogMutation:
    @strawberry.mutation(extensions=can("categoryCreate"))
    async def category_create(
        self, info: Info, input: Annotated[CategoryCreateInput, INPUT]
    ) -> CategoryPayload:
        """Add a category under a parent, or at the top of the tree."""

        async def run():
            return await categories.create(
                input.slug or "",
                names_map(input.names),
                _optional_id(input.parent_id, "Category", "parentId"),
                input.position or 0,
            )

        row, errors = await attempt(info, run())
        return CategoryPayload(category=Category.from_db(row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("categoryUpdate"))
    async def category_update(
        self, info: Info, input: Annotated[CategoryUpdateInput, INPUT]
    ) -> CategoryPayload:
        """Rename or move a category; its subtree moves with it."""

        async def run():
            parent = "unchanged"
            if input.move_to_root:
                parent = None
            elif input.parent_id is not None:
                parent = decode(input.parent_id, "Category", "parentId")
            return await categories.update(
                decode(input.id, "Category"), names_map(input.names), parent, input.position
            )

        row, errors = await attempt(info, run())
        return CategoryPayload(category=Category.from_db(row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("productCreate"))
    async def product_create(
        self, info: Info, input: Annotated[ProductCreateInput, INPUT]
    ) -> ProductPayload:
        """A new product starts as a draft; publish it once it has a variant."""

        async def run():
            return await products.create(
                input.slug or "",
                _product_texts(input) or [],
                _optional_id(input.category_id, "Category", "categoryId"),
                _images(input),
            )

        row, errors = await attempt(info, run())
        return ProductPayload(
            product=await Product.load_one(info, ProductRow.of(row) if row else None), errors=errors
        )

    @strawberry.mutation(extensions=can("productUpdate"))
    async def product_update(
        self, info: Info, input: Annotated[ProductUpdateInput, INPUT]
    ) -> ProductPayload:
        """Translations given replace those languages; others stay."""

        async def run():
            return await products.update(
                decode(input.id, "Product"),
                _product_texts(input),
                _optional_id(input.category_id, "Category", "categoryId"),
                _images(input),
                slug=input.slug,
            )

        row, errors = await attempt(info, run())
        return ProductPayload(
            product=await Product.load_one(info, ProductRow.of(row) if row else None), errors=errors
        )

    @strawberry.mutation(extensions=can("productPublish"))
    async def product_publish(
        self, info: Info, input: Annotated[ProductPublishInput, INPUT]
    ) -> ProductPayload:
        """Show a draft or archived product in the storefront."""
        return await _status(info, input.id, "publish")

    @strawberry.mutation(extensions=can("productArchive"))
    async def product_archive(
        self, info: Info, input: Annotated[ProductArchiveInput, INPUT]
    ) -> ProductPayload:
        """Hide a product from the storefront; placed orders keep their lines."""
        return await _status(info, input.id, "archive")

    @strawberry.mutation(extensions=can("variantCreate"))
    async def variant_create(
        self, info: Info, input: Annotated[VariantCreateInput, INPUT]
    ) -> VariantPayload:
        """Add a variant (SKU) with its price, unit, pack size and quantity rules."""

        async def run():
            pid = decode(input.product_id, "Product", "productId")
            return await products.add_variant(pid, variant_data(input))

        row, errors = await attempt(info, run())
        return VariantPayload(
            variant=await Variant.load_one(info, VariantRow.of(row) if row else None), errors=errors
        )

    @strawberry.mutation(extensions=can("variantUpdate"))
    async def variant_update(
        self, info: Info, input: Annotated[VariantUpdateInput, INPUT]
    ) -> VariantPayload:
        """Change a variant's fields (price, unit, pack size, quantity rules, texts)."""

        async def run():
            ctx = info.context
            return await products.update_variant(
                decode(input.id, "Variant"), variant_data(input), ctx.principal, ctx.request_id
            )

        row, errors = await attempt(info, run())
        return VariantPayload(
            variant=await Variant.load_one(info, VariantRow.of(row) if row else None), errors=errors
        )

    @strawberry.mutation(extensions=can("variantCostSet"))
    async def variant_cost_set(
        self, info: Info, input: Annotated[VariantCostSetInput, INPUT]
    ) -> VariantCostSetPayload:
        """Set or clear a variant's cost price (成本价): staff only, audited, never shown to
        buyers; sales reports show gross margins where it is known."""

        async def run():
            ctx = info.context
            variant_id = decode(input.variant_id, "Variant", "variantId")
            return await costs.set_cost(ctx.principal, variant_id, input.cost_price, ctx.request_id)

        row, errors = await attempt(info, run())
        return VariantCostSetPayload(
            variant=await Variant.load_one(info, VariantRow.of(row) if row else None), errors=errors
        )

    @strawberry.mutation(extensions=can("variantArchive"))
    async def variant_archive(
        self, info: Info, input: Annotated[VariantArchiveInput, INPUT]
    ) -> VariantPayload:
        """Archived variants leave the storefront; orders that have them keep them."""
        return await _active(info, input.id, False)

    @strawberry.mutation(extensions=can("variantRestore"))
    async def variant_restore(
        self, info: Info, input: Annotated[VariantRestoreInput, INPUT]
    ) -> VariantPayload:
        """Offer an archived variant again."""
        return await _active(info, input.id, True)


async def _status(info: Info, gid: strawberry.ID, action: str) -> ProductPayload:
    async def run():
        ctx = info.context
        return await products.change_status(
            decode(gid, "Product"), action, ctx.actor, ctx.request_id
        )

    row, errors = await attempt(info, run())
    return ProductPayload(
        product=await Product.load_one(info, ProductRow.of(row) if row else None), errors=errors
    )


async def _active(info: Info, gid: strawberry.ID, active: bool) -> VariantPayload:
    async def run():
        return await products.set_variant_active(decode(gid, "Variant"), active)

    row, errors = await attempt(info, run())
    return VariantPayload(
        variant=await Variant.load_one(info, VariantRow.of(row) if row else None), errors=errors
    )
