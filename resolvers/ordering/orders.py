"""Placing orders, finding them, and moving them along: approval, review, cancellation."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import partial
from typing import Annotated, Any, TypeVar

import strawberry

from db.orders import Order as OrderRow
from domain.accounts.permissions import Perm
from domain.accounts.visibility import visible_rows
from domain.ordering import actions as order_actions
from domain.ordering import cart
from domain.ordering import modify as order_changes
from domain.ordering import place as ordering
from domain.pricing import prices as pricing
from domain.shared import clock, validation
from domain.shared.errors import DomainError
from resolvers.core import ids
from resolvers.core.context import Info
from resolvers.core.errors import attempt, refusal
from resolvers.core.pagination import After, Before, First, Last, Page, paginate
from resolvers.core.permissions import can, requires
from resolvers.pricing.viewer_prices import price_lookups
from schema.ordering.inputs import (
    OrderApprovalRejectInput,
    OrderApproveInput,
    OrderCancelInput,
    OrderFilter,
    OrderLineAdjustInput,
    OrderLineInput,
    OrderModifyInput,
    OrderPlaceForCompanyInput,
    OrderPlaceInput,
    OrderReviewPassInput,
    OrderReviewRejectInput,
)
from schema.ordering.payloads import OrderChangePayload, OrderPayload
from schema.ordering.types import Order
from schema.shared.connection import Connection
from schema.shared.payload import INPUT

# Other areas' order mutations (shipments, payments, returns) take these from here.
__all__ = ["OrderLineInput", "OrderPayload"]


Answer = TypeVar("Answer", OrderPayload, OrderChangePayload)


async def _payload(info: Info, work, answer: type[Answer]) -> Answer:
    row, errors = await attempt(info, work)
    return answer(order=Order.from_db(info, row) if row else None, errors=errors)


async def _placed(info: Info, work) -> OrderChangePayload:
    placed, errors = await attempt(info, work)
    if placed is None:
        return OrderChangePayload(errors=_ship_to_paths(errors))
    return OrderChangePayload(order=Order.from_db(info, placed.order), errors=errors)


# The domain names the address fields as the former arguments did; clients find them under
# `shipTo` (`["shipTo", "address", "phone"]`).
_SHIP_TO = {"addressId": ["shipTo", "addressId"], "shippingAddress": ["shipTo", "address"]}


def _ship_to_paths(errors: list[Any]) -> list[Any]:
    for error in errors:
        if error.field and error.field[0] in _SHIP_TO:
            error.field = _SHIP_TO[error.field[0]] + error.field[1:]
    return errors


@strawberry.type
class OrderQuery:
    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def orders(
        self,
        info: Info,
        filter: Annotated[
            OrderFilter | None,
            strawberry.argument(description="What the orders are narrowed to."),
        ] = None,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Order]:
        """Newest first. Buyers see their company's orders; staff see all."""
        principal = info.context.actor
        where = filter or OrderFilter()
        qs = visible_rows(principal, OrderRow.all())
        try:
            if principal.is_staff:
                if where.company_id is not None:
                    cid = ids.decode(where.company_id, "Company", "companyId")
                    qs = qs.filter(company_id=cid)
                if where.sales_rep_id is not None:
                    rep = ids.decode(where.sales_rep_id, "User", "salesRepId")
                    qs = qs.filter(company__sales_rep_id=rep)
            if where.status:
                qs = qs.filter(status__in=[str(s.value) for s in where.status])
            zone = clock.zone()
            if where.date_from:
                qs = qs.filter(created_at__gte=datetime.combine(where.date_from, time(), zone))
            if where.date_to:
                end = datetime.combine(where.date_to + timedelta(days=1), time(), zone)
                qs = qs.filter(created_at__lt=end)
            if where.number:
                qs = qs.filter(number__icontains=where.number.strip())
            if where.po_number:
                qs = qs.filter(po_number__icontains=where.po_number.strip())
            if where.sku:
                qs = qs.filter(lines__sku=where.sku.strip().upper()).distinct()
            return await paginate(
                qs, Page(first, after, last, before), lambda r: Order.from_db(info, r)
            )
        except DomainError as exc:
            raise refusal(info, exc.code, **exc.params) from exc

    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def order(
        self,
        info: Info,
        number: Annotated[str, strawberry.argument(description="The exact order number.")],
    ) -> Order | None:
        """One order by its exact number; null when there is none the viewer may see."""
        principal = info.context.actor
        number = number.strip()
        if not number or len(number) > 32 or "\x00" in number:
            return None  # no order has such a number (and PostgreSQL refuses NUL in text)
        row = await visible_rows(principal, OrderRow.filter(number=number)).first()
        return Order.from_db(info, row) if row is not None else None


