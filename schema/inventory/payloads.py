"""What inventory mutations answer."""

from __future__ import annotations

import strawberry

from schema.inventory.types import StockLevel, Warehouse
from schema.shared.errors import StockError
from schema.shared.payload import Payload


@strawberry.type
class WarehousePayload(Payload):
    warehouse: Warehouse | None = None
    """The new warehouse; null when nothing was created."""


@strawberry.type
class StockAdjustPayload(Payload):
    errors: list[StockError] = strawberry.field(
        default_factory=list,
        description="Why nothing changed (a write-off of stock that is reserved or not there, "
        "or a plain refusal); empty when it succeeded.",
    )
    stock_level: StockLevel | None = None
    """The variant's stock in the warehouse after the change."""
