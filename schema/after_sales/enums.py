"""Closed sets of returns (退换货) and tickets (投诉与反馈)."""

from __future__ import annotations

from enum import StrEnum

import strawberry


@strawberry.enum(description="Where a return request stands.")
class ReturnStatus(StrEnum):
    REQUESTED = "requested"
    """Asked for by the buyer; waits for staff."""
    APPROVED = "approved"
    """Accepted: the buyer sends the goods back as `instructions` say."""
    REJECTED = "rejected"
    """Refused; `rejectReason` says why."""
    RECEIVED = "received"
    """The goods are back and checked (each line's `condition`)."""
    RESOLVING = "resolving"
    """A refund or replacement is being made."""
    RESOLVED = "resolved"
    """Refunded or replaced; `resolution` says which."""


@strawberry.enum(description="Why the buyer returns goods.")
class ReturnReason(StrEnum):
    DAMAGED = "damaged"
    """Arrived damaged."""
    WRONG_ITEM = "wrong_item"
    """Not what was ordered."""
    QUALITY = "quality"
    """A quality problem."""
    EXPIRED = "expired"
    """Past or too near its best-before date."""
    OTHER = "other"
    """Anything else; the description says what."""


@strawberry.enum(description="How a return was settled.")
class ReturnResolution(StrEnum):
    REFUND = "refund"
    """The value was paid back (card, prepaid balance or credit note)."""
    REPLACEMENT = "replacement"
    """The goods are sent again with a replacement order."""


@strawberry.enum(description="What became of a returned line on receipt.")
class ReceiptCondition(StrEnum):
    RESTOCK = "restock"
    """Fit to sell: put back into a warehouse's stock."""
    SCRAP = "scrap"
    """Not fit to sell: written off."""


@strawberry.enum(description="What a step of a return's timeline records.")
class ReturnEventKind(StrEnum):
    REQUESTED = "requested"
    """The buyer asked; `data.reason` holds the reason."""
    APPROVED = "approved"
    """Staff approved; `data.instructions` holds how to send the goods."""
    REJECTED = "rejected"
    """Staff refused; `data.reason` says why."""
    RECEIVED = "received"
    """The goods arrived; `data` maps each SKU to its condition."""
    RESOLVED = "resolved"
    """Settled; `data` holds the resolution and its value."""


@strawberry.enum(description="What a ticket is about.")
class TicketCategory(StrEnum):
    QUALITY = "quality"
    """The goods' quality."""
    DELIVERY = "delivery"
    """Delivery: late, incomplete, damaged in transit."""
    BILLING = "billing"
    """Invoices, payments and statements."""
    OTHER = "other"
    """Anything else."""


@strawberry.enum(description="Where a ticket stands.")
class TicketStatus(StrEnum):
    OPEN = "open"
    """Waiting for the supplier's first reply."""
    IN_PROGRESS = "in_progress"
    """Staff have replied; the conversation goes on."""
    RESOLVED = "resolved"
    """Staff marked it resolved; the buyer may reopen it for a while."""
    CLOSED = "closed"
    """Closed; it may still be reopened within the reopen window."""


@strawberry.enum(description="What `ticketStatusChange` does to a ticket.")
class TicketAction(StrEnum):
    RESOLVE = "resolve"
    """Mark it resolved (staff only)."""
    CLOSE = "close"
    """Close it."""
    REOPEN = "reopen"
    """Open a resolved or closed ticket again, within the reopen period."""
