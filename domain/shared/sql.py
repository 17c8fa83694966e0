"""Parameters for hand-written SQL that runs on both databases."""

from __future__ import annotations


class Params:
    """Collects parameters and writes the placeholder of the connection's dialect."""

    def __init__(self, dialect: str) -> None:
        self.values: list = []
        self.postgres = dialect == "postgres"

    def __call__(self, value) -> str:
        self.values.append(value)
        return f"${len(self.values)}" if self.postgres else "?"
