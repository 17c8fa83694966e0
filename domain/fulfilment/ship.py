"""Shipping confirmed orders, in parts if need be, and following them to delivery.

A line never ships more than was ordered (one conditional update on its shipped quantity);
shipping turns the order's reserved stock into shipped stock in the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.fulfilment import Shipment, ShipmentLine, TrackingEvent
from db.inventory import Warehouse
from db.invoices import DocumentCounter
from db.orders import Order, OrderLine, OrderReservation
from domain.accounts.permissions import Principal
from domain.fulfilment.policy import FulfilmentPolicy
from domain.inventory import stock as inventory
from domain.inventory.holds import lock_levels
from domain.ordering import states as order_states
from domain.ordering.actions import visible_order
from domain.ordering.lines import stocked_variant_id
from domain.payments.states import SETTLED
from domain.shared import after_commit, audit, clock, validation
from domain.shared.counters import next_value
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.machine import Machine, move


class ShipmentStatus(StrEnum):
    SHIPPED = "shipped"  # a shipment is created when it leaves the warehouse
    EXCEPTION = "exception"  # the carrier reported a problem; it may still arrive
    DELIVERED = "delivered"


MACHINE = Machine(
    "shipment",
    ShipmentStatus,
    {
        (ShipmentStatus.SHIPPED, "flag_exception"): ShipmentStatus.EXCEPTION,
        (ShipmentStatus.SHIPPED, "deliver"): ShipmentStatus.DELIVERED,
        (ShipmentStatus.EXCEPTION, "deliver"): ShipmentStatus.DELIVERED,
    },
)
SHIPPABLE = {order_states.CONFIRMED, order_states.PROCESSING, order_states.PARTIALLY_SHIPPED}


@dataclass
class ShipLine:
    sku: str
    quantity: int


async def _take_reservation(line: OrderLine, warehouse_id: int, quantity: int, ref: str) -> None:
    """Ship from the chosen warehouse: use the line's reservation there first; stock reserved
    elsewhere is released and reserved here instead."""
    variant_id = stocked_variant_id(line)
    need = quantity
    for held in await OrderReservation.filter(line_id=line.id).order_by("id"):
        if need == 0:
            break
        take = min(held.quantity, need)
        if held.warehouse_id != warehouse_id:
            await inventory.release(variant_id, held.warehouse_id, take, ref)
            await inventory.reserve(variant_id, warehouse_id, take, ref)
        if take == held.quantity:
            await held.delete()
        else:
            await OrderReservation.filter(id=held.id).update(quantity=held.quantity - take)
        need -= take
    if need:
        await inventory.reserve(variant_id, warehouse_id, need, ref)
    await inventory.ship(variant_id, warehouse_id, quantity, ref)


async def create(
    policy: FulfilmentPolicy,
    actor: Principal,
    order_id: int,
    warehouse_id: int,
    lines: list[ShipLine],
    carrier: str,
    tracking_number: str,
) -> Shipment:
    """Pack and ship some or all of an order's remaining quantities from one warehouse."""
    order = await visible_order(actor, order_id)
    if carrier not in policy.carriers:
        raise DomainError(ErrorCode.INVALID, "carrier")
    tracking_number = validation.text(tracking_number, "trackingNumber", 64, carrier != "own")
    if not lines or any(x.quantity < 1 for x in lines):
        raise DomainError(ErrorCode.INVALID_QUANTITY, "lines")
    if not await Warehouse.exists(id=warehouse_id):
        raise DomainError(ErrorCode.NOT_FOUND, "warehouseId")
    async with in_transaction():
        order = await Order.select_for_update().get(id=order.id)
        if order.status not in SHIPPABLE:
            raise DomainError(ErrorCode.INVALID_STATE, "orderId", status=order.status)
        by_sku = {x.sku: x for x in await OrderLine.filter(order_id=order.id)}
        # Stock rows in the one order every path takes them (domain.inventory.holds).
        await lock_levels(x.variant_id for x in by_sku.values() if x.variant_id)
        number = (
            f"SH{order.number[2:]}-{await next_value(DocumentCounter, 'key', order.number):02d}"
        )
        shipment = await Shipment.create(
            number=number,
            order=order,
            warehouse_id=warehouse_id,
            carrier=carrier,
            tracking_number=tracking_number,
            status=ShipmentStatus.SHIPPED.value,
            created_by_id=actor.user_id,
            shipped_at=clock.now(),
        )
        for i, item in enumerate(lines):
            line = by_sku.get(item.sku.strip().upper())
            if line is None:
                raise DomainError(ErrorCode.NOT_FOUND, f"lines.{i}.sku", sku=item.sku)
            fits = await OrderLine.filter(
                id=line.id,
                shipped_quantity__lte=line.quantity - line.closed_quantity - item.quantity,
            ).update(shipped_quantity=F("shipped_quantity") + item.quantity)
            if not fits:
                raise DomainError(
                    ErrorCode.OVER_SHIPMENT,
                    f"lines.{i}.quantity",
                    sku=line.sku,
                    remaining=line.quantity - line.closed_quantity - line.shipped_quantity,
                )
            try:
                await _take_reservation(line, warehouse_id, item.quantity, number)
            except DomainError as e:  # the stock rules name no line; the client needs which
                if e.code is not ErrorCode.INSUFFICIENT_STOCK:
                    raise
                raise DomainError(e.code, f"lines.{i}.quantity", **e.params) from e
            await ShipmentLine.create(shipment=shipment, order_line=line, quantity=item.quantity)
        # The shipment first, then the order's move (ship_part or ship_all) it causes.
        _announce(order, "shipped")
        await _advance(order, actor)
    return shipment


