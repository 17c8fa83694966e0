"""What buyers and staff do to a placed order, each through the state machine."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from db.orders import Order, OrderLine, OrderReservation
from domain.accounts.permissions import CompanyRole, Perm, Principal, StaffRole
from domain.billing import credit, settlement
from domain.billing import invoices as invoicing
from domain.insight import rollup
from domain.inventory import stock as inventory
from domain.inventory.holds import lock_levels
from domain.ordering import states as order_states
from domain.ordering.policy import OrderingPolicy
from domain.ordering.states import HOLDS_STOCK, PENDING_APPROVAL, PENDING_REVIEW, SHIPPED
from domain.shared import audit, validation
from domain.shared.errors import DomainError, ErrorCode

# Which staff role passes or rejects each review step (admins may do any).
STEP_ROLES = {
    "order": StaffRole.SALES.value,  # 订单审核
    "finance": StaffRole.FINANCE.value,  # 财务审核
    "outbound": StaffRole.WAREHOUSE.value,  # 出库审核
}


async def visible_order(actor: Principal, order_id: int) -> Order:
    """The order, if the actor may see it: staff all, buyers their company's. Others: NOT_FOUND."""
    order = await Order.get_or_none(id=order_id)
    if order is None or not actor.can_see_company(order.company_id):
        raise DomainError(ErrorCode.NOT_FOUND, "id")
    return order


def check_own_order(actor: Principal, order: Order) -> None:
    """Purchasers act on the orders they placed; owners on any of the company's."""
    if actor.company_role == CompanyRole.PURCHASER and order.placed_by_id != actor.user_id:
        raise DomainError(ErrorCode.FORBIDDEN, "id")


async def release_stock(order: Order, actor: Principal | None) -> None:
    lines = await OrderLine.filter(order_id=order.id)
    by_line = {line.id: line for line in lines}
    # Stock rows in the one order every path takes them (domain.inventory.holds).
    await lock_levels(line.variant_id for line in lines if line.variant_id)
    for held in await OrderReservation.filter(line_id__in=list(by_line)):
        line = by_line[held.line_id]
        if line.variant_id is not None:
            await inventory.release(
                line.variant_id, held.warehouse_id, held.quantity, order.number, actor
            )
    await OrderReservation.filter(line_id__in=list(by_line)).delete()


async def _end(order: Order, action: str, actor: Principal, data: dict) -> Order:
    """Reject or cancel: the status change and the stock release succeed or fail together."""
    async with in_transaction():
        holds = order.status in HOLDS_STOCK
        await order_states.apply(order, action, actor, data)
        if holds:
            await release_stock(order, actor)
            await credit.give_back(await Order.get(id=order.id))
        await invoicing.void(order)
        await settlement.settle(order.id, actor.email)
        await rollup.refresh(order.id)
    return await Order.get(id=order.id)  # as settled: its payment status may have moved


async def approve(policy: OrderingPolicy, actor: Principal, order_id: int, comment: str) -> Order:
    """A company approver lets the order go on to the supplier."""
    order = await visible_order(actor, order_id)
    if actor.is_staff or not actor.has(Perm.ORDERS_APPROVE):
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    comment = validation.text(comment, "comment", 1000, False)
    data = {"comment": comment}
    return await order_states.apply(order, "approve", actor, data, policy=policy)


async def buyer_reject(actor: Principal, order_id: int, comment: str) -> Order:
    order = await visible_order(actor, order_id)
    if actor.is_staff or not actor.has(Perm.ORDERS_APPROVE):
        raise DomainError(ErrorCode.FORBIDDEN, "id")
    if order.status != PENDING_APPROVAL:
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
    comment = validation.text(comment, "comment", 1000)
    return await _end(order, "reject_approval", actor, {"comment": comment, "by": "buyer"})


def _check_step_role(actor: Principal, order: Order) -> None:
    if order.status != PENDING_REVIEW:
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
    if actor.staff_role not in (StaffRole.ADMIN.value, STEP_ROLES.get(order.review_step or "")):
        raise DomainError(ErrorCode.FORBIDDEN, "id")


async def review_pass(policy: OrderingPolicy, actor: Principal, order_id: int) -> Order:
    """Pass the review step the order waits for; after the last step it is confirmed."""
    order = await visible_order(actor, order_id)
    _check_step_role(actor, order)
    # Card orders are paid up front: finance review is where that is checked, on the figures
    # of the order's money as they are now (its total may have changed since it was paid).
    if order.review_step == "finance" and order.payment_method == "card":
        if (await settlement.figures(order)).due > 0:
            raise DomainError(ErrorCode.PAYMENT_REQUIRED, "id")
    if order.review_step == "finance" and order.credit_pending:
        # Finance accepts the order beyond the company's credit limit.
        async with in_transaction():
            await Order.filter(id=order.id).update(credit_pending=False)
            await settlement.settle(order.id, actor.email, over_limit=True)
            await audit.record(
                actor,
                "order.credit_over_limit",
                order,
                None,
                {"total": order.total, "order": order.number},
            )
            accepted = {"creditOverLimitAccepted": True}
            return await order_states.apply(order, "pass_review", actor, accepted, policy=policy)
    return await order_states.apply(order, "pass_review", actor, policy=policy)


async def review_reject(actor: Principal, order_id: int, reason: str) -> Order:
    order = await visible_order(actor, order_id)
    _check_step_role(actor, order)
    reason = validation.text(reason, "reason", 1000)
    return await _end(
        order, "reject_review", actor, {"reason": reason, "reviewStep": order.review_step}
    )


async def cancel(actor: Principal, order_id: int, reason: str) -> Order:
    """Buyers who may order cancel until it ships; staff (admin, sales) with a reason."""
    order = await visible_order(actor, order_id)
    if actor.is_staff:
        if actor.staff_role not in (StaffRole.ADMIN.value, StaffRole.SALES.value):
            raise DomainError(ErrorCode.FORBIDDEN, "id")
        reason = validation.text(reason, "reason", 1000)
    else:
        if not actor.has(Perm.ORDERS_PLACE) and not actor.has(Perm.ORDERS_APPROVE):
            raise DomainError(ErrorCode.FORBIDDEN, "id")
        check_own_order(actor, order)
        reason = validation.text(reason, "reason", 1000, False)
    if order.status == SHIPPED:
        raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
    return await _end(
        order,
        "cancel",
        actor,
        {"reason": reason, "by": "staff" if actor.is_staff else "buyer"},
    )
