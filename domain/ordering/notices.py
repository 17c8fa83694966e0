"""Order notifications go into the outbox with the change itself, so none is lost if the
process dies before they are sent."""

from __future__ import annotations

from db.accounts import Company, User
from db.orders import Order
from domain.shared import outbox
from domain.shared.messages import message

# Status changes a buyer is told about by mail.
NOTIFY = {"pending_review", "confirmed", "rejected", "cancelled", "shipped", "delivered"}


async def order_changed(order: Order, status: str) -> None:
    """Call inside the transaction that changes the order."""
    if status not in NOTIFY:
        return
    user = await User.get_or_none(id=order.placed_by_id)
    if user is None:
        return
    recipient, language = user.email, user.language or "zh-Hans"
    if order.placed_by_staff:
        # Placed for the company by staff (代客下单): the company hears about it.
        company = await Company.get(id=order.company_id)
        recipient, language = company.email, "zh-Hans"
    await outbox.enqueue(
        "order_update",
        recipient,
        language,
        number=order.number,
        status=message(f"order.status.{status}", language),
    )
