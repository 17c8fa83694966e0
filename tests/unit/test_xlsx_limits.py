"""An XLSX upload is a zip: one that unpacks to far more than any catalog is refused before
its XML is parsed."""

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook

from domain.catalog import xlsx_format
from domain.catalog.csv_format import COLUMNS, UnreadableFile


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(COLUMNS)
    plain = io.BytesIO()
    book.save(plain)
    bomb = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                # Whitespace between rows: valid XML that deflates about a thousandfold.
                data = data.replace(b"</row>", b"</row>" + b" " * xlsx_format.MAX_UNPACKED_BYTES)
            out.writestr(item, data, zipfile.ZIP_DEFLATED)
    raw = bomb.getvalue()
    assert len(raw) < 1_000_000  # fits in one request body

    started = time.monotonic()
    with pytest.raises(UnreadableFile):
        xlsx_format.parse(raw)
    assert time.monotonic() - started < 1


def test_a_workbook_that_is_not_a_zip_is_unreadable():
    with pytest.raises(UnreadableFile):
        xlsx_format.parse(b"PK\x03\x04 not really")


def _with_sheet(edit) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(COLUMNS)
    plain, out = io.BytesIO(), io.BytesIO()
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            dst.writestr(item, data)
    return out.getvalue()


def test_a_declared_size_of_millions_of_cells_is_not_read():
    # Five kilobytes that claim 16,384 columns and a million rows, with one cell at the end.
    last = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    raw = _with_sheet(
        lambda data: re.sub(
            rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', data
        ).replace(b"</sheetData>", last + b"</sheetData>")
    )
    assert len(raw) < 10_000

    started = time.monotonic()
    parsed = xlsx_format.parse(raw)

    assert time.monotonic() - started < 5
    assert [(e.key, e.params) for e in parsed.errors] == [
        ("import.too_many_rows", {"max": xlsx_format.MAX_ROWS})
    ]
