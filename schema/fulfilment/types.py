"""Shipments as buyers and staff follow them."""

from __future__ import annotations

from datetime import datetime

import strawberry

from db import fulfilment as db
from domain.fulfilment.carriers import CARRIERS, tracking_url
from domain.shared.translations import pick_map
from schema.fulfilment.enums import ShipmentStatus
from schema.shared.info import Info


@strawberry.type
class TrackingEvent:
    """One tracking update of a shipment, from the carrier or staff."""

    occurred_at: datetime
    location: str
    description: str
    status: str


@strawberry.type
class ShipmentLine:
    """The quantity of one order line in a shipment."""

    sku: str
    quantity: int


@strawberry.type
class Shipment:
    """One shipment (发货单) of an order, possibly a part of it, with its tracking."""

    id: strawberry.ID
    number: str
    carrier: str
    tracking_number: str
    status: ShipmentStatus
    shipped_at: datetime | None
    delivered_at: datetime | None
    row: strawberry.Private[db.Shipment]

    @classmethod
    def from_db(cls, row: db.Shipment) -> Shipment:
        return cls(
            id=strawberry.ID(str(row.id)),
            number=row.number,
            carrier=row.carrier,
            tracking_number=row.tracking_number,
            status=ShipmentStatus(row.status),
            shipped_at=row.shipped_at,
            delivered_at=row.delivered_at,
            row=row,
        )

    @strawberry.field
    def carrier_name(self, info: Info) -> str:
        return pick_map(CARRIERS.get(self.carrier, {}).get("names"), info.context.language)

    @strawberry.field
    def tracking_url(self) -> str | None:
        return tracking_url(self.carrier, self.tracking_number)

    @strawberry.field
    async def lines(self, info: Info) -> list[ShipmentLine]:
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
