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
)
from db.inventory import Warehouse
from domain.catalog.rows import ProductRow, VariantRow, json_value
from resolvers.core.raw_rows import rows_in


class TextRow(NamedTuple):
    owner_id: int
    language: str
    name: str
    specs: list


class ProductTextRow(NamedTuple):
    product_id: int
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


def _grouped(rows, key: str) -> dict:
    grouped = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


class ProductByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        raw = await rows_in("product", ProductRow._fields, "id", keys)
        rows = {r.id: r for r in map(ProductRow.from_values, raw)}
        return [rows.get(k) for k in keys]


class VariantByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        raw = await rows_in("variant", VariantRow._fields, "id", keys)
        rows = {r.id: r for r in map(VariantRow.from_values, raw)}
        return [rows.get(k) for k in keys]


class CategoryByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = {c.id: c for c in await Category.filter(id__in=keys)}
        return [rows.get(k) for k in keys]


class TranslationsByProductLoader(DataLoader):
    async def batch_load_fn(self, keys):
        raw = await rows_in("product_translation", ProductTextRow._fields, "product_id", keys)
        rows = [ProductTextRow(r[0], r[1], r[2], r[3], json_value(r[4])) for r in raw]
        grouped = _grouped(rows, "product_id")
        return [grouped.get(k, []) for k in keys]


class TranslationsByCategoryLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await CategoryTranslation.filter(category_id__in=keys)
        grouped = _grouped(rows, "category_id")
        return [grouped.get(k, []) for k in keys]


class TranslationsByVariantLoader(DataLoader):
    async def batch_load_fn(self, keys):
        raw = await rows_in(
            "variant_translation", ("variant_id", "language", "name", "specs"), "variant_id", keys
        )
        rows = [TextRow(v, lang, name, json_value(specs)) for v, lang, name, specs in raw]
        grouped = _grouped(rows, "owner_id")
        return [grouped.get(k, []) for k in keys]


class VariantsByProductLoader(DataLoader):
    """Active variants only; staff see archived ones through `allVariants`."""

    def __init__(self, include_inactive: bool = False) -> None:
        super().__init__()
        self.include_inactive = include_inactive

    async def batch_load_fn(self, keys):
        raw = await rows_in("variant", VariantRow._fields, "product_id", keys, "position, id")
        rows = [VariantRow.from_values(values) for values in raw]
        if not self.include_inactive:
            rows = [r for r in rows if r.is_active]
        grouped = _grouped(rows, "product_id")
        return [grouped.get(k, []) for k in keys]


class ChildrenByCategoryLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = await Category.filter(parent_id__in=keys).order_by("position", "id")
        grouped = _grouped(rows, "parent_id")
        return [grouped.get(k, []) for k in keys]


class StockByVariantLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = [
            StockRow(*v) for v in await rows_in("stock_level", StockRow._fields, "variant_id", keys)
        ]
        grouped = _grouped(rows, "variant_id")
        return [grouped.get(k, []) for k in keys]


class WarehouseByIdLoader(DataLoader):
    async def batch_load_fn(self, keys):
        rows = {w.id: w for w in await Warehouse.filter(id__in=keys)}
        return [rows.get(k) for k in keys]
