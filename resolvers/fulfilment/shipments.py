"""Shipping orders, tracking and receipt."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain.fulfilment import ship as fulfilment
from domain.fulfilment.close_backorder import close_backorder
from domain.shared import clock
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import can
from schema.fulfilment.inputs import (
    OrderBackorderCloseInput,
    ShipmentCreateInput,
    ShipmentReceiveInput,
    ShipmentTrackingAddInput,
)
from schema.fulfilment.payloads import (
    OrderBackorderClosePayload,
    ShipmentCreatePayload,
    ShipmentPayload,
)
from schema.fulfilment.types import Shipment
from schema.ordering.types import Order
from schema.shared.payload import INPUT


async def _shipment(info: Info, work) -> tuple[Shipment | None, list]:
    row, errors = await attempt(info, work)
    return (Shipment.from_db(row) if row else None), errors


@strawberry.type
class FulfilmentMutation:
    @strawberry.mutation(extensions=can("shipmentCreate"))
    async def shipment_create(
        self, info: Info, input: Annotated[ShipmentCreateInput, INPUT]
    ) -> ShipmentCreatePayload:
        """Ship some or all of the order's remaining quantities from one warehouse; the rest
        stays on backorder for a later shipment."""
        ctx = info.context

        async def run():
            return await fulfilment.create(
                ctx.policies.fulfilment,
                ctx.actor,
                ids.decode(input.order_id, "Order", "orderId"),
                ids.decode(input.warehouse_id, "Warehouse", "warehouseId"),
                [fulfilment.ShipLine(x.sku, x.quantity) for x in input.lines],
                input.carrier,
                input.tracking_number,
            )

        shipment, errors = await _shipment(info, run())
        return ShipmentCreatePayload(shipment=shipment, errors=errors)

    @strawberry.mutation(extensions=can("shipmentTrackingAdd"))
    async def shipment_tracking_add(
        self, info: Info, input: Annotated[ShipmentTrackingAddInput, INPUT]
    ) -> ShipmentPayload:
        """Staff add a tracking event (for the own fleet, or a carrier without a webhook)."""

        async def run():
            sid = ids.decode(input.shipment_id, "Shipment", "shipmentId")
            shipment = await fulfilment.get(sid)
            when = input.occurred_at or clock.now()
            event = fulfilment.Tracking(
                f"staff-{when.isoformat()}",
                when,
                input.location,
                input.description,
                input.status.value,
            )
            await fulfilment.add_tracking(shipment, event, "staff")
            return await fulfilment.reload(shipment)

        row, errors = await attempt(info, run())
        return ShipmentPayload(shipment=Shipment.from_db(row) if row else None, errors=errors)

    @strawberry.mutation(extensions=can("shipmentReceive"))
    async def shipment_receive(
        self, info: Info, input: Annotated[ShipmentReceiveInput, INPUT]
    ) -> ShipmentPayload:
        """签收: the buyer confirms the shipment arrived."""
        work = fulfilment.receive(
            info.context.actor,
            ids.decode(input.shipment_id, "Shipment", "shipmentId"),
        )
        shipment, errors = await _shipment(info, work)
        return ShipmentPayload(shipment=shipment, errors=errors)

    @strawberry.mutation(extensions=can("orderBackorderClose"))
    async def order_backorder_close(
        self, info: Info, input: Annotated[OrderBackorderCloseInput, INPUT]
    ) -> OrderBackorderClosePayload:
        """关闭欠货: the unshipped rest of a partly shipped order will not ship. Its stock is
        released and the order counts as shipped. The total stays as ordered: settle the
        closed rest with a refund or credit note."""
        ctx = info.context

        async def run():
            order_id = ids.decode(input.id, "Order", "id")
            return await close_backorder(ctx.actor, order_id, input.reason)

        row, errors = await attempt(info, run())
        return OrderBackorderClosePayload(
            order=Order.from_db(info, row) if row else None, errors=errors
        )
