"""Order updates for subscribers. The domain queues them and `domain/ordering/feed.py`
publishes them once the change has committed, whatever made it (API, webhook, CLI)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import strawberry

from db.orders import Order as OrderRow
from domain.accounts.permissions import Perm
from domain.ordering.feed import STAFF_FEED, company_channel
from domain.shared.errors import DomainError, ErrorCode
from resolvers.core import ids
from resolvers.core.context import Info, still_signed_in
from resolvers.core.errors import refusal
from resolvers.core.loaders import Loaders
from resolvers.core.permissions import requires
from schema.ordering.enums import OrderUpdateKind
from schema.ordering.types import Order
from schema.ordering.updates import OrderUpdate


@strawberry.type
class OrderSubscription:
    """Live updates for orders the viewer may see."""

    @strawberry.subscription(extensions=requires(Perm.ORDERS_READ))
    async def order_updates(
        self,
        info: Info,
        order_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Only this order's updates (an order page); NOT_FOUND when the "
                "viewer may not see it, as `node(id:)` shows it as null."
            ),
        ] = None,
    ) -> AsyncIterator[OrderUpdate]:
        """Buyers: their company's orders. Staff: every new and changed order."""
        principal = info.context.actor
        try:
            only = ids.decode(order_id, "Order", "orderId") if order_id is not None else None
        except DomainError as exc:
            # Subscriptions skip the operation hooks that code other errors: code it here.
            raise refusal(info, exc.code) from exc
        if only is not None:
            row = await OrderRow.get_or_none(id=only)
            if row is None or not principal.can_see_company(row.company_id):
                raise refusal(info, ErrorCode.NOT_FOUND)
        channel = STAFF_FEED if principal.is_staff else company_channel(principal.own_company_id)
        async for message in info.context.broker.subscribe(channel):
            if only is not None and message["orderId"] != only:
                continue
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
