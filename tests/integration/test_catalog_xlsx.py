"""Catalog XLSX: the CSV's columns and rules in a workbook; Chinese text, leading zeros and
formula-like names survive the round trip; Excel's numbers read as the text they show."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from db.catalog import Product, Variant
from domain.catalog import export_csv as catalog_export
from domain.catalog import xlsx_format
from domain.catalog.csv_format import COLUMNS, UnreadableFile
from domain.catalog.import_csv import import_parsed
from tests.integration.test_catalog_csv import row, setup, sheet

__all__ = ["setup"]  # the fixture, shared with the CSV tests


def workbook(*rows: list) -> bytes:
    """A workbook as someone fills it in Excel: numbers typed as numbers."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    for values in rows:
        ws.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_export_and_import_round_trip_with_chinese_text(setup):
    text = sheet(
        row(),
        row(product_slug="zero", sku="00123", barcode="06901234567890", name_zh="=零度可乐"),
    )
    first = await import_parsed(None, xlsx_format.parse(xlsx_format.from_csv(text)))
    exported = xlsx_format.from_csv(await catalog_export.export_csv())

    cells = [[c.value for c in r] for r in load_workbook(io.BytesIO(exported)).active.iter_rows()]
    again = await import_parsed(None, xlsx_format.parse(exported))

    assert first.errors == [] and (first.products_created, first.variants_created) == (2, 2)
    assert cells[0] == COLUMNS
    assert "可乐" in cells[1] and "330毫升×24罐" in cells[1]
    assert await Variant.filter(sku="00123", barcode="06901234567890").exists()
    # A name that looks like a formula is text in the workbook, never a formula.
    assert all(not str(v).startswith("=") for r in cells for v in r if v is not None)
    assert again.errors == [] and (again.products_created, again.variants_created) == (0, 0)
    assert await catalog_export.export_csv() == text.replace("=零度可乐", "'=零度可乐")


async def test_numbers_typed_in_excel_import_as_the_text_they_show(setup):
    values = row(sku="SPRITE-330")
    typed = {**values, "pack_size": 24, "base_price": 48.5, "barcode": 6901234567891,
             "weight_grams": 8400.0, "low_stock_threshold": 5}  # fmt: skip

    result = await import_parsed(
        None, xlsx_format.parse(workbook(COLUMNS, [typed[c] for c in COLUMNS]))
    )

    assert result.errors == []
    sprite = await Variant.get(sku="SPRITE-330")
    assert (sprite.base_price, sprite.pack_size, sprite.barcode) == (4850, 24, "6901234567891")
    assert sprite.weight_grams == 8400


async def test_bad_rows_name_the_worksheet_row_and_nothing_is_written(setup):
    good, bad = row(), row(sku="B1", base_price="abc")
    content = workbook(COLUMNS, [good[c] for c in COLUMNS], [None] * 3, [bad[c] for c in COLUMNS])

    result = await import_parsed(None, xlsx_format.parse(content))

    assert [(e.line, e.column) for e in result.errors] == [(4, "base_price")]
    assert await Product.all().count() == 0


@pytest.mark.parametrize(
    "content", [b"product_slug,sku\n", b"PK\x03\x04 broken zip", "可乐".encode("gb18030")]
)
def test_a_file_that_is_not_a_workbook_is_refused_plainly(content):
    with pytest.raises(UnreadableFile, match="XLSX"):
        xlsx_format.parse(content)
