"""Shipments as buyers and staff follow them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from db import fulfilment as db
from domain.shared.translations import pick_map
from schema.fulfilment.enums import ShipmentStatus
from schema.shared import links
from schema.shared.info import Info

if TYPE_CHECKING:
    from schema.ordering.types import Order


@strawberry.type
class TrackingEvent:
    """One tracking update of a shipment, from the carrier or staff."""

    occurred_at: datetime
    """When it happened, as the carrier or staff reported it."""
    location: str
    """Where it happened; may be empty."""
    description: str
    """What happened, as the carrier or staff wrote it."""
    status: str
    """The status as the carrier sent it (in_transit, out_for_delivery, delivered, signed,
    exception, failed_delivery, returned_to_sender, or a carrier's own): kept as text because
    carriers add their own."""


@strawberry.type
class ShipmentLine:
    """The quantity of one order line in a shipment."""

    sku: str
    """The SKU shipped."""
    quantity: int
    """Units of it in this shipment."""


@strawberry.type
class Shipment(relay.Node):
    """One shipment (发货单) of an order, possibly a part of it, with its tracking."""

    id: relay.NodeID[int]
    number: str
    """The shipment number people use."""
    carrier: str
    """The carrier's code: sf, jd, zto, own (the supplier's fleet) or one from the CARRIERS
    setting; text, because operators add carriers."""
    tracking_number: str
    """The carrier's tracking number (运单号); may be empty."""
    status: ShipmentStatus
    """Where the shipment stands."""
    shipped_at: datetime | None
    """When it left the warehouse; null while packed."""
    delivered_at: datetime | None
    """When it arrived; null before."""
    row: strawberry.Private[db.Shipment]

    @classmethod
    def from_db(cls, row: db.Shipment) -> Shipment:
        return cls(
            id=row.id,
            number=row.number,
            carrier=row.carrier,
            tracking_number=row.tracking_number,
            status=ShipmentStatus(row.status),
            shipped_at=row.shipped_at,
            delivered_at=row.delivered_at,
            row=row,
        )

    @strawberry.field(description="The order shipped.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")]:  # noqa: UP037
        return await links.order(info, self.row.order_id)

    @strawberry.field
    def carrier_name(self, info: Info) -> str:
        """The carrier's name in the viewer's language."""
        names = info.context.policies.fulfilment.names(self.carrier)
        return pick_map(names, info.context.language)

    @strawberry.field
    def tracking_url(self, info: Info) -> str | None:
        """The carrier's tracking page for this shipment; null when the carrier has none."""
        return info.context.policies.fulfilment.tracking_url(self.carrier, self.tracking_number)

    @strawberry.field
    async def lines(self, info: Info) -> list[ShipmentLine]:
        """What is in the shipment."""
        loaders = info.context.loaders.orders
        rows = await loaders.shipment_lines.load(self.row.id)
        order_lines = await loaders.order_line_by_id.load_many([r.order_line_id for r in rows])
        return [
            ShipmentLine(sku=line.sku, quantity=r.quantity)
            for r, line in zip(rows, order_lines, strict=True)
        ]

    @strawberry.field(description="Oldest first.")
    async def tracking(self, info: Info) -> list[TrackingEvent]:
        rows = await info.context.loaders.orders.tracking.load(self.row.id)
        return [
            TrackingEvent(
                occurred_at=r.occurred_at,
                location=r.location,
                description=r.description,
                status=r.status,
            )
            for r in rows
        ]
