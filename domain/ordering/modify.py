"""Changing a placed order's lines: the buyer until the supplier confirms it, staff (with a
reason, before the order review passes) also the unit price. Stock follows every change."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from db.accounts import Company
from db.catalog import Variant
from db.orders import Order, OrderEvent, OrderLine, OrderReservation
from domain.accounts.permissions import Perm, Principal, StaffRole
from domain.billing import credit, settlement
from domain.inventory import stock as inventory
from domain.ordering.actions import check_own_order, visible_order
from domain.ordering.cart import rules_of
from domain.ordering.states import PENDING_APPROVAL, PENDING_REVIEW
from domain.pricing import prices as pricing
from domain.shared import audit, validation
from domain.shared.errors import DomainError, ErrorCode, ValidationErrors
from domain.shared.money import to_minor

STAFF_PRICE = "STAFF"


@dataclass
class LineChange:
    sku: str
    quantity: int


async def _resize(order: Order, line: OrderLine, quantity: int, actor: Principal) -> None:
    diff = quantity - line.quantity
    if diff > 0:
        for warehouse_id, taken in await inventory.reserve_anywhere(
            line.variant_id, diff, order.number, actor
        ):
            await OrderReservation.create(line=line, warehouse_id=warehouse_id, quantity=taken)
    need = -diff
    for held in await OrderReservation.filter(line_id=line.id).order_by("-id"):
        if need <= 0:
            break
        take = min(held.quantity, need)
        await inventory.release(line.variant_id, held.warehouse_id, take, order.number, actor)
        if take == held.quantity:
            await held.delete()
        else:
            await OrderReservation.filter(id=held.id).update(quantity=held.quantity - take)
        need -= take


async def _totals(order: Order) -> None:
    subtotal = sum(await OrderLine.filter(order_id=order.id).values_list("line_total", flat=True))
    await credit.follow_total(order, subtotal)
    await Order.filter(id=order.id).update(subtotal=subtotal, total=subtotal)
    order.subtotal = order.total = subtotal
    # Money already received no longer covers a larger total: re-derive what is owed.
    await settlement.settle(order.id)


async def _event(order: Order, actor: Principal, kind: str, data: dict) -> None:
    await OrderEvent.create(
        order_id=order.id,
        actor_id=actor.user_id,
        actor_email=actor.email,
        kind=kind,
        from_status=order.status,
        to_status=order.status,
        data=data,
    )


async def _locked(order_id: int, statuses: set[str], review_step: str | None = None) -> Order:
    """Re-read the order under a row lock and check it may still change."""
    order = await Order.select_for_update().get(id=order_id)
    if order.status not in statuses or (
        review_step and order.status == PENDING_REVIEW and order.review_step != review_step
    ):
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
    return order


async def buyer_modify(actor: Principal, order_id: int, changes: list[LineChange], on) -> Order:
    """Set quantities by SKU (0 removes a line, a new SKU adds one at today's price), until the
    supplier confirms the order."""
    check_own_order(actor, await visible_order(actor, order_id))
    if actor.is_staff or not actor.has(Perm.ORDERS_PLACE):
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    async with in_transaction():
        order = await _locked(order_id, {PENDING_APPROVAL, PENDING_REVIEW})
        company = await Company.get(id=order.company_id)
        lines = {line.sku: line for line in await OrderLine.filter(order_id=order.id)}
        errors, before = [], {sku: line.quantity for sku, line in lines.items()}
        for change in changes:
            sku = validation.text(change.sku, "sku", 64).upper()
            line = lines.get(sku)
            variant = await Variant.get_or_none(sku=sku)
            if change.quantity == 0 and line:
                await _resize(order, line, 0, actor)
                await line.delete()
                continue
            if variant is None or (line is None and not variant.is_active):
                errors.append(DomainError(ErrorCode.NOT_FOUND, "sku", sku=sku))
                continue
            problem = rules_of(variant).problem(change.quantity, sku)
            if problem:
                errors.append(problem)
                continue
            if line is None:
                line = await OrderLine.create(
                    order=order,
                    variant_id=variant.id,
                    sku=sku,
                    names={"zh-Hans": sku},
                    unit=variant.unit,
                    pack_size=variant.pack_size,
                    quantity=0,
                    unit_price=0,
                    line_total=0,
                    price_source=pricing.BASE,
                )
                lines[sku] = line
            await _resize(order, line, change.quantity, actor)
            line.quantity = change.quantity
            if line.price_source != STAFF_PRICE:
                price = await pricing.price_for(
                    company.id,
                    company.price_tier,
                    variant.id,
                    variant.base_price,
                    change.quantity,
                    on,
                )
                line.unit_price, line.price_source = price.unit_price, price.source
            line.line_total = line.unit_price * line.quantity
            await line.save()
        if errors:
            raise ValidationErrors(errors)
        if not await OrderLine.filter(order_id=order.id).exists():
            raise DomainError(ErrorCode.CART_EMPTY, "lines")
        await _totals(order)
        after = {line.sku: line.quantity for line in await OrderLine.filter(order_id=order.id)}
        await _event(order, actor, "modified", {"before": before, "after": after})
    return order


async def staff_adjust(
    actor: Principal,
    order_id: int,
    sku: str,
    quantity: int | None,
    unit_price,
    reason: str,
    request_id: str = "",
) -> Order:
    """Staff change a line's quantity or unit price (a negotiated discount) before the order
    review passes; the buyer sees the change and its reason on the timeline."""
    if actor.staff_role not in (StaffRole.ADMIN.value, StaffRole.SALES.value):
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    reason = validation.text(reason, "reason", 1000)
    async with in_transaction():
        order = await _locked(order_id, {PENDING_APPROVAL, PENDING_REVIEW}, review_step="order")
        line = await OrderLine.get_or_none(order_id=order.id, sku=(sku or "").strip().upper())
        if line is None:
            raise DomainError(ErrorCode.NOT_FOUND, "sku")
        before = {"quantity": line.quantity, "unitPrice": line.unit_price}
        if quantity is not None:
            if quantity < 1:
                raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")
            await _resize(order, line, quantity, actor)
            line.quantity = quantity
        if unit_price is not None:
            price = to_minor(unit_price, "unitPrice")
            if price <= 0:
                raise DomainError(ErrorCode.INVALID_PRICE, "unitPrice")
            line.unit_price, line.price_source = price, STAFF_PRICE
        line.line_total = line.unit_price * line.quantity
        await line.save()
        await _totals(order)
        after = {"quantity": line.quantity, "unitPrice": line.unit_price}
        data = {"sku": line.sku, "before": before, "after": after, "reason": reason}
        await _event(order, actor, "line_adjusted", data)
        await audit.record(
            actor,
            "order.line_adjust",
            order,
            before,
            after | {"sku": line.sku, "reason": reason},
            request_id,
        )
    return order
