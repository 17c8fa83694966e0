"""Returns (退换货) and tickets (投诉与反馈)."""

from __future__ import annotations

import strawberry
from strawberry import relay

from db.after_sales import ReturnRequest as ReturnRow
from db.after_sales import Ticket as TicketRow
from domain.accounts.permissions import Perm
from domain.after_sales import returns, tickets
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.permissions import authenticated, can, requires
from resolvers.ordering.orders import OrderLineInput
from resolvers.payments.payments import stripe_config
from schema.accounts.payloads import Payload
from schema.after_sales.types import ReturnRequest, Ticket


@strawberry.input
class ReturnReceiptInput:
    """What arrived back of one returned line, and its condition."""

    sku: str
    condition: str = strawberry.field(description="restock or scrap")
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
    async def returns(self, info: Info, status: str | None = None) -> list[ReturnRequest]:
        """Newest first: buyers their company's, staff all."""
        principal = info.context.actor
        qs = (
            ReturnRow.all()
            if principal.is_staff
            else ReturnRow.filter(company_id=principal.company_id)
        )
        if status:
            qs = qs.filter(status=status)
        return [ReturnRequest.from_db(r) for r in await qs.order_by("-id").limit(200)]

    @strawberry.field(extensions=authenticated())
    async def tickets(self, info: Info, status: str | None = None) -> list[Ticket]:
        """Newest first: buyers their company's tickets, staff all."""
        principal = info.context.actor
        qs = (
            TicketRow.all()
            if principal.is_staff
            else TicketRow.filter(company_id=principal.company_id)
        )
        if status:
            qs = qs.filter(status=status)
        return [Ticket.from_db(r) for r in await qs.order_by("-id").limit(200)]


@strawberry.type
class AfterSalesMutation:
    @strawberry.mutation(extensions=can("returnRequest"))
    async def return_request(
        self,
        info: Info,
        order_id: relay.GlobalID,
        lines: list[OrderLineInput],
        reason: str,
        description: str = "",
        photo_urls: list[str] | None = None,
    ) -> ReturnPayload:
        """Return delivered goods: at most what was delivered less what is already returned.
        Reasons: damaged, wrong_item, quality, expired, other."""

        async def run():
            return await returns.request(
                info.context.actor,
                ids.decode(order_id, "Order", "orderId"),
                [returns.Item(x.sku, x.quantity) for x in lines],
                reason,
                description,
                photo_urls or [],
            )

        return await _return(info, run())

    @strawberry.mutation(extensions=can("returnApprove"))
    async def return_approve(
        self, info: Info, id: strawberry.ID, instructions: str = ""
    ) -> ReturnPayload:
        """Approve a return request and tell the buyer how to send the goods back."""
        return await _return(info, returns.approve(info.context.actor, ids.plain(id), instructions))

    @strawberry.mutation(extensions=can("returnReject"))
    async def return_reject(self, info: Info, id: strawberry.ID, reason: str) -> ReturnPayload:
        """Refuse a return request with a reason the buyer is told."""
        return await _return(info, returns.reject(info.context.actor, ids.plain(id), reason))

    @strawberry.mutation(extensions=can("returnReceive"))
    async def return_receive(
        self, info: Info, id: strawberry.ID, lines: list[ReturnReceiptInput]
    ) -> ReturnPayload:
        """Record each returned line's condition: restock (into a warehouse) or scrap."""
        items = [
            returns.Item(
                x.sku, 0, x.condition, ids.plain(x.warehouse_id) if x.warehouse_id else None
            )
            for x in lines
        ]
        return await _return(info, returns.receive(info.context.actor, ids.plain(id), items))

    @strawberry.mutation(extensions=can("returnResolve", by="resolution"))
    async def return_resolve(self, info: Info, id: strawberry.ID, resolution: str) -> ReturnPayload:
        """refund (card through Stripe, otherwise a credit note) or replacement (a zero-priced
        order for the same goods)."""
        ctx = info.context
        return await _return(
            info,
            returns.resolve(
                ctx.actor, ids.plain(id), resolution, stripe_config(info), ctx.request_id
            ),
        )

    @strawberry.mutation(extensions=can("ticketOpen"))
    async def ticket_open(
        self,
        info: Info,
        category: str,
        subject: str,
        message: str,
        order_id: relay.GlobalID | None = None,
        shipment_id: strawberry.ID | None = None,
    ) -> TicketPayload:
        """Categories: quality, delivery, billing, other."""

        async def run():
            oid = ids.decode(order_id, "Order", "orderId") if order_id else None
            sid = ids.plain(shipment_id) if shipment_id else None
            return await tickets.open_ticket(
                info.context.actor, category, subject, message, oid, sid
            )

        return await _ticket(info, run())

    @strawberry.mutation(extensions=can("ticketReply"))
    async def ticket_reply(
        self, info: Info, id: strawberry.ID, message: str, internal: bool = False
    ) -> TicketPayload:
        """Reply in the conversation; staff may write internal notes buyers never see."""
        return await _ticket(
            info, tickets.reply(info.context.actor, ids.plain(id), message, internal)
        )

    @strawberry.mutation(extensions=can("ticketAssign"))
    async def ticket_assign(
        self, info: Info, id: strawberry.ID, staff_user_id: relay.GlobalID
    ) -> TicketPayload:
        """Give a ticket to a staff member."""

        async def run():
            uid = ids.decode(staff_user_id, "User", "staffUserId")
            return await tickets.assign(info.context.actor, ids.plain(id), uid)

        return await _ticket(info, run())

    @strawberry.mutation(extensions=can("ticketStatusChange"))
    async def ticket_status_change(
        self, info: Info, id: strawberry.ID, action: str
    ) -> TicketPayload:
        """resolve (staff), close, or reopen (within the reopen period)."""
        return await _ticket(info, tickets.move(info.context.actor, ids.plain(id), action))
