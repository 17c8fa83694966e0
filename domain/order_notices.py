"""Order notifications go into the outbox with the change itself, so none is lost if the
process dies before they are sent."""

from __future__ import annotations

from db.accounts import User
from db.orders import Order
from domain import outbox
from domain.messages import message

# Status changes a buyer is told about by mail.
NOTIFY = {"pending_review", "confirmed", "rejected", "cancelled", "shipped", "delivered"}


async def order_changed(order: Order, status: str) -> None:
    """Call inside the transaction that changes the order."""
    if status not in NOTIFY:
        return
    user = await User.get_or_none(id=order.placed_by_id)
    if user is None:
        return
    language = user.language or "zh-Hans"
    await outbox.enqueue(
        "order_update",
        user.email,
        language,
        number=order.number,
        status=message(f"order.status.{status}", language),
    )
