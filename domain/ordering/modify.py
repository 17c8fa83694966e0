"""Changing a placed order's lines: the buyer until the supplier confirms it or money comes
in, staff (with a reason, before the order review passes) also the unit price. A change is a
re-placement of the changed lines: the rules, prices, stock and credit of placing them apply,
and the order's status follows. A staff price holds only for the quantity it was set for."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from db.accounts import Company
from db.catalog import Product, Variant
from db.orders import Order, OrderEvent, OrderLine, OrderReservation
from db.payments import Payment
from domain.accounts.permissions import Perm, Principal, StaffRole
from domain.billing import settlement
from domain.insight import rollup
from domain.inventory import holds
from domain.inventory import stock as inventory
from domain.ordering import approval, cart
from domain.ordering import states as order_states
from domain.ordering.actions import check_own_order, visible_order
from domain.ordering.cart import rules_of
from domain.ordering.lines import stocked_variant_id
from domain.ordering.placed_lines import line_names
from domain.ordering.policy import OrderingPolicy
from domain.ordering.states import LINE_ADJUSTED, MODIFIED, PENDING_APPROVAL, PENDING_REVIEW
from domain.payments import states as payment_states
from domain.pricing import prices as pricing
from domain.shared import after_commit, audit, validation
from domain.shared.errors import DomainError, ErrorCode, ValidationErrors
from domain.shared.money import to_minor

STAFF_PRICE = "STAFF"


@dataclass
class LineChange:
    sku: str
    quantity: int


async def _resize(order: Order, line: OrderLine, quantity: int, actor: Principal) -> None:
    variant_id = stocked_variant_id(line)
    diff = quantity - line.quantity
    if diff > 0:
        for warehouse_id, taken in await inventory.reserve_anywhere(
            variant_id, diff, order.number, actor
        ):
            await OrderReservation.create(line=line, warehouse_id=warehouse_id, quantity=taken)
    need = -diff
    for held in await OrderReservation.filter(line_id=line.id).order_by("-id"):
        if need <= 0:
            break
        take = min(held.quantity, need)
        await inventory.release(variant_id, held.warehouse_id, take, order.number, actor)
        if take == held.quantity:
            await held.delete()
        else:
            await OrderReservation.filter(id=held.id).update(quantity=held.quantity - take)
        need -= take


async def _lock_stock(lines, skus: list[str]) -> None:
    """Lock every stock row the change may touch up front, in the order placement uses
    (domain.inventory.holds), so a change and a placement never wait on each other."""
    wanted = {(sku or "").strip().upper() for sku in skus} - {line.sku for line in lines}
    ids = {line.variant_id for line in lines if line.variant_id is not None}
    if wanted:
        ids |= set(await Variant.filter(sku__in=wanted).values_list("id", flat=True))
    await holds.lock_levels(ids)


async def _totals(order: Order) -> None:
    lines = await OrderLine.filter(order_id=order.id).values("line_total")
    subtotal = sum(line["line_total"] for line in lines)
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
    # Before any move the change causes (restart_review, require_approval, a payment status).
    after_commit.queue({"orderId": order.id, "companyId": order.company_id, "kind": kind})


async def _locked(order_id: int, statuses: set[str], review_step: str | None = None) -> Order:
    """Re-read the order under a row lock and check it may still change."""
    order = await Order.select_for_update().get(id=order_id)
    if order.status not in statuses or (
        review_step and order.status == PENDING_REVIEW and order.review_step != review_step
    ):
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
    return order


async def _received_money(order_id: int) -> bool:
    """Money came in for the order (card, bank transfer or prepaid balance)."""
    return await Payment.filter(order_id=order_id, status=payment_states.SUCCEEDED).exists()


async def _price(company: Company, variant: Variant, quantity: int, on) -> pricing.Price:
    return await pricing.price_for(
        company.id, company.price_tier, variant.id, variant.base_price, quantity, on
    )


async def _orderable_variant(sku: str) -> Variant | None:
    variant = await Variant.get_or_none(sku=sku)
    product = await Product.get_or_none(id=variant.product_id) if variant else None
    return variant if cart.orderable(variant, product) else None


async def _follow_placement(
    policy: OrderingPolicy,
    order: Order,
    company: Company,
    actor: Principal,
    on_behalf: bool = False,
) -> None:
    """Put the changed order where placing it now would put it: back to the company's
    approver when it now needs approval, back to the first review step when a later one was
    reached. An order waiting for approval stays there: the approver still decides."""
    if order.status != PENDING_REVIEW:
        return
    start = approval.first_step(policy, company, actor, order.total, on_behalf)
    data = {"total": order.total}
    if start.status == PENDING_APPROVAL:
        await order_states.apply(order, "require_approval", actor, data)
    elif order.review_step != start.review_step:
        await order_states.apply(order, "restart_review", actor, data, policy=policy)


async def buyer_modify(
    policy: OrderingPolicy, actor: Principal, order_id: int, changes: list[LineChange], on
) -> Order:
    """Set quantities by SKU (0 removes a line, a new SKU adds one), until the supplier confirms
    the order and while no money was received for it. Each changed line goes through the rules
    of placing it: visibility, quantity rules, today's price for the new quantity, stock and
    credit; then the order's status follows (approval threshold, review steps)."""
    check_own_order(actor, await visible_order(actor, order_id))
    if actor.is_staff or not actor.has(Perm.ORDERS_PLACE):
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    async with in_transaction():
        order = await _locked(order_id, {PENDING_APPROVAL, PENDING_REVIEW})
        if await _received_money(order.id):
            raise DomainError(ErrorCode.ORDER_HAS_PAYMENTS, "id")
        company = await Company.get(id=order.company_id)
        lines = {line.sku: line for line in await OrderLine.filter(order_id=order.id)}
        await _lock_stock(lines.values(), [c.sku for c in changes])
        errors, before = [], {sku: line.quantity for sku, line in lines.items()}
        staff_prices_dropped = []
        for change in changes:
            sku = validation.text(change.sku, "sku", 64).upper()
            line = lines.get(sku)
            if change.quantity == 0 and line:
                await _resize(order, line, 0, actor)
                await line.delete()
                del lines[sku]
                continue
            if line is not None and change.quantity == line.quantity:
                continue  # unchanged: the line keeps what was agreed for it
            variant = await _orderable_variant(sku)
            if variant is None:
                errors.append(DomainError(ErrorCode.NOT_FOUND, "sku", sku=sku))
                continue
            problem = rules_of(variant).problem(change.quantity, sku)
            if problem:
                errors.append(problem)
                continue
            if line is None:
                names = await line_names([variant])
                line = await OrderLine.create(
                    order=order,
                    variant_id=variant.id,
                    sku=sku,
                    names=names[variant.id],
                    unit=variant.unit,
                    pack_size=variant.pack_size,
                    quantity=0,
                    unit_price=0,
                    line_total=0,
                    price_source=pricing.BASE,
                )
                lines[sku] = line
            await _resize(order, line, change.quantity, actor)
            if line.price_source == STAFF_PRICE:
                # A staff price was agreed for the old quantity, not for this one.
                staff_prices_dropped.append(sku)
            price = await _price(company, variant, change.quantity, on)
            line.quantity, line.unit_price = change.quantity, price.unit_price
            line.price_source = price.source
            line.line_total = line.unit_price * line.quantity
            await line.save()
        if errors:
            raise ValidationErrors(errors)
        if not await OrderLine.filter(order_id=order.id).exists():
            raise DomainError(ErrorCode.CART_EMPTY, "lines")
        await _totals(order)
        after = {line.sku: line.quantity for line in await OrderLine.filter(order_id=order.id)}
        data = {"before": before, "after": after, "total": order.total}
        if staff_prices_dropped:
            data["staffPricesDropped"] = staff_prices_dropped
        await _event(order, actor, MODIFIED, data)
        await _follow_placement(policy, order, company, actor)
        await rollup.refresh(order.id)
    return order


