"""Text cells in CSV files that people open in Excel or LibreOffice.

A cell starting with = + - @ (or a tab or carriage return) runs as a formula there (OWASP: CSV
injection); a leading single quote makes it text again. The catalog file must import back
unchanged, so a cell that already starts with quotes before such a character gets one more,
and `from_cell` removes exactly one: the two are inverses."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_cell(value: str) -> str:
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def from_cell(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value
