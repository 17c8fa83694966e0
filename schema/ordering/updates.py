"""What order subscribers receive."""

from __future__ import annotations

import strawberry

from schema.ordering.enums import OrderUpdateKind
from schema.ordering.types import Order


@strawberry.type
class OrderUpdate:
    """Something happened to an order: what, and the order as it is now."""

    kind: OrderUpdateKind
    """What happened (one of the kinds of `OrderUpdateKind`)."""
    order: Order
    """The order as it is now, after the change."""
