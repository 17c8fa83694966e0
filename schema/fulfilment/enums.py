"""Closed sets of shipments."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="Where a shipment stands.")
class ShipmentStatus(StrEnum):
    PACKED = "packed"
    """Packed, not yet handed to the carrier."""
    SHIPPED = "shipped"
    """Handed to the carrier, on its way."""
    DELIVERED = "delivered"
    """Arrived: signed for by the buyer or reported delivered by the carrier."""
    EXCEPTION = "exception"
    """The carrier reported a problem (failed delivery, returned to sender)."""
