"""The order state machine: one transition table, one function that applies it.

Payment and fulfilment statuses are kept apart (later issues drive them); this machine is the
order's own status. An action not in the table for the current status is INVALID_STATE.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tortoise.transactions import in_transaction

from db.orders import Order, OrderEvent
from domain.accounts.permissions import Principal
from domain.billing import invoices as invoicing
from domain.ordering import notices as order_notices
from domain.ordering.policy import OrderingPolicy
from domain.shared import clock
from domain.shared.machine import Machine, move


class OrderStatus(StrEnum):
    PENDING_APPROVAL = "pending_approval"  # waits for the buyer company's approver
    PENDING_REVIEW = "pending_review"  # waits for the supplier's review step (审核)
    CONFIRMED = "confirmed"
    PROCESSING = "processing"
    PARTIALLY_SHIPPED = "partially_shipped"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"


_O = OrderStatus
PENDING_APPROVAL, PENDING_REVIEW, CONFIRMED, PROCESSING = (
    _O.PENDING_APPROVAL, _O.PENDING_REVIEW, _O.CONFIRMED, _O.PROCESSING,
)  # fmt: skip
PARTIALLY_SHIPPED, SHIPPED, DELIVERED, COMPLETED, CANCELLED, REJECTED = (
    _O.PARTIALLY_SHIPPED, _O.SHIPPED, _O.DELIVERED, _O.COMPLETED, _O.CANCELLED, _O.REJECTED,
)  # fmt: skip
STATUSES = tuple(OrderStatus)
# Statuses of an order that will not go ahead: it no longer counts as a sale.
ENDED = (CANCELLED, REJECTED)
# Statuses in which the order still holds reserved stock that cancelling must release.
HOLDS_STOCK = {PENDING_APPROVAL, PENDING_REVIEW, CONFIRMED, PROCESSING}

# (from status, action) -> to status. The action names the timeline entry and the event sent
# to subscribers. "pass_review" moves to the next review step or, after the last one, to
# confirmed; "restart_review" goes back to the first step (see next_review_step).
# Nothing enters PROCESSING any more: a shipment used to pass through it inside its own
# transaction, so nobody could ever see it. Rows stored in it (older data) can still leave it.
MACHINE = Machine(
    "order",
    OrderStatus,
    {
        (PENDING_APPROVAL, "approve"): PENDING_REVIEW,
        (PENDING_APPROVAL, "reject_approval"): REJECTED,
        (PENDING_APPROVAL, "cancel"): CANCELLED,
        (PENDING_REVIEW, "pass_review"): PENDING_REVIEW,
        (PENDING_REVIEW, "reject_review"): REJECTED,
        (PENDING_REVIEW, "cancel"): CANCELLED,
        # A buyer's change made the order one that needs the company's approver again.
        (PENDING_REVIEW, "require_approval"): PENDING_APPROVAL,
        # A buyer's change after a review step passed: the supplier reviews the new order.
        (PENDING_REVIEW, "restart_review"): PENDING_REVIEW,
        (CONFIRMED, "cancel"): CANCELLED,
        (CONFIRMED, "ship_part"): PARTIALLY_SHIPPED,
        (CONFIRMED, "ship_all"): SHIPPED,
        (PROCESSING, "cancel"): CANCELLED,
        (PROCESSING, "ship_part"): PARTIALLY_SHIPPED,
        (PROCESSING, "ship_all"): SHIPPED,
        (PARTIALLY_SHIPPED, "ship_part"): PARTIALLY_SHIPPED,
        (PARTIALLY_SHIPPED, "ship_all"): SHIPPED,
        (PARTIALLY_SHIPPED, "close_backorder"): SHIPPED,  # the unshipped rest will not ship
        (SHIPPED, "deliver"): DELIVERED,
        (DELIVERED, "complete"): COMPLETED,
    },
    events=True,
    # With no review step left (or none configured) the order is confirmed instead.
    alternatives={
        (PENDING_APPROVAL, "approve"): CONFIRMED,
        (PENDING_REVIEW, "pass_review"): CONFIRMED,
        (PENDING_REVIEW, "restart_review"): CONFIRMED,
    },
)
TRANSITIONS = MACHINE.transitions
ACTIONS = MACHINE.actions
# Timeline entries that change lines, not the status.
PLACED, PLACED_ON_BEHALF, MODIFIED, LINE_ADJUSTED = (
    "placed", "placed_on_behalf", "modified", "line_adjusted",
)  # fmt: skip
# Every kind of order event subscribers receive from ordering: the table's actions plus these.
EVENT_KINDS = (PLACED, PLACED_ON_BEHALF, MODIFIED, LINE_ADJUSTED, *ACTIONS)


@dataclass(frozen=True)
class Step:
    status: str
    review_step: str | None


def next_review_step(steps: Sequence[str], current: str | None) -> Step:
    """The step after `current` among the configured ones, or confirmed after the last."""
    if current is None:
        return Step(PENDING_REVIEW, steps[0]) if steps else Step(CONFIRMED, None)
    later = steps[steps.index(current) + 1 :] if current in steps else []
    return Step(PENDING_REVIEW, later[0]) if later else Step(CONFIRMED, None)


def target(order: Order, action: str, policy: OrderingPolicy | None) -> Step:
    """Where `action` takes the order. Only the actions that enter review read the policy's
    review steps; the others need none, so fulfilment and settlement pass no policy."""
    to = MACHINE.target(order.status, action)
    if action != "pass_review" and to != PENDING_REVIEW:
        return Step(to, None)
    if policy is None:
        raise ValueError(f"order action {action} needs the ordering policy's review steps")
    if action == "pass_review":
        return next_review_step(policy.review_steps, order.review_step)
    return next_review_step(policy.review_steps, None)  # approve, restart_review


async def apply(
    order: Order,
    action: str,
    actor: Principal | None,
    data: dict | None = None,
    kind: str | None = None,
    policy: OrderingPolicy | None = None,
) -> Order:
    """Move the order and write its timeline event, in the caller's transaction or a new one.
    The update is conditional on the status read, so concurrent actions cannot both apply.
    `policy` is needed by the actions that enter review (approve, pass_review,
    restart_review)."""
    step = target(order, action, policy)
    before = order.status

    async def record(_from: OrderStatus, to: OrderStatus) -> None:
        await OrderEvent.create(
            order_id=order.id,
            actor_id=actor.user_id if actor else None,
            actor_email=actor.email if actor else "",
            kind=kind or action,
            from_status=before,
            to_status=to.value,
            data={**(data or {}), "reviewStep": order.review_step}
            if action == "pass_review"
            else data or {},
        )
        if to != before:
            await order_notices.order_changed(order, to.value)
        if to == CONFIRMED:
            await invoicing.issue(await Order.get(id=order.id), clock.today())

    async with in_transaction():
        await move(
            MACHINE,
            Order.filter(id=order.id, review_step=order.review_step),
            order.status,
            action,
            to=OrderStatus(step.status),
            changes={"review_step": step.review_step},
            record=record,
            event={"orderId": order.id, "companyId": order.company_id},
        )
    order.status, order.review_step = OrderStatus(step.status).value, step.review_step
    return order
