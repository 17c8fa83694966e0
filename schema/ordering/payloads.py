"""What cart and order mutations answer."""

from __future__ import annotations

import strawberry

from schema.ordering.types import Cart, Order, QuickAddProblem
from schema.shared.errors import OrderChangeError
from schema.shared.payload import Payload


@strawberry.type
class OrderPayload(Payload):
    """The order as it is after the change; null when nothing changed."""

    order: Order | None = None


@strawberry.type
class OrderChangePayload(Payload):
    """An order placed or whose lines changed: stock and credit can refuse it."""

    errors: list[OrderChangeError] = strawberry.field(
        default_factory=list,
        description="Why nothing changed (a line short of stock, the credit limit, or a plain "
        "refusal); empty when it succeeded.",
    )
    order: Order | None = None
    """The order as it is now; null when nothing changed."""


@strawberry.type
class CartPayload(Payload):
    """The cart after the change (as it was when nothing changed)."""

    cart: Cart | None = None


@strawberry.type
class CartQuickAddPayload(Payload):
    """The cart after a quick order or a reorder, and the entries that were not added."""

    cart: Cart
    """The cart as it is now."""
    problems: list[QuickAddProblem] = strawberry.field(
        default_factory=list,
        description="Entries that were not added, with their position and why.",
    )
