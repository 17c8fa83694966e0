"""Returns (退换货): requested for delivered lines, approved or rejected by staff, received
(restocked or scrapped per line), then resolved by a refund or a replacement order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from db.accounts import User
from db.after_sales import ReturnEvent, ReturnLine, ReturnRequest
from db.fulfilment import Shipment, ShipmentLine
from db.invoices import DocumentCounter
from db.orders import Order, OrderEvent, OrderLine, OrderReservation
from db.payments import Payment, Refund
from domain.accounts import permissions
from domain.accounts.permissions import Perm, Principal
from domain.billing import settlement
from domain.insight import rollup
from domain.inventory import stock as inventory
from domain.inventory.holds import lock_levels
from domain.ordering.actions import visible_order
from domain.ordering.numbers import next_number
from domain.payments import pay as payments
from domain.payments.policy import PaymentsPolicy
from domain.shared import after_commit, clock, machine, outbox, validation
from domain.shared.counters import next_value
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.machine import Machine
from domain.shared.messages import message
from domain.shared.money import from_minor

# A resolve that runs longer than this (a slow Stripe call included) has stopped.
CLAIM_LEASE = timedelta(minutes=5)
REASONS = ("damaged", "wrong_item", "quality", "expired", "other")


class ReturnStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    RECEIVED = "received"
    RESOLVING = "resolving"  # claimed by the one caller that pays the refund out
    RESOLVED = "resolved"


_R = ReturnStatus
# (from, action) -> to
MACHINE = Machine(
    "return",
    ReturnStatus,
    {
        (_R.REQUESTED, "approve"): _R.APPROVED,
        (_R.REQUESTED, "reject"): _R.REJECTED,
        (_R.APPROVED, "receive"): _R.RECEIVED,
        # Resolving is claimed before any money moves, so only one caller refunds a return.
        (_R.RECEIVED, "claim"): _R.RESOLVING,
        (_R.RESOLVING, "release"): _R.RECEIVED,
        (_R.RESOLVING, "resolve"): _R.RESOLVED,
    },
)


@dataclass
class Item:
    sku: str
    quantity: int
    condition: str | None = None  # on receipt: restock or scrap
    warehouse_id: int | None = None  # where restocked goods go


async def _event(ret: ReturnRequest, actor: Principal | None, kind: str, data: dict) -> None:
    await ReturnEvent.create(
        return_request=ret, actor_email=actor.email if actor else "", kind=kind, data=data
    )


async def _move(ret_id: int, action: str) -> ReturnRequest:
    ret = await ReturnRequest.select_for_update().get_or_none(id=ret_id)
    if ret is None:
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    to = await machine.move(MACHINE, ReturnRequest.filter(id=ret.id), ret.status, action)
    ret.status = to.value
    return ret


async def _delivered(line: OrderLine) -> int:
    delivered = await Shipment.filter(order_id=line.order_id, status="delivered").values_list(
        "id", flat=True
    )
    rows = await ShipmentLine.filter(order_line_id=line.id, shipment_id__in=list(delivered))
    return sum(r.quantity for r in rows)


async def request(
    actor: Principal,
    order_id: int,
    items: list[Item],
    reason: str,
    description: str,
    photo_urls: list[str],
) -> ReturnRequest:
    order = await visible_order(actor, order_id)
    if actor.is_staff or not actor.has(Perm.ORDERS_PLACE):
        raise DomainError(ErrorCode.FORBIDDEN, "orderId")
    if reason not in REASONS:
        raise DomainError(ErrorCode.INVALID, "reason")
    description = validation.text(description, "description", 2000, False)
    if not items:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "lines")
    async with in_transaction():
        await Order.select_for_update().get(id=order.id)  # one return request at a time
        sequence = await next_value(DocumentCounter, "key", "RT" + order.number)
        number = f"RT{order.number[2:]}-{sequence:02d}"
        ret = await ReturnRequest.create(
            number=number,
            order=order,
            company_id=order.company_id,
            reason=reason,
            description=description,
            photo_urls=[str(u)[:500] for u in photo_urls][:10],
            requested_by_id=actor.user_id,
        )
        for item in items:
            line = await OrderLine.get_or_none(order_id=order.id, sku=item.sku.strip().upper())
            if line is None:
                raise DomainError(ErrorCode.NOT_FOUND, "lines", sku=item.sku)
            delivered = await _delivered(line)
            # Conditional on what is returned at write time: a concurrent rejection or
            # request cannot be overwritten.
            fits = item.quantity >= 1 and await OrderLine.filter(
                id=line.id, returned_quantity__lte=delivered - item.quantity
            ).update(returned_quantity=F("returned_quantity") + item.quantity)
            if not fits:
                returnable = max(delivered - line.returned_quantity, 0)
                raise DomainError(
                    ErrorCode.OVER_RETURN, "lines", sku=line.sku, returnable=returnable
                )
            await ReturnLine.create(return_request=ret, order_line=line, quantity=item.quantity)
        await _event(ret, actor, "requested", {"reason": reason})
        await _notify(ret, "requested")
        await rollup.refresh(order.id)
    return ret


async def approve(actor: Principal, ret_id: int, instructions: str) -> ReturnRequest:
    async with in_transaction():
        ret = await _move(ret_id, "approve")
        instructions = validation.text(instructions, "instructions", 2000, False)
        await ReturnRequest.filter(id=ret.id).update(instructions=instructions)
        await _event(ret, actor, "approved", {"instructions": instructions})
        await _notify(ret, "approved")
    return await ReturnRequest.get(id=ret_id)


async def reject(actor: Principal, ret_id: int, reason: str) -> ReturnRequest:
    reason = validation.text(reason, "reason", 1000)
    async with in_transaction():
        ret = await _move(ret_id, "reject")
        for line in await ReturnLine.filter(return_request_id=ret.id):
            await OrderLine.filter(id=line.order_line_id).update(
                returned_quantity=F("returned_quantity") - line.quantity
            )
        await ReturnRequest.filter(id=ret.id).update(reject_reason=reason)
        await _event(ret, actor, "rejected", {"reason": reason})
        await _notify(ret, "rejected")
        await rollup.refresh(ret.order_id)
    return await ReturnRequest.get(id=ret_id)


async def receive(actor: Principal, ret_id: int, items: list[Item]) -> ReturnRequest:
    """Record each line's condition: restocked into a warehouse, or scrapped."""
    async with in_transaction():
        ret = await _move(ret_id, "receive")
        lines = {
            rl.order_line.sku: rl
            for rl in await ReturnLine.filter(return_request_id=ret.id).prefetch_related(
                "order_line"
            )
        }
        restocked = (lines.get(i.sku.strip().upper()) for i in items if i.condition == "restock")
        # Stock rows in the one order every path takes them (domain.inventory.holds).
        await lock_levels(
            rl.order_line.variant_id for rl in restocked if rl and rl.order_line.variant_id
        )
        for item in items:
            line = lines.get(item.sku.strip().upper())
            if line is None or item.condition not in ("restock", "scrap"):
                raise DomainError(ErrorCode.INVALID, "lines", sku=item.sku)
            if item.condition == "restock":
                if item.warehouse_id is None or line.order_line.variant_id is None:
                    raise DomainError(ErrorCode.REQUIRED, "warehouseId")
                await inventory.restock(
                    line.order_line.variant_id, item.warehouse_id, line.quantity, ret.number, actor
                )
            await ReturnLine.filter(id=line.id).update(condition=item.condition)
        if set(lines) - {i.sku.strip().upper() for i in items}:
            raise DomainError(ErrorCode.REQUIRED, "lines")
        await _event(ret, actor, "received", {i.sku: i.condition for i in items})
    return await ReturnRequest.get(id=ret_id)


