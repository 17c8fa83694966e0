"""Returns (退换货) and tickets (投诉与反馈)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from db.after_sales import ReturnRequest as ReturnRow
from db.after_sales import Ticket as TicketRow
from domain.accounts.permissions import Perm
from domain.accounts.visibility import visible_rows
from domain.after_sales import returns, tickets
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import authenticated, can, requires
from schema.after_sales.enums import ReturnStatus, TicketStatus
from schema.after_sales.inputs import (
    ReturnApproveInput,
    ReturnCreateInput,
    ReturnReceiveInput,
    ReturnRejectInput,
    ReturnResolveInput,
    TicketAssignInput,
    TicketCreateInput,
    TicketReplyInput,
    TicketStatusChangeInput,
)
from schema.after_sales.payloads import ReturnPayload, ReturnResolvePayload, TicketPayload
from schema.after_sales.types import ReturnRequest, Ticket
from schema.shared.connection import Connection
from schema.shared.payload import INPUT


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
        status: Annotated[
            ReturnStatus | None, strawberry.argument(description="Only returns in this status.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[ReturnRequest]:
        """Newest first: buyers their company's, staff all."""
        principal = info.context.actor
        qs = visible_rows(principal, ReturnRow.all())
        if status:
            qs = qs.filter(status=status.value)
        return await paginate(qs, Page(first, after, last, before), ReturnRequest.from_db)

    @strawberry.field(extensions=authenticated())
    async def tickets(
        self,
        info: Info,
        status: Annotated[
            TicketStatus | None, strawberry.argument(description="Only tickets in this status.")
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Ticket]:
        """Newest first: buyers their company's tickets, staff all."""
        principal = info.context.actor
        qs = visible_rows(principal, TicketRow.all())
        if status:
            qs = qs.filter(status=status.value)
        return await paginate(qs, Page(first, after, last, before), Ticket.from_db)


@strawberry.type
class AfterSalesMutation:
    @strawberry.mutation(extensions=can("returnCreate"))
    async def return_create(
        self, info: Info, input: Annotated[ReturnCreateInput, INPUT]
    ) -> ReturnPayload:
        """Return delivered goods: at most what was delivered less what is already returned."""

        async def run():
            return await returns.request(
                info.context.actor,
                ids.decode(input.order_id, "Order", "orderId"),
                [returns.Item(x.sku, x.quantity) for x in input.lines],
                input.reason.value,
                input.description,
                input.photo_urls or [],
            )

        return await _return(info, run())

    @strawberry.mutation(extensions=can("returnApprove"))
    async def return_approve(
        self, info: Info, input: Annotated[ReturnApproveInput, INPUT]
    ) -> ReturnPayload:
        """Approve a return request and tell the buyer how to send the goods back."""
        rid = ids.decode(input.id, "ReturnRequest")
        return await _return(info, returns.approve(info.context.actor, rid, input.instructions))

    @strawberry.mutation(extensions=can("returnReject"))
    async def return_reject(
        self, info: Info, input: Annotated[ReturnRejectInput, INPUT]
    ) -> ReturnPayload:
        """Refuse a return request with a reason the buyer is told."""
        rid = ids.decode(input.id, "ReturnRequest")
        return await _return(info, returns.reject(info.context.actor, rid, input.reason))

    @strawberry.mutation(extensions=can("returnReceive"))
    async def return_receive(
        self, info: Info, input: Annotated[ReturnReceiveInput, INPUT]
    ) -> ReturnPayload:
        """Record each returned line's condition: restock (into a warehouse) or scrap."""
        items = [
            returns.Item(
                x.sku,
                0,
                x.condition.value,
                ids.optional(x.warehouse_id, "Warehouse", "warehouseId"),
            )
            for x in input.lines
        ]
        rid = ids.decode(input.id, "ReturnRequest")
        return await _return(info, returns.receive(info.context.actor, rid, items))

    @strawberry.mutation(extensions=can("returnResolve", by="resolution"))
    async def return_resolve(
        self, info: Info, input: Annotated[ReturnResolveInput, INPUT]
    ) -> ReturnResolvePayload:
        """REFUND (card through Stripe, otherwise a credit note) or REPLACEMENT (a zero-priced
        order for the same goods)."""
        ctx = info.context
        work = returns.resolve(
            ctx.policies.payments,
            ctx.actor,
            ids.decode(input.id, "ReturnRequest"),
            input.resolution.value,
            ctx.request_id,
        )
        row, errors = await attempt(info, work)
        return ReturnResolvePayload(
            return_request=ReturnRequest.from_db(row) if row else None, errors=errors
        )

    @strawberry.mutation(extensions=can("ticketCreate"))
    async def ticket_create(
        self, info: Info, input: Annotated[TicketCreateInput, INPUT]
    ) -> TicketPayload:
        """Open a complaint or feedback ticket, about an order or a shipment if given."""

        async def run():
            oid = ids.optional(input.order_id, "Order", "orderId")
            sid = ids.optional(input.shipment_id, "Shipment", "shipmentId")
            return await tickets.open_ticket(
                info.context.actor, input.category.value, input.subject, input.message, oid, sid
            )

        return await _ticket(info, run())

    @strawberry.mutation(extensions=can("ticketReply"))
    async def ticket_reply(
        self, info: Info, input: Annotated[TicketReplyInput, INPUT]
    ) -> TicketPayload:
        """Reply in the conversation; staff may write internal notes buyers never see."""
        tid = ids.decode(input.id, "Ticket")
        work = tickets.reply(info.context.actor, tid, input.message, input.internal)
        return await _ticket(info, work)

    @strawberry.mutation(extensions=can("ticketAssign"))
    async def ticket_assign(
        self, info: Info, input: Annotated[TicketAssignInput, INPUT]
    ) -> TicketPayload:
        """Give a ticket to a staff member."""

        async def run():
            uid = ids.decode(input.staff_user_id, "User", "staffUserId")
            return await tickets.assign(info.context.actor, ids.decode(input.id, "Ticket"), uid)

        return await _ticket(info, run())

    @strawberry.mutation(extensions=can("ticketStatusChange"))
    async def ticket_status_change(
        self, info: Info, input: Annotated[TicketStatusChangeInput, INPUT]
    ) -> TicketPayload:
        """RESOLVE (staff), CLOSE, or REOPEN (within the reopen period)."""
        tid = ids.decode(input.id, "Ticket")
        work = tickets.move(info.context.actor, tid, input.action.value)
        return await _ticket(info, work)
