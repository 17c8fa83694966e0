"""Closing a backorder (关闭欠货): the unshipped rest of a partly shipped order will not ship.

Its reserved stock goes back to available (inventory release, with the ledger), each line
records how much was closed, and the order moves on as if the last shipment had gone: shipped,
or delivered (and completed when paid) when everything that did ship has arrived.

Money: the order charges only what will be delivered. Each line's total drops to its price
times what was not closed, the order's total follows, and settlement re-derives the invoice
amount, the amount due and the credit held. Whatever was paid beyond that shows as overpaid and
is refunded by finance."""

from __future__ import annotations

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.fulfilment import Shipment
from db.orders import Order, OrderLine, OrderReservation
from domain.accounts.permissions import Principal
from domain.billing import settlement
from domain.fulfilment.ship import complete_if_settled
from domain.insight import rollup
from domain.inventory import stock as inventory
from domain.inventory.holds import lock_levels
from domain.ordering import states as order_states
from domain.ordering.actions import visible_order
from domain.shared import validation
from domain.shared.errors import DomainError, ErrorCode


async def _release(line: OrderLine, order: Order, actor: Principal) -> None:
    """Give back what the line still holds. Each reservation row is removed by a conditional
    delete first, so a concurrent shipment cannot also use it."""
    for held in await OrderReservation.filter(line_id=line.id):
        taken = await OrderReservation.filter(id=held.id, quantity=held.quantity).delete()
        if not taken:
            raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
        if line.variant_id is not None:
            await inventory.release(
                line.variant_id, held.warehouse_id, held.quantity, order.number, actor
            )


async def close_backorder(actor: Principal, order_id: int, reason: str) -> Order:
    order = await visible_order(actor, order_id)
    if not actor.is_staff:
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    reason = validation.text(reason, "reason", 1000)
    async with in_transaction():
        order = await Order.select_for_update().get(id=order.id)
        if order.status != order_states.PARTIALLY_SHIPPED:
            raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
        closed: dict[str, int] = {}
        lines = await OrderLine.filter(order_id=order.id).order_by("id")
        # Stock rows in the one order every path takes them (domain.inventory.holds).
        await lock_levels(line.variant_id for line in lines if line.variant_id)
        for line in lines:
            rest = line.quantity - line.shipped_quantity - line.closed_quantity
            if rest <= 0:
                continue
            # Conditional on what was read: a shipment of this line in between refuses the close.
            changed = await OrderLine.filter(
                id=line.id,
                shipped_quantity=line.shipped_quantity,
                closed_quantity=line.closed_quantity,
            ).update(closed_quantity=F("closed_quantity") + rest)
            if not changed:
                raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
            await _release(line, order, actor)
            closed[line.sku] = rest
            kept = line.quantity - line.closed_quantity - rest
            await OrderLine.filter(id=line.id).update(line_total=line.unit_price * kept)
        if closed:
            lines = await OrderLine.filter(order_id=order.id).values("line_total")
            total = sum(line["line_total"] for line in lines)
            await Order.filter(id=order.id).update(subtotal=total, total=total)
        data = {"reason": reason, "closed": closed}
        await order_states.apply(order, "close_backorder", actor, data)
        if closed:
            # Settled after the move, so its timeline and subscribers show the close first and
            # then the payment status it changed (as for a cancellation).
            await settlement.settle(order.id, actor.email)
        await Order.filter(id=order.id).update(fulfilment_status="shipped")
        if not await Shipment.filter(order_id=order.id).exclude(status="delivered").exists():
            await order_states.apply(order, "deliver", actor)
            await Order.filter(id=order.id).update(fulfilment_status="delivered")
            await complete_if_settled(order.id)
        await rollup.refresh(order.id)
    return await Order.get(id=order.id)
