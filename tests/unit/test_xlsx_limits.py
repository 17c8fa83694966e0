"""An XLSX upload is a zip: one that unpacks to far more than any catalog is refused before
its XML is parsed."""

import io
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
