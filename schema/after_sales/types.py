"""Returns and tickets as buyers and staff read them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from db import after_sales as db
from schema.shared import links
from schema.shared.info import Info

if TYPE_CHECKING:
    from schema.fulfilment.types import Shipment
    from schema.ordering.types import Order


@strawberry.type
class ReturnLine:
    """The quantity of one order line asked back, and what was received of it."""

    sku: str
    quantity: int
    condition: str | None


@strawberry.type
class ReturnEvent:
    """One step in a return's timeline."""

    kind: str
    actor_email: str
    data: JSON
    created_at: datetime


@strawberry.type(description="退换货 request.")
class ReturnRequest(relay.Node):
    id: relay.NodeID[int]
    number: str
    status: str = strawberry.field(
        description="requested, approved, rejected, received, resolving, resolved"
    )
    reason: str
    description: str
    photo_urls: list[str]
    instructions: str
    reject_reason: str
    resolution: str | None
    created_at: datetime
    row: strawberry.Private[db.ReturnRequest]

    @classmethod
    def from_db(cls, row: db.ReturnRequest) -> ReturnRequest:
        return cls(
            id=row.id,
            number=row.number,
            status=row.status,
            reason=row.reason,
            description=row.description,
            photo_urls=row.photo_urls,
            instructions=row.instructions,
            reject_reason=row.reject_reason,
            resolution=row.resolution,
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
        loaders = info.context.loaders
        rows = await loaders.after_sales.return_lines.load(self.row.id)
        order_lines = await loaders.orders.order_line_by_id.load_many(
            [r.order_line_id for r in rows]
        )
        return [
            ReturnLine(sku=line.sku, quantity=r.quantity, condition=r.condition)
            for r, line in zip(rows, order_lines, strict=True)
        ]

    @strawberry.field(description="The return's timeline, oldest first.")
    async def events(self, info: Info) -> list[ReturnEvent]:
        rows = await info.context.loaders.after_sales.return_events.load(self.row.id)
        return [
            ReturnEvent(
                kind=r.kind, actor_email=r.actor_email, data=r.data, created_at=r.created_at
            )
            for r in rows
        ]


@strawberry.type
class TicketMessage:
    """One message in a ticket's conversation; internal notes are for staff only."""

    author_email: str
    from_staff: bool
    internal: bool = strawberry.field(description="A staff note; buyers never receive these.")
    body: str
    created_at: datetime


@strawberry.type(description="投诉与反馈 ticket.")
class Ticket(relay.Node):
    id: relay.NodeID[int]
    number: str
    category: str
    subject: str
    status: str = strawberry.field(description="open, in_progress, resolved or closed")
    first_response_at: datetime | None
    resolved_at: datetime | None
    created_at: datetime
    row: strawberry.Private[db.Ticket]

    @classmethod
    def from_db(cls, row: db.Ticket) -> Ticket:
        return cls(
            id=row.id,
            number=row.number,
            category=row.category,
            subject=row.subject,
            status=row.status,
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