async def resolve(
    policy: PaymentsPolicy, actor: Principal, ret_id: int, resolution: str, request_id=""
) -> ReturnRequest:
    """Refund the returned value (card: through Stripe; otherwise a credit note), or send a
    zero-priced replacement order. A return left `resolving` by a stopped process is resolved
    again once its claim's lease has run out, finishing its card refund rather than repeating it."""
    if resolution not in ("refund", "replacement"):
        raise DomainError(ErrorCode.INVALID, "resolution")
    # Refunding moves money: the table's own entry, whoever calls (API, CLI, demo data).
    permissions.require(
        actor, "returnResolve.refund" if resolution == "refund" else "returnResolve"
    )
    ret = await _claim(ret_id)
    paid_out = False
    try:
        lines = await ReturnLine.filter(return_request_id=ret.id).prefetch_related("order_line")
        value = sum(rl.quantity * rl.order_line.unit_price for rl in lines)
        card = await Payment.filter(
            order_id=ret.order_id, method="card", status="succeeded"
        ).first()
        # A refund Stripe failed gave nothing back: the return is refunded anew.
        earlier = await Refund.filter(source=_source(ret)).exclude(status="failed").first()
        if earlier is not None and resolution != "refund":
            raise DomainError(ErrorCode.INVALID, "resolution")  # its money already went back
        if resolution == "refund" and card and value:
            if earlier is None:
                reason = f"退货 {ret.number}"
                await payments.refund(
                    policy, actor, card.id, from_minor(value), reason, request_id, _source(ret)
                )
            else:
                await payments.resume(policy, actor, earlier, request_id)
            paid_out = True
        return await _finish(actor, ret, resolution, lines, value, card, request_id)
    except BaseException:
        # Give the claim back while nothing was paid out, so the return can be resolved again;
        # once Stripe has refunded, the return stays claimed rather than refund twice.
        if not paid_out:
            await _move(ret.id, "release")
        raise


