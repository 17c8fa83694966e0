"""Returns and tickets as buyers and staff read them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from db import after_sales as db
from schema.after_sales.enums import (
    ReceiptCondition,
    ReturnEventKind,
    ReturnReason,
    ReturnResolution,
    ReturnStatus,
    TicketCategory,
    TicketStatus,
)
from schema.shared import links
from schema.shared.info import Info
from schema.shared.money import money_in_data

if TYPE_CHECKING:
    from schema.fulfilment.types import Shipment
    from schema.ordering.types import Order


@strawberry.type
class ReturnLine:
    """The quantity of one order line asked back, and what was received of it."""

    sku: str
    """The SKU returned."""
    quantity: int
    """Units asked back."""
    condition: ReceiptCondition | None
    """What became of the goods on receipt; null until received."""


@strawberry.type
class ReturnEvent:
    """One step in a return's timeline."""

    kind: ReturnEventKind
    """What happened."""
    actor_email: str
    """Who did it; empty for the system."""
    data: JSON
    """Details of the step as a JSON object; amounts in it are Money objects `{amount, currency}`.
"""
    created_at: datetime
    """When it happened."""


@strawberry.type(description="退换货 request.")
class ReturnRequest(relay.Node):
    id: relay.NodeID[int]
    number: str
    """The return number people use."""
    status: ReturnStatus
    """Where the return stands."""
    reason: ReturnReason
    """Why the buyer returns the goods."""
    description: str
    """The buyer's account of the problem."""
    photo_urls: list[str]
    """Photos of the problem the buyer attached, as URLs."""
    instructions: str
    """How to send the goods back, from staff on approval; empty before."""
    reject_reason: str
    """Why staff refused; empty unless rejected."""
    resolution: ReturnResolution | None
    """How it was settled; null until resolved."""
    created_at: datetime
    """When the buyer asked."""
    row: strawberry.Private[db.ReturnRequest]

    @classmethod
    def from_db(cls, row: db.ReturnRequest) -> ReturnRequest:
        return cls(
            id=row.id,
            number=row.number,
            status=ReturnStatus(row.status),
            reason=ReturnReason(row.reason),
            description=row.description,
            photo_urls=row.photo_urls,
            instructions=row.instructions,
            reject_reason=row.reject_reason,
            resolution=ReturnResolution(row.resolution) if row.resolution else None,
            created_at=row.created_at,
            row=row,
        )

    @strawberry.field(description="The order the goods came from.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")]:  # noqa: UP037
        return await links.order(info, self.row.order_id)

    @strawberry.field
    async def lines(self, info: Info) -> list[ReturnLine]:
        """What is returned."""
        loaders = info.context.loaders
        rows = await loaders.after_sales.return_lines.load(self.row.id)
        order_lines = await loaders.orders.order_line_by_id.load_many(
            [r.order_line_id for r in rows]
        )
        return [
            ReturnLine(
                sku=line.sku,
                quantity=r.quantity,
                condition=ReceiptCondition(r.condition) if r.condition else None,
            )
            for r, line in zip(rows, order_lines, strict=True)
        ]

    @strawberry.field(description="The return's timeline, oldest first.")
    async def events(self, info: Info) -> list[ReturnEvent]:
        rows = await info.context.loaders.after_sales.return_events.load(self.row.id)
        return [
            ReturnEvent(
                kind=ReturnEventKind(r.kind),
                actor_email=r.actor_email,
                data=money_in_data(info, r.data),
                created_at=r.created_at,
            )
            for r in rows
        ]


@strawberry.type
class TicketMessage:
    """One message in a ticket's conversation; internal notes are for staff only."""

    author_email: str
    """Who wrote it."""
    from_staff: bool
    """Written by the supplier's staff, not the buyer."""
    internal: bool = strawberry.field(description="A staff note; buyers never receive these.")
    body: str
    """The message text."""
    created_at: datetime
    """When it was written."""


@strawberry.type(description="投诉与反馈 ticket.")
class Ticket(relay.Node):
    id: relay.NodeID[int]
    number: str
    """The ticket number people use."""
    category: TicketCategory
    """What the ticket is about."""
    subject: str
    """The subject line."""
    status: TicketStatus
    """Where the ticket stands."""
    first_response_at: datetime | None
    """When staff first replied; null before."""
    resolved_at: datetime | None
    """When it was last resolved; null if never."""
    created_at: datetime
    """When it was opened."""
    row: strawberry.Private[db.Ticket]

    @classmethod
    def from_db(cls, row: db.Ticket) -> Ticket:
        return cls(
            id=row.id,
            number=row.number,
            category=TicketCategory(row.category),
            subject=row.subject,
            status=TicketStatus(row.status),
            first_response_at=row.first_response_at,
            resolved_at=row.resolved_at,
            created_at=row.created_at,
            row=row,
        )

    @strawberry.field(description="The order the ticket is about, if any.")
    async def order(
        self, info: Info
    ) -> Annotated["Order", strawberry.lazy("schema.ordering.types")] | None:  # noqa: UP037
        return await links.optional_order(info, self.row.order_id)

    @strawberry.field(description="The shipment the ticket is about, if any.")
    async def shipment(
        self, info: Info
    ) -> Annotated["Shipment", strawberry.lazy("schema.fulfilment.types")] | None:  # noqa: UP037
        return await links.shipment(info, self.row.shipment_id)

    @strawberry.field(description="The conversation, oldest first; staff notes for staff only.")
    async def messages(self, info: Info) -> list[TicketMessage]:
        rows = await info.context.loaders.after_sales.ticket_messages.load(self.row.id)
        principal = info.context.principal
        if principal is None or not principal.is_staff:
            rows = [r for r in rows if not r.internal]
        return [
            TicketMessage(
                author_email=r.author_email,
                from_staff=r.from_staff,
                internal=r.internal,
                body=r.body,
                created_at=r.created_at,
            )
            for r in rows
        ]
