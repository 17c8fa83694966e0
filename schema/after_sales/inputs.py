"""What return (退换货) and ticket (投诉与反馈) mutations take."""

from __future__ import annotations

import strawberry

from schema.after_sales.enums import (
    ReceiptCondition,
    ReturnReason,
    ReturnResolution,
    TicketAction,
    TicketCategory,
)


@strawberry.input
class ReturnLineInput:
    """A delivered SKU of the order and how many units of it go back."""

    sku: str
    """The order line's SKU."""
    quantity: int
    """Units returned; at most what was delivered less what is already returned."""


@strawberry.input
class ReturnCreateInput:
    """What the buyer sends back of which order, and why."""

    order_id: strawberry.ID
    """The order's global id."""
    lines: list[ReturnLineInput]
    """The lines returned."""
    reason: ReturnReason
    """Why the goods go back."""
    description: str = ""
    """What is wrong, in the buyer's words."""
    photo_urls: list[str] | None = None
    """Photos of the goods, as uploaded links."""


@strawberry.input
class ReturnApproveInput:
    """Which return request to approve, and how the goods come back."""

    id: strawberry.ID
    """The return request's global id."""
    instructions: str = ""
    """How to send the goods back; shown to the buyer."""


@strawberry.input
class ReturnRejectInput:
    """Which return request to refuse, and why."""

    id: strawberry.ID
    """The return request's global id."""
    reason: str
    """Why it is refused; shown to the buyer."""


@strawberry.input
class ReturnReceiptInput:
    """What arrived back of one returned line, and its condition."""

    sku: str
    """The returned line's SKU."""
    condition: ReceiptCondition = strawberry.field(
        description="RESTOCK (back into `warehouseId`) or SCRAP."
    )
    warehouse_id: strawberry.ID | None = None
    """The global id of the warehouse a restocked line goes back into."""


@strawberry.input
class ReturnReceiveInput:
    """What arrived back of a return request."""

    id: strawberry.ID
    """The return request's global id."""
    lines: list[ReturnReceiptInput]
    """Each returned line's condition."""


@strawberry.input
class ReturnResolveInput:
    """How a received return is settled."""

    id: strawberry.ID
    """The return request's global id."""
    resolution: ReturnResolution
    """REFUND the returned value or send a REPLACEMENT."""


@strawberry.input
class TicketCreateInput:
    """A complaint or feedback, about an order or a shipment if given."""

    category: TicketCategory
    """What the ticket is about."""
    subject: str
    """A short title."""
    message: str
    """The first message of the conversation."""
    order_id: strawberry.ID | None = None
    """The global id of the order it concerns, if any."""
    shipment_id: strawberry.ID | None = None
    """The global id of the shipment it concerns, if any."""


@strawberry.input
class TicketReplyInput:
    """A message in a ticket's conversation."""

    id: strawberry.ID
    """The ticket's global id."""
    message: str
    """The text of the reply."""
    internal: bool = False
    """Staff only: a note buyers never see."""


@strawberry.input
class TicketAssignInput:
    """Which ticket goes to which staff member."""

    id: strawberry.ID
    """The ticket's global id."""
    staff_user_id: strawberry.ID
    """The staff member's global user id."""


@strawberry.input
class TicketStatusChangeInput:
    """Which ticket moves, and how."""

    id: strawberry.ID
    """The ticket's global id."""
    action: TicketAction
    """What to do to the ticket."""
