"""What shipment and backorder mutations take."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.fulfilment.enums import TrackingStatus


@strawberry.input
class ShipmentLineInput:
    """A SKU of the order and how many units of it this shipment carries."""

    sku: str
    """The order line's SKU."""
    quantity: int
    """Units shipped; at most what remains to ship of the line."""


@strawberry.input
class ShipmentCreateInput:
    """What leaves which warehouse for which order, and with whom."""

    order_id: strawberry.ID
    """The order's global id."""
    warehouse_id: strawberry.ID
    """The global id of the warehouse the goods leave from."""
    lines: list[ShipmentLineInput]
    """The lines shipped now; the rest stays on backorder."""
    carrier: str
    """The carrier's code (`own` for the supplier's fleet)."""
    tracking_number: str = ""
    """The carrier's tracking number; required except for `own`."""


@strawberry.input
class ShipmentTrackingAddInput:
    """A tracking event staff report for a shipment."""

    shipment_id: strawberry.ID
    """The shipment's global id."""
    location: str
    """Where the shipment is."""
    description: str
    """What happened, as the buyer reads it."""
    status: TrackingStatus = TrackingStatus.IN_TRANSIT
    """DELIVERED marks the shipment delivered; EXCEPTION flags a problem."""
    occurred_at: datetime | None = None
    """When it happened; now when omitted."""


@strawberry.input
class ShipmentReceiveInput:
    """Which shipment the buyer signs for (签收)."""

    shipment_id: strawberry.ID
    """The shipment's global id."""


@strawberry.input
class OrderBackorderCloseInput:
    """Which order's unshipped rest will not ship (关闭欠货), and why."""

    id: strawberry.ID
    """The order's global id."""
    reason: str
    """Shown on the order's timeline."""
