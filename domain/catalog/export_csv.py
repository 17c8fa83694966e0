"""Exporting the catalog CSV (format: domain.catalog.csv_format); it imports back unchanged."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from db.catalog import Category, Product, ProductTranslation, Variant, VariantTranslation
from db.inventory import StockLevel, Warehouse
from db.pricing import PriceListEntry
from domain.catalog.csv_format import COLUMNS
from domain.catalog.import_csv import LANGS, standard_tier_lists
from domain.shared.money import from_minor
from domain.shared.spreadsheet import to_cell
from domain.shared.translations import from_pairs


def _pairs(values: dict[str, str]) -> str:
    return ";".join(f"{k}={v}" for k, v in values.items())


async def export_csv() -> str:
    products = {p.id: p for p in await Product.all()}
    categories = dict(await Category.all().values_list("id", "slug"))
    product_texts = {(t.product_id, t.language): t for t in await ProductTranslation.all()}
    variant_texts = {(t.variant_id, t.language): t for t in await VariantTranslation.all()}
    warehouses = dict(await Warehouse.all().values_list("id", "code"))
    stock = defaultdict(dict)
    for level in await StockLevel.all().order_by("warehouse_id"):
        stock[level.variant_id][warehouses[level.warehouse_id]] = level.on_hand
    lists = await standard_tier_lists(set(), create=False)
    tier_of = {list_id: tier for tier, list_id in lists.items()}
    prices = defaultdict(lambda: defaultdict(list))
    for entry in await PriceListEntry.filter(price_list_id__in=list(tier_of)).order_by("min_qty"):
        prices[entry.variant_id][tier_of[entry.price_list_id]].append(entry)

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for v in await Variant.all().order_by("product_id", "position", "id"):
        p = products[v.product_id]
        texts = {short: product_texts.get((p.id, lang)) for lang, short in LANGS.items()}
        vtexts = {short: variant_texts.get((v.id, lang)) for lang, short in LANGS.items()}
        tier_prices = ";".join(
            f"{tier}:" + ",".join(f"{e.min_qty}={from_minor(e.unit_price)}" for e in entries)
            for tier, entries in sorted(prices[v.id].items())
        )
        writer.writerow([
            p.slug, categories.get(p.category_id, ""), p.status,
            to_cell(texts["zh"].name if texts["zh"] else ""),
            to_cell(texts["en"].name if texts["en"] else ""),
            to_cell(texts["zh"].description if texts["zh"] else ""),
            to_cell(texts["en"].description if texts["en"] else ""),
            v.sku, v.barcode or "", v.unit, v.pack_size,
            "" if v.weight_grams is None else v.weight_grams, from_minor(v.base_price),
            v.min_order_qty, v.order_multiple, "" if v.max_order_qty is None else v.max_order_qty,
            v.low_stock_threshold,
            to_cell(vtexts["zh"].name if vtexts["zh"] else ""),
            to_cell(vtexts["en"].name if vtexts["en"] else ""),
            _pairs(from_pairs(vtexts["zh"].specs)) if vtexts["zh"] else "",
            _pairs(from_pairs(vtexts["en"].specs)) if vtexts["en"] else "",
            tier_prices, _pairs(stock[v.id]),
        ])  # fmt: skip
    return out.getvalue()
