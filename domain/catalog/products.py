"""Products and their variants (SKUs), edited by staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.catalog import Category, Product, ProductTranslation, Variant, VariantTranslation
from domain.accounts.permissions import Principal
from domain.catalog import search_text, sort_names
from domain.catalog.categories import check_slug
from domain.pricing import lowest_prices
from domain.pricing.quantity_rules import QuantityRules
from domain.shared import audit, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.machine import Machine, move
from domain.shared.money import to_minor
from domain.shared.translations import check_language, to_pairs


class ProductStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


DRAFT, PUBLISHED, ARCHIVED = ProductStatus.DRAFT, ProductStatus.PUBLISHED, ProductStatus.ARCHIVED
# (from, action) -> to: the only way a product's status changes.
MACHINE = Machine(
    "product",
    ProductStatus,
    {
        (DRAFT, "publish"): PUBLISHED,
        (ARCHIVED, "publish"): PUBLISHED,
        (DRAFT, "archive"): ARCHIVED,
        (PUBLISHED, "archive"): ARCHIVED,
    },
)
UNITS = ("piece", "bottle", "can", "box", "case", "bag", "pack", "kg", "carton")


@dataclass
class ProductText:
    language: str
    name: str
    description: str = ""
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class VariantText:
    language: str
    name: str = ""
    specs: dict[str, str] = field(default_factory=dict)


@dataclass
class VariantData:
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
    texts: list[VariantText] = field(default_factory=list)


async def _category(category_id: int | None) -> None:
    if category_id is not None and not await Category.exists(id=category_id):
        raise DomainError(ErrorCode.NOT_FOUND, "categoryId")


def _images(images: list[dict]) -> list[dict]:
    cleaned = []
    for image in images:
        url = validation.text(image.get("url"), "images", 1000)
        if not url.startswith(("https://", "http://", "/")):
            raise DomainError(ErrorCode.INVALID, "images")
        cleaned.append({"url": url, "alt": image.get("alt") or {}})
    return cleaned


async def set_text(product: Product, text: ProductText) -> None:
    check_language(text.language, "translations")
    await ProductTranslation.update_or_create(
        product=product,
        language=text.language,
        defaults={
            "name": validation.text(text.name, "name", 200),
            "description": validation.text(text.description, "description", 20000, False),
            "attributes": to_pairs(text.attributes),
        },
    )


async def create(
    slug: str,
    texts: list[ProductText],
    category_id: int | None = None,
    images: list[dict] | None = None,
) -> Product:
    slug = check_slug(slug)
    if not texts:
        raise DomainError(ErrorCode.REQUIRED, "translations")
    await _category(category_id)
    try:
        async with in_transaction():
            product = await Product.create(
                slug=slug, category_id=category_id, images=_images(images or [])
            )
            for text in texts:
                await set_text(product, text)
            await sort_names.refresh([product.id])
            await search_text.refresh([product.id])
            await lowest_prices.refresh([product.id])  # no variant yet: it sorts last
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE_SLUG, "slug", slug=slug) from exc
    return product


async def update(
    product_id: int,
    texts: list[ProductText] | None = None,
    category_id: int | None = None,
    images: list[dict] | None = None,
    slug: str | None = None,
) -> Product:
    if slug is not None:
        raise DomainError(ErrorCode.INVALID, "slug")  # slugs are permanent URLs
    async with in_transaction():
        product = await Product.get_or_none(id=product_id)
        if product is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        if category_id is not None:
            await _category(category_id)
            product.category_id = category_id
        if images is not None:
            product.images = _images(images)
        for text in texts or []:
            await set_text(product, text)
        if texts:
            await sort_names.refresh([product.id])
            await search_text.refresh([product.id])
        await product.save()
    return product


async def change_status(
    product_id: int, action: str, actor: Principal | None = None, request_id: str = ""
) -> Product:
    product = await Product.get_or_none(id=product_id)
    if product is None:
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    target = MACHINE.target(product.status, action)
    if target == PUBLISHED and not await Variant.exists(product_id=product.id, is_active=True):
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=product.status)

    async def record(before: ProductStatus, to: ProductStatus) -> None:
        after = {"status": to.value}
        await audit.record(
            actor, f"product.{action}", product, {"status": before.value}, after, request_id
        )

    await move(MACHINE, Product.filter(id=product.id), product.status, action, record=record)
    product.status = target.value
    return product


def check_variant(data: VariantData) -> dict:
    """The validated column values of a variant."""
    sku = validation.text(data.sku, "sku", 64).upper()
    price = to_minor(data.base_price, "basePrice")
    if price <= 0:
        raise DomainError(ErrorCode.INVALID_PRICE, "basePrice")
    if data.unit not in UNITS:
        raise DomainError(ErrorCode.INVALID, "unit")
    if data.pack_size < 1:
        raise DomainError(ErrorCode.INVALID, "packSize")
    if data.weight_grams is not None and data.weight_grams < 0:
        raise DomainError(ErrorCode.INVALID, "weightGrams")
    if data.low_stock_threshold < 0:
        raise DomainError(ErrorCode.INVALID, "lowStockThreshold")
    QuantityRules(data.min_order_qty, data.order_multiple, data.max_order_qty).validate()
    return {
        "sku": sku,
        "barcode": validation.text(data.barcode, "barcode", 64, False) or None,
        "unit": data.unit,
        "pack_size": data.pack_size,
        "weight_grams": data.weight_grams,
        "base_price": price,
        "min_order_qty": data.min_order_qty,
        "order_multiple": data.order_multiple,
        "max_order_qty": data.max_order_qty,
        "low_stock_threshold": data.low_stock_threshold,
    }


async def _set_variant_texts(variant: Variant, texts: list[VariantText]) -> None:
    for text in texts:
        check_language(text.language, "translations")
        await VariantTranslation.update_or_create(
            variant=variant,
            language=text.language,
            defaults={
                "name": validation.text(text.name, "name", 200, False),
                "specs": to_pairs(text.specs),
            },
        )


async def add_variant(product_id: int, data: VariantData) -> Variant:
    values = check_variant(data)
    if not await Product.exists(id=product_id):
        raise DomainError(ErrorCode.NOT_FOUND, "productId")
    try:
        async with in_transaction():
            variant = await Variant.create(product_id=product_id, **values)
            await _set_variant_texts(variant, data.texts)
            await search_text.refresh([product_id])
            await lowest_prices.refresh([product_id])
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE_SKU, "sku", sku=values["sku"]) from exc
    return variant


async def update_variant(
    variant_id: int, data: VariantData, actor: Principal | None = None, request_id: str = ""
) -> Variant:
    values = check_variant(data)
    try:
        async with in_transaction():
            variant = await Variant.select_for_update().get_or_none(id=variant_id)
            if variant is None:
                raise DomainError(ErrorCode.NOT_FOUND, "id")
            await Variant.filter(id=variant_id).update(**values)
            await _set_variant_texts(variant, data.texts)
            if values["sku"] != variant.sku:
                await search_text.refresh([variant.product_id])
            await lowest_prices.refresh([variant.product_id])  # base price, minimum quantity
            if values["base_price"] != variant.base_price:
                # Base prices are money: who changed one, from what to what, is kept.
                await audit.record(
                    actor,
                    "variant.base_price",
                    variant,
                    {"basePrice": variant.base_price},
                    {"basePrice": values["base_price"]},
                    request_id,
                )
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE_SKU, "sku", sku=values["sku"]) from exc
    return await Variant.get(id=variant_id)


async def set_variant_active(variant_id: int, active: bool) -> Variant:
    async with in_transaction():
        if not await Variant.filter(id=variant_id).update(is_active=active):
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        variant = await Variant.get(id=variant_id)
        await lowest_prices.refresh([variant.product_id])
    return variant