def _announce(order: Order, kind: str) -> None:
    after_commit.queue({"orderId": order.id, "companyId": order.company_id, "kind": kind})


async def _advance(order: Order, actor: Principal | None) -> None:
    """Move the order along after a shipment: partly or fully shipped."""
    lines = await OrderLine.filter(order_id=order.id)
    complete = all(x.shipped_quantity + x.closed_quantity >= x.quantity for x in lines)
    await order_states.apply(order, "ship_all" if complete else "ship_part", actor)
    await Order.filter(id=order.id).update(
        fulfilment_status="shipped" if complete else "partially_shipped"
    )


# What a carrier's status means for the shipment. Carriers send many more (picked_up,
# out_for_delivery, customs, anything new): those are stored as sent and change nothing.
DELIVERED_STATUSES = {"delivered", "signed"}
EXCEPTION_STATUSES = {"exception", "failed_delivery", "returned_to_sender"}
# What staff may pick when they add an event by hand.
STAFF_STATUSES = ("in_transit", "out_for_delivery", "delivered", "exception")
STATUS_LENGTH = 64


@dataclass
class Tracking:
    external_id: str
    occurred_at: datetime
    location: str
    description: str
    status: str = "in_transit"  # as the carrier sent it; see DELIVERED_STATUSES and others


async def add_tracking(shipment: Shipment, event: Tracking, source: str) -> str | None:
    """Store an event once; a delivered or exception event moves the shipment. Returns None
    when the event was already stored, "delivered" when it delivered the shipment, otherwise
    "tracking"."""
    raw = event.status.strip()[:STATUS_LENGTH] or "in_transit"
    status = raw.lower()
    if source == "staff" and status not in STAFF_STATUSES:
        raise DomainError(ErrorCode.INVALID, "status")
    async with in_transaction():
        try:
            async with in_transaction():
                await TrackingEvent.create(
                    shipment=shipment,
                    external_id=event.external_id,
                    occurred_at=event.occurred_at,
                    location=event.location[:200],
                    description=event.description,
                    status=raw,
                    source=source,
                )
        except IntegrityError:
            return None
        if status in EXCEPTION_STATUSES:
            await _try_move(shipment, "flag_exception", None, {})
        if status in DELIVERED_STATUSES and await mark_delivered(shipment, None):
            return "delivered"
        _announce(await order_of(shipment), "tracking")
    return "tracking"


async def mark_delivered(shipment: Shipment, actor: Principal | None) -> bool:
    """签收: the shipment arrived. When every line has shipped and arrived, so has the order;
    a delivered order that is also paid is completed. False when it had arrived already."""
    if not await _try_move(shipment, "deliver", actor, {"delivered_at": clock.now()}):
        return False
    order = await Order.get(id=shipment.order_id)
    _announce(order, "delivered")  # before the order's own deliver and complete
    pending = await Shipment.filter(order_id=order.id).exclude(status="delivered").exists()
    if order.status == order_states.SHIPPED and not pending:
        await order_states.apply(order, "deliver", actor)
        await Order.filter(id=order.id).update(fulfilment_status="delivered")
        await complete_if_settled(order.id)
    return True


async def _try_move(shipment: Shipment, action: str, actor: Principal | None, changes) -> bool:
    """Move the shipment if its status (read now) allows: False when it does not, or when a
    concurrent event moved it first (a repeated or late carrier event changes nothing)."""
    row = await Shipment.get_or_none(id=shipment.id)
    if row is None or not MACHINE.allows(row.status, action):
        return False

    async def record(before: ShipmentStatus, to: ShipmentStatus) -> None:
        await audit.record(
            actor, f"shipment.{action}", shipment, {"status": before.value}, {"status": to.value}
        )

    try:
        await move(MACHINE, Shipment.filter(id=shipment.id), row.status, action,
                   changes=changes, record=record)  # fmt: skip
    except DomainError:
        return False
    return True


async def complete_if_settled(order_id: int) -> None:
    order = await Order.get(id=order_id)
    if order.status == order_states.DELIVERED and order.payment_status in SETTLED:
        await order_states.apply(order, "complete", None)


async def receive(actor: Principal, shipment_id: int) -> Shipment:
    """The buyer confirms receipt (签收)."""
    shipment = await Shipment.get_or_none(id=shipment_id)
    if shipment is None:
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    await visible_order(actor, shipment.order_id)
    if not MACHINE.allows(shipment.status, "deliver"):
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=shipment.status)
    async with in_transaction():
        await mark_delivered(shipment, actor)
    return await Shipment.get(id=shipment.id)


async def by_tracking(carrier: str, tracking_number: str) -> list[Shipment]:
    """The shipments a carrier's number stands for. Numbers are unique per carrier only for a
    while (carriers reuse them, staff may enter one twice): events go to every such shipment
    still on its way, or to the newest one when all have arrived (stored, changing nothing)."""
    found = await Shipment.filter(carrier=carrier, tracking_number=tracking_number).order_by("-id")
    on_the_way = [s for s in found if s.status != "delivered"]
    return on_the_way or found[:1]


async def order_of(shipment: Shipment) -> Order:
    return await Order.get(id=shipment.order_id)


async def reload(shipment: Shipment) -> Shipment:
    return await Shipment.get(id=shipment.id)


async def get(shipment_id: int) -> Shipment:
    shipment = await Shipment.get_or_none(id=shipment_id)
    if shipment is None:
        raise DomainError(ErrorCode.NOT_FOUND, "shipmentId")
    return shipment
