"""Reports as files people open in Excel: CSV (UTF-8 with a byte order mark, so Chinese text
opens correctly) and XLSX (numbers stay numbers). Both hold the same table."""

from __future__ import annotations

import csv
import io

from domain.insight.sales import Figures, SalesReport
from domain.shared.messages import message
from domain.shared.spreadsheet import to_cell

COLUMNS = (
    "key", "label", "revenue", "orders", "units", "average_order_value", "returned_units",
    "returns_rate",
)  # fmt: skip
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def _figures(f: Figures) -> list:
    return [f.revenue, f.orders, f.units, f.average_order_value, f.returned_units,
            f.returns_rate]  # fmt: skip


def table(report: SalesReport, language: str) -> list[list]:
    """Header, one line per row, the total. Names are quoted so they never run as formulas."""
    lines: list[list] = [[message(f"insight.column.{c}", language) for c in COLUMNS]]
    for row in report.rows:
        lines.append([to_cell(row.key), to_cell(row.label), *_figures(row.figures)])
    lines.append(["", message("insight.total", language), *_figures(report.total)])
    return lines


def sales_csv(report: SalesReport, language: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in table(report, language):
        writer.writerow(["" if cell is None else cell for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sales_xlsx(report: SalesReport, language: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"{report.query.by} {report.query.start}")
    for line in table(report, language):
        # Money and rates as Decimal would be written as text; Excel needs numbers to sum.
        sheet.append([float(c) if c is not None and not isinstance(c, str | int) else c
                      for c in line])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(report: SalesReport, kind: str = "csv") -> str:
    q = report.query
    return f"sales-{q.by}-{q.start.isoformat()}-{q.end.isoformat()}.{kind}"