async def staff_adjust(
    policy: OrderingPolicy,
    actor: Principal,
    order_id: int,
    sku: str,
    quantity: int | None,
    unit_price,
    reason: str,
    on,
    request_id: str = "",
) -> Order:
    """Staff change a line's quantity or unit price (a negotiated discount) before the order
    review passes; the buyer sees the change and its reason on the timeline. The rules of
    placing apply as for the buyer's own change: quantity rules, and an order that now passes
    the company's approval threshold goes back to its approver (unless staff placed it for the
    company, 代客下单, which skips approval)."""
    if actor.staff_role not in (StaffRole.ADMIN.value, StaffRole.SALES.value):
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    reason = validation.text(reason, "reason", 1000)
    async with in_transaction():
        order = await _locked(order_id, {PENDING_APPROVAL, PENDING_REVIEW}, review_step="order")
        company = await Company.get(id=order.company_id)
        line = await OrderLine.get_or_none(order_id=order.id, sku=(sku or "").strip().upper())
        if line is None:
            raise DomainError(ErrorCode.NOT_FOUND, "sku")
        await _lock_stock([line], [])
        before = {"quantity": line.quantity, "unitPrice": line.unit_price}
        if quantity is not None:
            if quantity < 1:
                raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")
            variant = await Variant.get_or_none(id=line.variant_id) if line.variant_id else None
            if variant is not None and quantity != line.quantity:
                problem = rules_of(variant).problem(quantity, line.sku)
                if problem:
                    raise problem
            await _resize(order, line, quantity, actor)
            if quantity != line.quantity and unit_price is None and variant is not None:
                # Prices follow quantities: an earlier staff price was for the old quantity.
                price = await _price(company, variant, quantity, on)
                line.unit_price, line.price_source = price.unit_price, price.source
            line.quantity = quantity
        if unit_price is not None:
            price = to_minor(unit_price, "unitPrice")
            if price <= 0:
                raise DomainError(ErrorCode.INVALID_PRICE, "unitPrice")
            line.unit_price, line.price_source = price, STAFF_PRICE
        line.line_total = line.unit_price * line.quantity
        await line.save()
        # Money may have come in already: _totals re-derives what is still due.
        await _totals(order)
        after = {"quantity": line.quantity, "unitPrice": line.unit_price}
        data = {"sku": line.sku, "before": before, "after": after, "reason": reason}
        await _event(order, actor, LINE_ADJUSTED, data)
        await _follow_placement(policy, order, company, actor, order.placed_by_staff)
        await audit.record(
            actor,
            "order.line_adjust",
            order,
            before,
            after | {"sku": line.sku, "reason": reason},
            request_id,
        )
        await rollup.refresh(order.id)
    return order
