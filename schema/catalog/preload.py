"""Batched preloading for catalog pages: the data behind a page's leaf fields is fetched in a
few queries up front, so those fields resolve without an await each."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from strawberry.types.nodes import SelectedField, Selection

from domain.catalog.rows import ProductRow, VariantRow
from schema.shared.info import Info


@dataclass
class VariantData:
    texts: list
    breaks: tuple | None  # (contract breaks, tier breaks); None when prices are hidden
    stock: list | None  # StockLevel rows; None when availability is hidden


@dataclass
class ProductData:
    texts: list
    # The product's variants when the page loaded them for all its products at once (a list
    # of schema Variants); None when `Product.variants` loads them itself.
    variants: list[Any] | None = None


async def _nothing(count: int) -> list:
    return [None] * count


async def _empty(count: int) -> list:
    return [[] for _ in range(count)]


def _fields(selections: list[Selection]) -> list[SelectedField] | None:
    """These selections as fields; None when a fragment (spread or inline) is among them."""
    fields = [s for s in selections if isinstance(s, SelectedField)]
    return fields if len(fields) == len(selections) else None


def _children(fields: list[SelectedField], name: str | None) -> list[SelectedField] | None:
    """The fields (named `name`, or all; aliases do not matter) selected directly below these;
    None when a fragment hides what is selected."""
    found: list[SelectedField] = []
    for field in fields:
        below = _fields(field.selections)
        if below is None:
            return None
        found += [f for f in below if name is None or f.name == name]
    return found


def selected_at(info: Info, path: tuple[str, ...]) -> list[SelectedField] | None:
    """The fields reached from the current field through `path`; None when unclear. Called
    once per page (or per product when the page could not preload), never per list item:
    `selected_fields` converts the whole selection below the current field."""
    fields = _fields(info.selected_fields)
    for name in path:
        fields = _children(fields, name) if fields is not None else None
    return fields


def requested(fields: list[SelectedField] | None) -> set[str] | None:
    """Names of the fields selected below these; None (everything) when unclear."""
    children = _children(fields, None) if fields is not None else None
    return None if children is None else {c.name for c in children}


TEXT_FIELDS = {"name", "specs", "translations"}
PRICE_FIELDS = {"price", "priceBreaks"}
STOCK_FIELDS = {"availability", "stock"}


async def preload_variants(
    info: Info, rows: list[VariantRow], wanted: set[str] | None
) -> list[VariantData]:
    """Loads only what `wanted` (the selected field names) asks for; everything for None."""
    ctx = info.context
    ids = [r.id for r in rows]
    scope = await ctx.prices()

    def needs(fields: set[str]) -> bool:
        return wanted is None or bool(wanted & fields)

    texts, breaks, stock = await asyncio.gather(
        ctx.loaders.variant_texts.load_many(ids) if needs(TEXT_FIELDS) else _empty(len(ids)),
        scope.breaks.load_many(ids) if scope and needs(PRICE_FIELDS) else _nothing(len(ids)),
        ctx.loaders.stock_by_variant.load_many(ids)
        if scope and needs(STOCK_FIELDS)
        else _nothing(len(ids)),
    )
    return [VariantData(t, b, s) for t, b, s in zip(texts, breaks, stock, strict=True)]


async def preload_products(info: Info, rows: list[ProductRow]) -> list[ProductData]:
    texts = await info.context.loaders.product_texts.load_many([r.id for r in rows])
    return [ProductData(t) for t in texts]
