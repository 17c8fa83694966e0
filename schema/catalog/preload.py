"""Batched preloading for catalog pages: the data behind a page's leaf fields is fetched in a
few queries up front, so those fields resolve without an await each."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from graphql import FieldNode

from db import catalog as db
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


def _children(nodes: list[FieldNode], name: str | None) -> list[FieldNode] | None:
    """The fields (named `name`, or all) selected directly below these; None when a fragment
    hides what is selected. Read from the query's syntax tree: Strawberry's `selected_fields`
    is rebuilt for every list item and cost several milliseconds a page."""
    found: list[FieldNode] = []
    for node in nodes:
        for selection in node.selection_set.selections if node.selection_set else ():
            if not isinstance(selection, FieldNode):
                return None
            if name is None or selection.name.value == name:
                found.append(selection)
    return found


def selected_at(info: Info, path: tuple[str, ...]) -> list[FieldNode] | None:
    """The field nodes reached from the current field through `path`; None when unclear."""
    nodes: list[FieldNode] | None = list(info._raw_info.field_nodes)
    for name in path:
        nodes = _children(nodes, name) if nodes is not None else None
    return nodes


def requested(nodes: list[FieldNode] | None) -> set[str] | None:
    """Names of the fields selected below these nodes; None (everything) when unclear."""
    children = _children(nodes, None) if nodes is not None else None
    return None if children is None else {c.name.value for c in children}


TEXT_FIELDS = {"name", "specs", "translations"}
PRICE_FIELDS = {"price", "priceBreaks"}
STOCK_FIELDS = {"availability", "stock"}


async def preload_variants(
    info: Info, rows: list[db.Variant], wanted: set[str] | None
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


async def preload_products(info: Info, rows: list[db.Product]) -> list[ProductData]:
    texts = await info.context.loaders.product_texts.load_many([r.id for r in rows])
    return [ProductData(t) for t in texts]
