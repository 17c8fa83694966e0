"""Order notifications go into the outbox with the change itself, so none is lost if the
process dies before they are sent."""

from __future__ import annotations

from dataclasses import dataclass

from db.accounts import Company, User
from db.orders import Order
from domain.shared import outbox
from domain.shared.messages import message

# Status changes a buyer is told about by mail.
NOTIFY = {"pending_review", "confirmed", "rejected", "cancelled", "shipped", "delivered"}


@dataclass
class Recipient:
    email: str
    language: str


async def recipient(order: Order, status: str) -> Recipient | None:
    """Who hears about the order reaching `status` (None: nobody). Split from `send` so that
    placement looks it up before it takes the order number."""
    if status not in NOTIFY:
        return None
    user = await User.get_or_none(id=order.placed_by_id)
    if user is None:
        return None
    if order.placed_by_staff:
        # Placed for the company by staff (代客下单): the company hears about it.
        company = await Company.get(id=order.company_id)
        return Recipient(company.email, "zh-Hans")
    return Recipient(user.email, user.language or "zh-Hans")


async def send(to: Recipient | None, order: Order, status: str) -> None:
    """Call inside the transaction that changes the order."""
    if to is None:
        return
    await outbox.enqueue(
        "order_update",
        to.email,
        to.language,
        number=order.number,
        status=message(f"order.status.{status}", to.language),
    )


async def order_changed(order: Order, status: str) -> None:
    """Call inside the transaction that changes the order."""
    await send(await recipient(order, status), order, status)
