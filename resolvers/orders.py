"""Placing orders, finding them, and moving them along: approval, review, cancellation."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import strawberry
from strawberry import relay
from strawberry.types import Info

from db.orders import Order as OrderRow
from domain import order_actions, ordering
from domain.errors import DomainError
from domain.permissions import Perm
from resolvers import ids
from resolvers.errors import attempt, refusal
from resolvers.order_events import publish
from resolvers.pagination import paginate
from resolvers.permissions import authenticated, requires
from resolvers.viewer_prices import business_date
from schema.account_payloads import Payload
from schema.orders import Order, OrderStatus, PaymentMethodEnum


@strawberry.input
class AddressInput:
    recipient: str
    phone: str
    region: str = strawberry.field(description="Province, city and district.")
    line: str
    postal_code: str = ""


@strawberry.input
class OrderPlaceInput:
    payment_method: PaymentMethodEnum
    shipping_address: AddressInput
    po_number: str = ""
    requested_delivery_date: date | None = None
    note: str = ""
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the same order."
    )


@strawberry.input
class OrderFilter:
    status: list[OrderStatus] | None = None
    date_from: date | None = None
    date_to: date | None = None
    number: str | None = None
    po_number: str | None = None
    sku: str | None = None
    company_id: relay.GlobalID | None = strawberry.field(default=None, description="Staff only.")


@strawberry.type
class OrderPayload(Payload):
    order: Order | None = None


def _steps(info: Info) -> list[str]:
    return info.context.settings.review_steps()


async def _payload(info: Info, work, kind: str) -> OrderPayload:
    row, errors = await attempt(info, work)
    if row is not None:
        await publish(info, row, kind)  # the domain call has committed by now
    return OrderPayload(order=Order.from_db(info, row) if row else None, errors=errors)


@strawberry.type
class OrderQuery:
    @strawberry.field(extensions=requires(Perm.ORDERS_READ))
    async def orders(
        self,
        info: Info,
        filter: OrderFilter | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> relay.Connection[Order]:
        """Newest first. Buyers see their company's orders; staff see all."""
        principal = info.context.principal
        where = filter or OrderFilter()
        qs = OrderRow.all()
        try:
            if not principal.is_staff:
                qs = qs.filter(company_id=principal.company_id)
            elif where.company_id is not None:
                qs = qs.filter(company_id=ids.decode(where.company_id, "Company", "companyId"))
            if where.status:
                qs = qs.filter(status__in=[str(s.value) for s in where.status])
            zone = ZoneInfo(info.context.settings.timezone)
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
            return await paginate(qs, first, after, lambda r: Order.from_db(info, r))
        except DomainError as exc:
            raise refusal(info, exc.code) from exc


@strawberry.type
class OrderMutation:
    @strawberry.mutation(extensions=requires(Perm.ORDERS_PLACE))
    async def order_place(self, info: Info, input: OrderPlaceInput) -> OrderPayload:
        """Turn the cart into an order: prices, stock and the number are all decided here."""
        ctx = info.context
        address = {
            "recipient": input.shipping_address.recipient,
            "phone": input.shipping_address.phone,
            "region": input.shipping_address.region,
            "line": input.shipping_address.line,
            "postalCode": input.shipping_address.postal_code,
        }
        placement = ordering.Placement(
            actor=ctx.principal,
            company_id=ctx.principal.company_id,
            payment_method=str(input.payment_method.value),
            shipping_address=address,
            on=business_date(ctx.settings.timezone),
            review_steps=_steps(info),
            currency=ctx.settings.default_currency,
            po_number=input.po_number,
            requested_delivery_date=input.requested_delivery_date,
            note=input.note,
            idempotency_key=input.idempotency_key,
        )
        return await _payload(info, ordering.place(placement, ctx.principal.user_id), "placed")

    @strawberry.mutation(extensions=requires(Perm.ORDERS_APPROVE))
    async def order_approve(
        self, info: Info, id: relay.GlobalID, comment: str = ""
    ) -> OrderPayload:
        """A company approver passes the order on to the supplier."""
        return await _act(info, id, order_actions.approve, comment)

    @strawberry.mutation(extensions=requires(Perm.ORDERS_APPROVE))
    async def order_approval_reject(
        self, info: Info, id: relay.GlobalID, comment: str
    ) -> OrderPayload:
        """A company approver turns the order down; its stock is released."""
        return await _act(info, id, order_actions.buyer_reject, comment)

    @strawberry.mutation(extensions=requires(Perm.ORDERS_REVIEW))
    async def order_review_pass(self, info: Info, id: relay.GlobalID) -> OrderPayload:
        """Pass the review step (审核) the order waits for; only that step's role may."""
        return await _act(info, id, order_actions.review_pass)

    @strawberry.mutation(extensions=requires(Perm.ORDERS_REVIEW))
    async def order_review_reject(
        self, info: Info, id: relay.GlobalID, reason: str
    ) -> OrderPayload:
        return await _act(info, id, order_actions.review_reject, reason)

    @strawberry.mutation(extensions=authenticated())
    async def order_cancel(self, info: Info, id: relay.GlobalID, reason: str = "") -> OrderPayload:
        """Buyers cancel until the order ships; staff (admin, sales) with a reason."""
        return await _act(info, id, order_actions.cancel, reason)


async def _act(info: Info, gid: relay.GlobalID, action, *args) -> OrderPayload:
    """Run an order action as (actor, order id, *args, review steps)."""

    async def run():
        return await action(info.context.principal, ids.decode(gid, "Order"), *args, _steps(info))

    return await _payload(info, run(), action.__name__)
