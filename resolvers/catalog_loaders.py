"""Batch loaders for the catalog: each relation of a page is one query, whatever its size."""

from __future__ import annotations

from collections import defaultdict

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
        grouped = _grouped(await ProductTranslation.filter(product_id__in=keys), "product_id")
        return [grouped.get(k, []) for k in keys]


class TranslationsByCategoryLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await CategoryTranslation.filter(category_id__in=keys)
        grouped = _grouped(rows, "category_id")
        return [grouped.get(k, []) for k in keys]


class TranslationsByVariantLoader(DataLoader):
    async def batch_load_fn(self, keys):
        grouped = _grouped(await VariantTranslation.filter(variant_id__in=keys), "variant_id")
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
        grouped = _grouped(await query.order_by("position", "id"), "product_id")
        return [grouped.get(k, []) for k in keys]


class ChildrenByCategoryLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await Category.filter(parent_id__in=keys).order_by("position", "id")
        grouped = _grouped(rows, "parent_id")
        return [grouped.get(k, []) for k in keys]


class StockByVariantLoader(DataLoader):
    async def batch_load_fn(self, keys):
        grouped = _grouped(await StockLevel.filter(variant_id__in=keys), "variant_id")
        return [grouped.get(k, []) for k in keys]


class WarehouseByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = {w.id: w for w in await Warehouse.filter(id__in=keys)}
        return [rows.get(k) for k in keys]
