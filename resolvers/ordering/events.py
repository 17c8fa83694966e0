"""Order updates for subscribers, published after the change has committed."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import strawberry
from strawberry.types import Info

from db.orders import Order as OrderRow
from domain.accounts.permissions import Perm
from domain.ordering.feed import STAFF_FEED, channels, company_channel
from domain.shared.errors import ErrorCode
from resolvers.core.context import still_signed_in
from resolvers.core.errors import refusal
from resolvers.core.loaders import Loaders
from resolvers.core.permissions import requires
from schema.ordering.types import Order

log = logging.getLogger("dinghuo.orders")


async def publish(info: Info, order: OrderRow, kind: str) -> None:
    """Never fails the mutation: the change is committed; a lost notice is only logged."""
    message = {"orderId": order.id, "companyId": order.company_id, "kind": kind}
    try:
        for channel in channels(order.company_id):
            await info.context.broker.publish(channel, message)
    except Exception:  # noqa: BLE001 - the broker being down must not undo a committed order
        log.exception("could not publish order update")


@strawberry.type
class OrderUpdate:
    kind: str = strawberry.field(
        description="placed, approve, buyer_reject, review_pass, review_reject or cancel."
    )
    order: Order


@strawberry.type
class OrderSubscription:
    @strawberry.subscription(extensions=requires(Perm.ORDERS_READ))
    async def order_updates(self, info: Info) -> AsyncIterator[OrderUpdate]:
        """Buyers: their company's orders. Staff: every new and changed order."""
        principal = info.context.principal
        channel = STAFF_FEED if principal.is_staff else company_channel(principal.company_id)
        async for message in info.context.broker.subscribe(channel):
            # A fresh cache per event: a long-lived connection must not see stale rows.
            info.context.loaders = Loaders()
            if not await still_signed_in(info.context):
                raise refusal(info, info.context.auth_error or ErrorCode.UNAUTHENTICATED)
            principal = info.context.principal
            row = await OrderRow.get_or_none(id=message["orderId"])
            if row is not None and principal.can_see_company(row.company_id):
                yield OrderUpdate(kind=message["kind"], order=Order.from_db(info, row))
