"""What inventory mutations take."""

from __future__ import annotations

import strawberry

from schema.catalog.inputs import NameInput


@strawberry.input
class WarehouseCreateInput:
    """A new warehouse: its code and names."""

    code: str
    """Unique; upper-cased."""
    names: list[NameInput]
    """Its name in each language."""


@strawberry.input
class StockAdjustInput:
    """A counted correction of one variant's stock in one warehouse."""

    variant_id: strawberry.ID
    """The variant's global id."""
    warehouse_id: strawberry.ID
    """The warehouse's global id."""
    delta: int
    """Units received (positive) or written off (negative); never 0."""
    reason: str
    """Why, for the stock ledger and the audit log."""
