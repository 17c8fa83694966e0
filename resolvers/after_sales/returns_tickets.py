"""Returns (退换货) and tickets (投诉与反馈)."""

from __future__ import annotations

import strawberry

from db.after_sales import ReturnRequest as ReturnRow
from db.after_sales import Ticket as TicketRow
from domain.accounts.permissions import Perm
from domain.after_sales import returns, tickets
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import authenticated, can, requires
from resolvers.ordering.orders import OrderLineInput
from resolvers.payments.payments import stripe_config
from schema.after_sales.enums import (
    ReceiptCondition,
    ReturnReason,
    ReturnResolution,
    ReturnStatus,
    TicketCategory,
    TicketStatus,
)
from schema.after_sales.types import ReturnRequest, Ticket
from schema.shared.connection import Connection
from schema.shared.payload import Payload


@strawberry.input
class ReturnReceiptInput:
    """What arrived back of one returned line, and its condition."""

    sku: str
    condition: ReceiptCondition = strawberry.field(
        description="RESTOCK (back into `warehouseId`) or SCRAP."
    )
    warehouse_id: strawberry.ID | None = None


@strawberry.type
class ReturnPayload(Payload):
    return_request: ReturnRequest | None = None


@strawberry.type
class TicketPayload(Payload):
    ticket: Ticket | None = None


async def _return(info: Info, work) -> ReturnPayload:
    row, errors = await attempt(info, work)
    return ReturnPayload(return_request=ReturnRequest.from_db(row) if row else None, errors=errors)


async def _ticket(info: Info, work) -> TicketPayload:
    row, errors = await attempt(info, work)
    return TicketPayload(ticket=Ticket.from_db(row) if row else None, errors=errors)


@strawberry.type
class AfterSalesQuery:
    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def returns(
        self,
        info: Info,
        status: ReturnStatus | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ReturnRequest]:
        """Newest first: buyers their company's, staff all."""
        principal = info.context.actor
        qs = (
            ReturnRow.all()
            if principal.is_staff
            else ReturnRow.filter(company_id=principal.company_id)
        )
        if status:
            qs = qs.filter(status=status.value)
        return await paginate(qs, Page(first, after, last, before), ReturnRequest.from_db)

    @strawberry.field(extensions=authenticated())
    async def tickets(
        self,
        info: Info,
        status: TicketStatus | None = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Ticket]:
        """Newest first: buyers their company's tickets, staff all."""
        principal = info.context.actor
        qs = (
            TicketRow.all()
            if principal.is_staff
            else TicketRow.filter(company_id=principal.company_id)
        )
        if status:
            qs = qs.filter(status=status.value)
        return await paginate(qs, Page(first, after, last, before), Ticket.from_db)


@strawberry.type
class AfterSalesMutation:
    @strawberry.mutation(extensions=can("returnRequest"))
    async def return_request(
        self,
        info: Info,
        order_id: strawberry.ID,
        lines: list[OrderLineInput],
        reason: ReturnReason,
        description: str = "",
        photo_urls: list[str] | None = None,
    ) -> ReturnPayload:
        """Return delivered goods: at most what was delivered less what is already returned."""

        async def run():
            return await returns.request(
                info.context.actor,
                ids.decode(order_id, "Order", "orderId"),
                [returns.Item(x.sku, x.quantity) for x in lines],
                reason.value,
                description,
                photo_urls or [],
            )

        return await _return(info, run())

    @strawberry.mutation(extensions=can("returnApprove"))
    async def return_approve(
        self, info: Info, id: strawberry.ID, instructions: str = ""
    ) -> ReturnPayload:
        """Approve a return request and tell the buyer how to send the goods back."""
        return await _return(
            info, returns.approve(info.context.actor, ids.decode(id, "ReturnRequest"), instructions)
        )

    @strawberry.mutation(extensions=can("returnReject"))
    async def return_reject(self, info: Info, id: strawberry.ID, reason: str) -> ReturnPayload:
        """Refuse a return request with a reason the buyer is told."""
        return await _return(
            info, returns.reject(info.context.actor, ids.decode(id, "ReturnRequest"), reason)
        )

    @strawberry.mutation(extensions=can("returnReceive"))
    async def return_receive(
        self, info: Info, id: strawberry.ID, lines: list[ReturnReceiptInput]
    ) -> ReturnPayload:
        """Record each returned line's condition: restock (into a warehouse) or scrap."""
        items = [
            returns.Item(
                x.sku,
                0,
                x.condition.value,
                ids.optional(x.warehouse_id, "Warehouse", "warehouseId"),
            )
            for x in lines
        ]
        return await _return(
            info, returns.receive(info.context.actor, ids.decode(id, "ReturnRequest"), items)
        )

    @strawberry.mutation(extensions=can("returnResolve", by="resolution"))
    async def return_resolve(
        self, info: Info, id: strawberry.ID, resolution: ReturnResolution
    ) -> ReturnPayload:
        """REFUND (card through Stripe, otherwise a credit note) or REPLACEMENT (a zero-priced
        order for the same goods)."""
        ctx = info.context
        return await _return(
            info,
            returns.resolve(
                ctx.actor,
                ids.decode(id, "ReturnRequest"),
                resolution.value,
                stripe_config(info),
                ctx.request_id,
            ),
        )

    @strawberry.mutation(extensions=can("ticketOpen"))
    async def ticket_open(
        self,
        info: Info,
        category: TicketCategory,
        subject: str,
        message: str,
        order_id: strawberry.ID | None = None,
        shipment_id: strawberry.ID | None = None,
    ) -> TicketPayload:
        """Open a complaint or feedback ticket, about an order or a shipment if given."""

        async def run():
            oid = ids.decode(order_id, "Order", "orderId") if order_id else None
            sid = ids.optional(shipment_id, "Shipment", "shipmentId")
            return await tickets.open_ticket(
                info.context.actor, category.value, subject, message, oid, sid
            )

        return await _ticket(info, run())

    @strawberry.mutation(extensions=can("ticketReply"))
    async def ticket_reply(
        self, info: Info, id: strawberry.ID, message: str, internal: bool = False
    ) -> TicketPayload:
        """Reply in the conversation; staff may write internal notes buyers never see."""
        return await _ticket(
            info, tickets.reply(info.context.actor, ids.decode(id, "Ticket"), message, internal)
        )

    @strawberry.mutation(extensions=can("ticketAssign"))
    async def ticket_assign(
        self, info: Info, id: strawberry.ID, staff_user_id: strawberry.ID
    ) -> TicketPayload:
        """Give a ticket to a staff member."""

        async def run():
            uid = ids.decode(staff_user_id, "User", "staffUserId")
            return await tickets.assign(info.context.actor, ids.decode(id, "Ticket"), uid)

        return await _ticket(info, run())

    @strawberry.mutation(extensions=can("ticketStatusChange"))
    async def ticket_status_change(
        self, info: Info, id: strawberry.ID, action: str
    ) -> TicketPayload:
        """resolve (staff), close, or reopen (within the reopen period)."""
        return await _ticket(
            info, tickets.move(info.context.actor, ids.decode(id, "Ticket"), action)
        )
