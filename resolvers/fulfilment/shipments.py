"""Shipping orders, tracking and receipt."""

from __future__ import annotations

from datetime import datetime

import strawberry

from db.orders import Order as OrderRow
from domain.fulfilment import ship as fulfilment
from domain.fulfilment.close_backorder import close_backorder
from domain.shared import clock
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from resolvers.ordering.events import publish
from resolvers.ordering.orders import OrderLineInput, OrderPayload
from schema.fulfilment.types import Shipment
from schema.ordering.types import Order
from schema.shared.payload import Payload


@strawberry.type
class ShipmentPayload(Payload):
    shipment: Shipment | None = None


async def _payload(info: Info, work, kind: str) -> ShipmentPayload:
    row, errors = await attempt(info, work)
    if row is not None:
        await publish(info, await OrderRow.get(id=row.order_id), kind)
    return ShipmentPayload(shipment=Shipment.from_db(row) if row else None, errors=errors)


def _steps(info: Info) -> list[str]:
    return info.context.settings.review_steps()


@strawberry.type
class FulfilmentMutation:
    @strawberry.mutation(extensions=can("shipmentCreate"))
    async def shipment_create(
        self,
        info: Info,
        order_id: strawberry.ID,
        warehouse_id: strawberry.ID,
        lines: list[OrderLineInput],
        carrier: str,
        tracking_number: str = "",
    ) -> ShipmentPayload:
        """Ship some or all of the order's remaining quantities from one warehouse; the rest
        stays on backorder for a later shipment."""
        ctx = info.context

        async def run():
            return await fulfilment.create(
                ctx.actor,
                ids.decode(order_id, "Order", "orderId"),
                ids.decode(warehouse_id, "Warehouse", "warehouseId"),
                [fulfilment.ShipLine(x.sku, x.quantity) for x in lines],
                carrier,
                tracking_number,
                ctx.settings.review_steps(),
            )

        return await _payload(info, run(), "shipped")

    @strawberry.mutation(extensions=can("shipmentTrackingAdd"))
    async def shipment_tracking_add(
        self,
        info: Info,
        shipment_id: strawberry.ID,
        location: str,
        description: str,
        status: str = "in_transit",
        occurred_at: datetime | None = None,
    ) -> ShipmentPayload:
        """Staff add a tracking event (for the own fleet, or a carrier without a webhook)."""
        ctx = info.context
        outcome = "tracking"

        async def run():
            nonlocal outcome
            shipment = await fulfilment.get(ids.decode(shipment_id, "Shipment", "shipmentId"))
            when = occurred_at or clock.now()
            event = fulfilment.Tracking(
                f"staff-{when.isoformat()}", when, location, description, status
            )
            steps = ctx.settings.review_steps()
            outcome = await fulfilment.add_tracking(shipment, event, "staff", steps) or outcome
            return await fulfilment.reload(shipment)

        row, errors = await attempt(info, run())
        if row is not None:  # published as the carrier webhook publishes the same event
            await publish(info, await OrderRow.get(id=row.order_id), outcome)
        return ShipmentPayload(shipment=Shipment.from_db(row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("shipmentReceive"))
    async def shipment_receive(self, info: Info, shipment_id: strawberry.ID) -> ShipmentPayload:
        """签收: the buyer confirms the shipment arrived."""
        ctx = info.context
        return await _payload(
            info,
            fulfilment.receive(
                ctx.actor,
                ids.decode(shipment_id, "Shipment", "shipmentId"),
                ctx.settings.review_steps(),
            ),
            "delivered",
        )

    @strawberry.mutation(extensions=can("orderBackorderClose"))
    async def order_backorder_close(
        self, info: Info, id: strawberry.ID, reason: str
    ) -> OrderPayload:
        """关闭欠货: the unshipped rest of a partly shipped order will not ship. Its stock is
        released and the order counts as shipped. The total stays as ordered: settle the
        closed rest with a refund or credit note."""
        ctx = info.context

        async def run():
            order_id = ids.decode(id, "Order", "id")
            return await close_backorder(ctx.actor, order_id, reason, _steps(info))

        row, errors = await attempt(info, run())
        if row is not None:
            await publish(info, row, "close_backorder")
        return OrderPayload(order=Order.from_db(info, row) if row else None, errors=errors)