def _source(ret: ReturnRequest) -> str:
    return f"return:{ret.id}"


async def _claim(ret_id: int) -> ReturnRequest:
    """Move received -> resolving in one conditional UPDATE: concurrent callers get
    INVALID_STATE instead of refunding the same return again. A `resolving` claim older than
    the lease was left by a process that stopped; it is taken over the same way."""
    ret = await ReturnRequest.get_or_none(id=ret_id)
    if ret is None:
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    now = clock.now()
    if ret.status == ReturnStatus.RESOLVING:
        stale = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE)
        taken = await ReturnRequest.filter(stale, id=ret.id, status=ret.status).update(
            claimed_at=now
        )
        if not taken:
            raise DomainError(ErrorCode.INVALID_STATE, "id", status=ret.status)
    else:
        await machine.move(
            MACHINE, ReturnRequest.filter(id=ret.id), ret.status, "claim",
            changes={"claimed_at": now},
        )  # fmt: skip
    return await ReturnRequest.get(id=ret_id)


async def _finish(
    actor: Principal, ret: ReturnRequest, resolution: str, lines, value, card, request_id
) -> ReturnRequest:
    async with in_transaction():
        ret = await _move(ret.id, "resolve")
        data: dict = {"resolution": resolution, "value": value}
        replacement = None
        if resolution == "refund" and not card and value:
            order = await Order.get(id=ret.order_id)
            reason = f"退货 {ret.number}"
            note = await settlement.credit_note(actor, order, None, value, reason, request_id)
            data["creditNote"] = note.number
        if resolution == "replacement":
            replacement = await _replacement(ret, lines, actor)
            await ReturnRequest.filter(id=ret.id).update(replacement_order=replacement)
            data["replacementOrder"] = replacement.number
        await ReturnRequest.filter(id=ret.id).update(resolution=resolution)
        await _event(ret, actor, "resolved", data)
        await _notify(ret, "resolved")
        if replacement is not None:
            await rollup.refresh(replacement.id)
    return await ReturnRequest.get(id=ret.id)


async def _replacement(ret: ReturnRequest, lines, actor: Principal) -> Order:
    original = await Order.get(id=ret.order_id)
    order = await Order.create(
        number=await next_number(clock.today()),
        company_id=original.company_id,
        placed_by_id=actor.user_id,
        placed_by_staff=True,
        status="confirmed",
        payment_method=original.payment_method,
        payment_status="paid",
        shipping_address=original.shipping_address,
        currency=original.currency,
        subtotal=0,
        total=0,
        note=f"换货 replacement for {ret.number}",
    )
    await lock_levels(rl.order_line.variant_id for rl in lines if rl.order_line.variant_id)
    for rl in lines:
        ol = rl.order_line
        line = await OrderLine.create(
            order=order,
            variant_id=ol.variant_id,
            sku=ol.sku,
            names=ol.names,
            unit=ol.unit,
            pack_size=ol.pack_size,
            quantity=rl.quantity,
            unit_price=0,
            line_total=0,
            price_source="REPLACE",
        )
        if ol.variant_id:
            try:
                held = await inventory.reserve_anywhere(
                    ol.variant_id, rl.quantity, order.number, actor
                )
            except DomainError as e:  # `quantity` is no field of returnResolve's input
                if e.code is not ErrorCode.INSUFFICIENT_STOCK:
                    raise
                raise DomainError(e.code, None, **e.params) from e
            for warehouse_id, qty in held:
                await OrderReservation.create(line=line, warehouse_id=warehouse_id, quantity=qty)
    await OrderEvent.create(
        order=order,
        actor_id=actor.user_id,
        actor_email=actor.email,
        kind="replacement",
        to_status="confirmed",
        data={"return": ret.number},
    )
    # A new order staff made for the company: announced as any order placed on its behalf.
    after_commit.queue(
        {"orderId": order.id, "companyId": order.company_id, "kind": "placed_on_behalf"}
    )
    return order


async def _notify(ret: ReturnRequest, what: str) -> None:
    order = await Order.get(id=ret.order_id)
    if order.placed_by_staff:
        return
    user = await User.get_or_none(id=ret.requested_by_id)
    if user:
        language = user.language or "zh-Hans"
        status = message(f"return.status.{what}", language)
        await outbox.enqueue(
            "return_update", user.email, language, number=ret.number, status=status
        )
