"""The catalog as an XLSX workbook: the CSV format's columns and rules (csv_format), one
worksheet, one row per variant. Every cell is written as text, so SKUs and barcodes keep their
leading zeros and prices their exact digits; numbers typed into a cell in Excel read back as
the text they show."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from domain.catalog.csv_format import Parsed, RowError, UnreadableFile, parse_records

SHEET = "catalog"

# An XLSX is a zip: a small upload can unpack to gigabytes of XML (a zip bomb). A real catalog
# unpacks to a few times its upload; zipfile never reads past the sizes it checks here.
MAX_UNPACKED_BYTES = 64_000_000
# A worksheet declares its own size, and read-only mode pads every row to it: a few bytes that
# declare 16,384 columns and a million rows cost minutes. Read at most this much, whatever it says.
MAX_COLUMNS = 64  # the CSV format has 23
MAX_ROWS = 50_000


def from_csv(text: str) -> bytes:
    """The exported CSV's rows as a workbook."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = SHEET
    for values in csv.reader(io.StringIO(text)):
        sheet.append(values)
    for row in sheet.iter_rows():
        for cell in row:
            # Text, never a formula, whatever the cell starts with.
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def parse(raw: bytes) -> Parsed:
    """The first worksheet's rows: a header row with the CSV's column names, then one row
    per variant; blank rows are skipped and errors name the worksheet's row numbers."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile("not an XLSX workbook") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableFile("the workbook unpacks to too much data")
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile("not an XLSX workbook") from exc
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
        header = [_text(v).strip() for v in next(rows, ())]
        records = []
        for line, values in enumerate(rows, start=2):
            if line > MAX_ROWS:
                error = RowError(line, "", "import.too_many_rows", {"max": MAX_ROWS})
                return Parsed(errors=[error])
            cells = [_text(v) for v in values]
            if any(c.strip() for c in cells):
                records.append((line, dict(zip(header, cells, strict=False))))
        return parse_records(header, records)
    finally:
        book.close()
