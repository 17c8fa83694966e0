"""Cells longer or larger than their column can hold answer a row error, never a database
failure (PostgreSQL's COPY refuses the whole block; SQLite stores what no other path lets in)."""

import csv
import io

import pytest

from db.inventory import Warehouse
from domain.catalog.csv_format import COLUMNS
from domain.catalog.import_csv import import_csv


def _csv(**cells: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(
        dict.fromkeys(COLUMNS, "") | {
            "product_slug": "long", "status": "published", "name_zh": "长", "sku": "L-1",
            "unit": "piece", "pack_size": "1", "base_price": "9.00", "min_order_qty": "1",
            "order_multiple": "1", "low_stock_threshold": "0",
        } | cells
    )  # fmt: skip
    return out.getvalue()


@pytest.mark.parametrize(
    "cells",
    [{"name_zh": "长" * 201}, {"name_en": "x" * 201}, {"variant_name_zh": "x" * 201},
     {"product_slug": "a" * 170}],
)  # fmt: skip
async def test_a_cell_too_long_for_its_column_is_a_row_error(db, cells):
    result = await import_csv(None, _csv(**cells))
    [column] = cells
    assert [(e.column, e.key) for e in result.errors] == [(column, "TOO_LONG")]
    assert result.errors[0].reason("en").startswith("Too long")


BIG = str(2**40)


@pytest.mark.parametrize(
    ("cells", "key"),
    [({"pack_size": BIG}, "INVALID"), ({"weight_grams": BIG}, "INVALID"),
     ({"low_stock_threshold": BIG}, "INVALID"), ({"min_order_qty": BIG}, "INVALID"),
     ({"max_order_qty": BIG}, "INVALID"), ({"order_multiple": BIG}, "INVALID"),
     ({"stock": "SH=" + BIG}, "INVALID"), ({"base_price": "1" + "0" * 20}, "INVALID_PRICE"),
     ({"tier_prices": "gold:1=" + "9" * 20}, "INVALID_PRICE"), ({"barcode": "9" * 65}, "TOO_LONG")],
)  # fmt: skip
async def test_a_number_or_barcode_too_large_for_its_column_is_a_row_error(db, cells, key):
    await Warehouse.create(code="SH", names={"en": "Shanghai"})
    result = await import_csv(None, _csv(**cells))
    [column] = cells
    assert [(e.column, e.key) for e in result.errors] == [(column, key)]
