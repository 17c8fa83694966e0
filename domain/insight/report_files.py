"""Reports as files people open in Excel: CSV (UTF-8 with a byte order mark, so Chinese text
opens correctly) and XLSX (numbers stay numbers). Both hold the same table."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from domain.insight.margins import MARGIN_DIMENSIONS
from domain.insight.sales import Figures, SalesReport, SalesRow
from domain.shared.messages import message
from domain.shared.spreadsheet import to_cell

COLUMNS = (
    "key", "label", "revenue", "orders", "units", "average_order_value", "returned_units",
    "returns_rate",
)  # fmt: skip
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


MARGIN_COLUMNS = ("gross_margin", "costed_revenue", "gross_margin_rate")


def _figures(f: Figures) -> list:
    return [f.revenue, f.orders, f.units, f.average_order_value, f.returned_units,
            f.returns_rate]  # fmt: skip


def _margin(row: SalesRow) -> list:
    m = row.margin
    if m is None:
        return [None, None, None]
    rate = (
        (m.gross_margin / m.costed_revenue).quantize(Decimal("0.0001"))
        if m.costed_revenue
        else None
    )
    return [m.gross_margin, m.costed_revenue, rate]


def header(columns, language: str) -> list:
    return [message(f"insight.column.{c}", language) for c in columns]


def table(report: SalesReport, language: str) -> list[list]:
    """Header, one line per row, the total. Names are quoted so they never run as formulas.
    Gross margin columns follow where the report has them (callers who may read costs, by
    SKU, product or category)."""
    costed = report.query.margins and report.query.by in MARGIN_DIMENSIONS
    lines: list[list] = [header(COLUMNS + (MARGIN_COLUMNS if costed else ()), language)]
    for row in report.rows:
        margin = _margin(row) if costed else []
        lines.append([to_cell(row.key), to_cell(row.label), *_figures(row.figures), *margin])
    lines.append(["", message("insight.total", language), *_figures(report.total)])
    return lines


def to_csv(lines: list[list]) -> bytes:
    """UTF-8 with a byte order mark: Excel reads Chinese text right only with it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for line in lines:
        writer.writerow(["" if cell is None else cell for cell in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(lines: list[list], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])  # Excel's limit for a sheet name
    for line in lines:
        # Money and rates as Decimal would be written as text; Excel needs numbers to sum.
        sheet.append([float(c) if c is not None and not isinstance(c, str | int) else c
                      for c in line])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(kind: str, lines: list[list], title: str) -> bytes:
    return to_csv(lines) if kind == "csv" else to_xlsx(lines, title)


def sales_csv(report: SalesReport, language: str) -> bytes:
    return to_csv(table(report, language))


def sales_xlsx(report: SalesReport, language: str) -> bytes:
    return to_xlsx(table(report, language), f"{report.query.by} {report.query.start}")


def file_name(report: SalesReport, kind: str = "csv") -> str:
    q = report.query
    return f"sales-{q.by}-{q.start.isoformat()}-{q.end.isoformat()}.{kind}"
