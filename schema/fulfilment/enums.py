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


@strawberry.enum(description="What staff can report of a shipment on its way.")
class TrackingStatus(StrEnum):
    IN_TRANSIT = "in_transit"
    """On its way."""
    OUT_FOR_DELIVERY = "out_for_delivery"
    """With the driver for delivery today."""
    DELIVERED = "delivered"
    """Handed over: the shipment counts as delivered."""
    EXCEPTION = "exception"
    """A problem on the way (failed delivery, damage); the shipment shows an exception."""
