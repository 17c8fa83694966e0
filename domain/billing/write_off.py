"""Writing off what an order still owes (坏账核销): finance (or an admin) gives up collecting
some or all of it, with a reason. The write-off is its own record; settle counts it, so the
order's amount due, its invoice, the credit it holds, the statement and the aging report all
follow."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from db.invoices import WriteOff
from db.orders import Order
from domain.accounts import permissions
from domain.accounts.permissions import Principal
from domain.billing import settlement
from domain.shared import after_commit, audit, clock, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import from_minor, to_minor

# The event the order's subscribers receive.
WRITE_OFF = "write_off"


async def write_off(
    actor: Principal, order_id: int, amount, reason: str, request_id: str = ""
) -> Order:
    """Never more than is due now: the order row is locked while that is checked."""
    permissions.require(actor, "orderWriteOff")  # whoever calls: API, CLI, demo data
    minor = to_minor(amount, "amount")
    if minor <= 0:
        raise DomainError(ErrorCode.INVALID_PRICE, "amount")
    reason = validation.text(reason, "reason", 1000)
    async with in_transaction():
        order = await Order.select_for_update().get_or_none(id=order_id)
        if order is None:
            raise DomainError(ErrorCode.NOT_FOUND, "id")
        if order.status in settlement.ENDED:
            raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
        fig = await settlement.figures(order)
        if not fig.invoiced:
            # Nothing was billed yet, so the statement owes nothing to give up: the write-off
            # would show as a credit the company never paid, and the order can still change.
            raise DomainError(ErrorCode.INVALID_STATE, "id", status=order.status)
        due = fig.due
        if minor > due:
            raise DomainError(
                ErrorCode.WRITE_OFF_TOO_LARGE, "amount", due=str(from_minor(max(due, 0)))
            )
        row = await WriteOff.create(
            company_id=order.company_id,
            order_id=order.id,
            amount=minor,
            reason=reason,
            written_on=clock.today(),
            created_by_id=actor.user_id,
        )
        await audit.record(
            actor,
            "order.write_off",
            row,
            None,
            {"amount": minor, "orderId": order.id, "order": order.number, "reason": reason},
            request_id,
        )
        await settlement.settle(order.id, actor.email)
        after_commit.queue({"orderId": order.id, "companyId": order.company_id, "kind": WRITE_OFF})
    return await Order.get(id=order.id)
