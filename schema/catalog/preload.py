"""Batched preloading for catalog pages: the data behind a page's leaf fields is fetched in a
few queries up front, so those fields resolve without an await each."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

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


async def _nothing(count: int) -> list:
    return [None] * count


async def _empty(count: int) -> list:
    return [[] for _ in range(count)]


def requested(info: Info) -> set[str] | None:
    """Names of the fields selected below this one; None when fragments make it unclear.
    Read from the query's syntax tree: Strawberry's `selected_fields` is rebuilt for every
    list item and cost several milliseconds a page."""
    names: set[str] = set()
    for node in info._raw_info.field_nodes:
        for selection in node.selection_set.selections if node.selection_set else ():
            name = getattr(selection, "name", None)
            if name is None:  # a fragment
                return None
            names.add(name.value)
    return names


TEXT_FIELDS = {"name", "specs", "translations"}
PRICE_FIELDS = {"price", "priceBreaks"}
STOCK_FIELDS = {"availability", "stock"}


async def preload_variants(info: Info, rows: list[db.Variant]) -> list[VariantData]:
    """Loads only what the selection asks for (everything when it cannot tell)."""
    ctx = info.context
    ids = [r.id for r in rows]
    wanted = requested(info) if info.field_name == "variants" else None
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
