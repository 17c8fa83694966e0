"""Order updates for subscribers, published after the change has committed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import strawberry

from db.orders import Order as OrderRow
from domain.accounts.permissions import Perm
from domain.ordering import feed
from domain.ordering.feed import STAFF_FEED, company_channel
from domain.shared.errors import ErrorCode
from resolvers.core.context import Info, still_signed_in
from resolvers.core.errors import refusal
from resolvers.core.loaders import Loaders
from resolvers.core.permissions import requires
from schema.ordering.enums import OrderUpdateKind
from schema.ordering.types import Order


async def publish(info: Info, order: OrderRow, kind: str) -> None:
    """Never fails the mutation: the change is committed; a lost notice is only logged.
    What the domain queued under the same kind is then not sent again (dinghuo/announce.py)."""
    if (order.id, kind) in info.context.announced:
        return
    info.context.announced.add((order.id, kind))
    await feed.publish(info.context.broker, order.id, order.company_id, kind)


@strawberry.type
class OrderUpdate:
    """Something happened to an order: what, and the order as it is now."""

    kind: OrderUpdateKind
    """What happened (one of the kinds of `OrderUpdateKind`)."""
    order: Order
    """The order as it is now, after the change."""


@strawberry.type
class OrderSubscription:
    """Live updates for orders the viewer may see."""

    @strawberry.subscription(extensions=requires(Perm.ORDERS_READ))
    async def order_updates(self, info: Info) -> AsyncIterator[OrderUpdate]:
        """Buyers: their company's orders. Staff: every new and changed order."""
        principal = info.context.actor
        channel = STAFF_FEED if principal.is_staff else company_channel(principal.own_company_id)
        async for message in info.context.broker.subscribe(channel):
            # A fresh cache per event: a long-lived connection must not see stale rows.
            info.context.loaders = Loaders()
            if not await still_signed_in(info.context):
                raise refusal(info, info.context.auth_error or ErrorCode.UNAUTHENTICATED)
            principal = info.context.actor
            row = await OrderRow.get_or_none(id=message["orderId"])
            if row is not None and principal.can_see_company(row.company_id):
                yield OrderUpdate(
                    kind=OrderUpdateKind(message["kind"]), order=Order.from_db(info, row)
                )