@strawberry.type
class OrderMutation:
    @strawberry.mutation(extensions=can("orderPlace"))
    async def order_place(
        self, info: Info, input: Annotated[OrderPlaceInput, INPUT]
    ) -> OrderChangePayload:
        """Turn the cart into an order: prices, stock and the number are all decided here."""
        ctx = info.context

        async def run():
            placement = await _placement(info, input, ctx.actor.own_company_id)
            return await ordering.place_once(ctx.policies.ordering, placement, ctx.actor.user_id)

        return await _placed(info, run())

    @strawberry.mutation(extensions=can("orderPlaceForCompany"))
    async def order_place_for_company(
        self, info: Info, input: Annotated[OrderPlaceForCompanyInput, INPUT]
    ) -> OrderChangePayload:
        """代客下单: staff place an order for a company, at the company's prices. It skips the
        company's own approval and is marked as placed by staff on its timeline."""

        async def run():
            cid = ids.decode(input.company_id, "Company", "companyId")
            lines = input.lines
            entries = [cart.QuickLine(n, x.sku, str(x.quantity)) for n, x in enumerate(lines, 1)]
            given = await cart.lines_from_skus(entries)
            placement = await _placement(info, input, cid, on_behalf=True)
            return await ordering.place_once(info.context.policies.ordering, placement, None, given)

        return await _placed(info, run())

    @strawberry.mutation(extensions=can("orderModify"))
    async def order_modify(
        self, info: Info, input: Annotated[OrderModifyInput, INPUT]
    ) -> OrderChangePayload:
        """Change quantities by SKU (0 removes a line, a new SKU adds one) until the supplier
        confirms the order or money is received for it. Changed lines are placed again: the
        quantity rules and today's price for the new quantity apply, a staff price set for the
        old quantity is dropped, stock and credit follow, and the order goes back to the
        company's approver or the first review step when placing it now would."""
        changes = [order_changes.LineChange(x.sku, x.quantity) for x in input.lines]
        on = clock.today()

        async def modify(actor, order_id):
            policy = info.context.policies.ordering
            return await order_changes.buyer_modify(policy, actor, order_id, changes, on)

        return await _act(info, input.id, modify, answer=OrderChangePayload)

    @strawberry.mutation(extensions=can("orderLineAdjust"))
    async def order_line_adjust(
        self, info: Info, input: Annotated[OrderLineAdjustInput, INPUT]
    ) -> OrderChangePayload:
        """Staff (admin, sales) change a line before the order review passes, with a reason."""
        ctx = info.context
        on = clock.today()
        x = input

        async def adjust(actor, order_id):
            return await order_changes.staff_adjust(
                ctx.policies.ordering,
                actor,
                order_id,
                x.sku,
                x.quantity,
                x.unit_price,
                x.reason,
                on,
                ctx.request_id,
            )

        return await _act(info, input.id, adjust, answer=OrderChangePayload)

    @strawberry.mutation(extensions=can("orderApprove"))
    async def order_approve(
        self, info: Info, input: Annotated[OrderApproveInput, INPUT]
    ) -> OrderPayload:
        """A company approver passes the order on to the supplier."""
        approve = partial(order_actions.approve, info.context.policies.ordering)
        return await _act(info, input.id, approve, input.comment)

    @strawberry.mutation(extensions=can("orderApprovalReject"))
    async def order_approval_reject(
        self, info: Info, input: Annotated[OrderApprovalRejectInput, INPUT]
    ) -> OrderPayload:
        """A company approver turns the order down; its stock is released."""
        reject = order_actions.buyer_reject
        return await _act(info, input.id, reject, input.comment)

    @strawberry.mutation(extensions=can("orderReviewPass"))
    async def order_review_pass(
        self, info: Info, input: Annotated[OrderReviewPassInput, INPUT]
    ) -> OrderPayload:
        """Pass the review step (审核) the order waits for; only that step's role may."""
        review_pass = partial(order_actions.review_pass, info.context.policies.ordering)
        return await _act(info, input.id, review_pass)

    @strawberry.mutation(extensions=can("orderReviewReject"))
    async def order_review_reject(
        self, info: Info, input: Annotated[OrderReviewRejectInput, INPUT]
    ) -> OrderPayload:
        """Reject an order at the current review step, with a reason; its stock is released."""
        reject = order_actions.review_reject
        return await _act(info, input.id, reject, input.reason)

    @strawberry.mutation(extensions=can("orderCancel"))
    async def order_cancel(
        self, info: Info, input: Annotated[OrderCancelInput, INPUT]
    ) -> OrderPayload:
        """Buyers cancel until the order ships; staff (admin, sales) with a reason."""
        return await _act(info, input.id, order_actions.cancel, input.reason)


async def _placement(
    info: Info, input: OrderPlaceInput, company_id: int, on_behalf: bool = False
) -> ordering.Placement:
    ctx = info.context
    # A @oneOf input leaves the field not chosen UNSET, which is falsy.
    address = input.ship_to.address or None
    given = {}
    if address is not None:
        given = {
            "recipient": address.recipient,
            "phone": address.phone,
            "region": address.region,
            "line": address.line,
            "postalCode": address.postal_code,
        }
    address_id = ids.optional(input.ship_to.address_id or None, "CompanyAddress", "addressId")
    # On a request, the buyer's own company and the pricing version came with its sign-in:
    # the loader answers without a query, the price lists come from memory. A websocket
    # signed in once for its whole connection, so placement reads both afresh there. Staff
    # get the company read by placement: the loader may hold it from before a change made
    # earlier in the same document.
    stale = ctx.over_websocket
    own = not (stale or on_behalf)
    company = await ctx.loaders.company_by_id.load(company_id) if own else None
    return ordering.Placement(
        actor=ctx.actor,
        company_id=company_id,
        payment_method=str(input.payment_method.value),
        shipping_address=given,
        address_id=address_id,
        on=clock.today(),
        po_number=input.po_number,
        requested_delivery_date=input.requested_delivery_date,
        note=input.note,
        # The column holds 100 characters: refuse a longer key before it reaches the database.
        idempotency_key=validation.text(input.idempotency_key, "idempotencyKey", 100, False)
        or None,
        on_behalf=on_behalf,
        company=company,
        prices=pricing.FROM_DATABASE if stale else price_lookups(ctx),
    )


async def _act(
    info: Info,
    gid: strawberry.ID,
    action,
    *args,
    answer: type[Answer] = OrderPayload,  # type: ignore[assignment]
) -> Answer:
    """Run an order action as (actor, order id, *args); the domain queues what subscribers
    hear."""

    async def run():
        return await action(info.context.actor, ids.decode(gid, "Order"), *args)

    return await _payload(info, run(), answer)
