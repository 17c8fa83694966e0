"""What shipment and backorder mutations return."""

from __future__ import annotations

import strawberry

from schema.fulfilment.types import Shipment
from schema.ordering.types import Order
from schema.shared.errors import StockError
from schema.shared.payload import Payload


@strawberry.type
class ShipmentPayload(Payload):
    shipment: Shipment | None = None


@strawberry.type
class ShipmentCreatePayload(Payload):
    errors: list[StockError] = strawberry.field(
        default_factory=list,
        description="Why nothing shipped, empty when it did: a plain refusal, or a line the "
        "warehouse does not hold enough of.",
    )
    shipment: Shipment | None = None


@strawberry.type
class OrderBackorderClosePayload(Payload):
    order: Order | None = None
