"""Parameters of hand-written SQL, with the placeholder each database wants."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


class Params:
    """Collects a statement's parameters and writes each one's placeholder: `$1, $2…` for
    PostgreSQL, `?` for SQLite. SQLite's are positional, so build the text in the order the
    placeholders appear in it."""

    def __init__(self, dialect: str) -> None:
        self.values: list = []
        self.postgres = dialect == "postgres"

    def __call__(self, value) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"

    def many(self, values: Iterable) -> str:
        """Placeholders for each of these values, comma-separated (for `IN (…)`)."""
        return ", ".join(self(value) for value in values)


class Literals(Params):
    """Writes each value into the text as a PostgreSQL literal instead of a placeholder, for a
    statement sent in a simple query (several statements in one round trip, no parameters).
    Doubling the quotes is the whole escaping only with `standard_conforming_strings` on:
    whoever sends the text checks that (domain/shared/commit_with.py)."""

    def __init__(self) -> None:
        super().__init__("postgres")

    def __call__(self, value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(int(value))
        if isinstance(value, date):  # datetimes too
            value = value.isoformat()
        if not isinstance(value, str):
            raise TypeError(f"no literal for {type(value).__name__}")
        if "\x00" in value:
            raise ValueError("NUL in a literal")
        return "'" + value.replace("'", "''") + "'"
