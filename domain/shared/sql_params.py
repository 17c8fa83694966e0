"""Parameters of hand-written SQL, with the placeholder each database wants."""

from __future__ import annotations

from collections.abc import Iterable


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
