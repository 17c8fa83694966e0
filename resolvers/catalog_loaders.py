"""Batch loaders for the catalog: each relation of a page is one query, whatever its size.

The loaders behind a page's many rows (variants, their texts, stock) read plain tuples rather
than model instances: building ORM objects cost more than the queries themselves (bench/)."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from aiodataloader import DataLoader

from db.catalog import (
    Category,
    CategoryTranslation,
    Product,
    ProductTranslation,
    Variant,
    VariantTranslation,
)
from db.inventory import StockLevel, Warehouse


class VariantRow(NamedTuple):
    id: int
    product_id: int
    sku: str
    barcode: str | None
    unit: str
    pack_size: int
    weight_grams: int | None
    base_price: int
    min_order_qty: int
    order_multiple: int
    max_order_qty: int | None
    low_stock_threshold: int
    position: int
    is_active: bool


class TextRow(NamedTuple):
    owner_id: int
    language: str
    name: str
    specs: list


class ProductTextRow(NamedTuple):
    owner_id: int
    language: str
    name: str
    description: str
    attributes: list


class StockRow(NamedTuple):
    variant_id: int
    warehouse_id: int
    on_hand: int
    reserved: int
    available: int


async def _rows(query, row_type) -> list:
    return [row_type(*values) for values in await query.values_list(*row_type._fields)]


def _grouped(rows, key: str) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


class ProductByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = {p.id: p for p in await Product.filter(id__in=keys)}
        return [rows.get(k) for k in keys]


class CategoryByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = {c.id: c for c in await Category.filter(id__in=keys)}
        return [rows.get(k) for k in keys]


class TranslationsByProductLoader(DataLoader):
    async def batch_load_fn(self, keys):
        query = ProductTranslation.filter(product_id__in=keys)
        rows = [
            ProductTextRow(*values)
            for values in await query.values_list(
                "product_id", "language", "name", "description", "attributes"
            )
        ]
        grouped = _grouped(rows, "owner_id")
        return [grouped.get(k, []) for k in keys]


class TranslationsByCategoryLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await CategoryTranslation.filter(category_id__in=keys)
        grouped = _grouped(rows, "category_id")
        return [grouped.get(k, []) for k in keys]


class TranslationsByVariantLoader(DataLoader):
    async def batch_load_fn(self, keys):
        query = VariantTranslation.filter(variant_id__in=keys)
        rows = [
            TextRow(*values)
            for values in await query.values_list("variant_id", "language", "name", "specs")
        ]
        grouped = _grouped(rows, "owner_id")
        return [grouped.get(k, []) for k in keys]


class VariantsByProductLoader(DataLoader):
    """Active variants only; staff see archived ones through `allVariants`."""

    def __init__(self, include_inactive: bool = False) -> None:
        super().__init__()
        self.include_inactive = include_inactive

    async def batch_load_fn(self, keys):
        query = Variant.filter(product_id__in=keys)
        if not self.include_inactive:
            query = query.filter(is_active=True)
        rows = await _rows(query.order_by("position", "id"), VariantRow)
        grouped = _grouped(rows, "product_id")
        return [grouped.get(k, []) for k in keys]


class ChildrenByCategoryLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await Category.filter(parent_id__in=keys).order_by("position", "id")
        grouped = _grouped(rows, "parent_id")
        return [grouped.get(k, []) for k in keys]


class StockByVariantLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await _rows(StockLevel.filter(variant_id__in=keys), StockRow)
        grouped = _grouped(rows, "variant_id")
        return [grouped.get(k, []) for k in keys]


class WarehouseByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = {w.id: w for w in await Warehouse.filter(id__in=keys)}
        return [rows.get(k) for k in keys]
