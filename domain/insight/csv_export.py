"""Reports as CSV: UTF-8 with a byte order mark, so that Excel opens Chinese text correctly."""

from __future__ import annotations

import csv
import io

from domain.insight.sales import SalesReport
from domain.shared.messages import message
from domain.shared.spreadsheet import to_cell

COLUMNS = ("key", "label", "revenue", "orders", "units", "average_order_value")


def sales_csv(report: SalesReport, language: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([message(f"insight.column.{c}", language) for c in COLUMNS])
    for row in report.rows:
        f = row.figures
        key, label = to_cell(row.key), to_cell(row.label)
        writer.writerow([key, label, f.revenue, f.orders, f.units, f.average_order_value])
    t = report.total
    writer.writerow(
        ["", message("insight.total", language), t.revenue, t.orders, t.units,
         t.average_order_value]
    )  # fmt: skip
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def file_name(report: SalesReport) -> str:
    q = report.query
    return f"sales-{q.by}-{q.start.isoformat()}-{q.end.isoformat()}.csv"
