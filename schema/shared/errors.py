"""Errors returned in mutation payloads: a stable code, the input field, a localized message."""

from __future__ import annotations

import strawberry

from domain.shared.errors import ErrorCode as DomainErrorCode
from domain.shared.messages import MESSAGES
from schema.shared.money import Money

ErrorCode = strawberry.enum(
    DomainErrorCode, name="ErrorCode", description="Every error code the API returns."
)
# Each code is described by its English message (placeholders such as {max} are filled in
# the message a client receives), so the catalogue stays the one place that words them.
for _value in ErrorCode.__strawberry_definition__.values:  # type: ignore[attr-defined]
    _value.description = MESSAGES.get(_value.value, {}).get("en")


@strawberry.interface(description="A refusal the caller can show next to the input it concerns.")
class UserError:
    field: list[str] | None = strawberry.field(
        description=(
            "Path to the input field it concerns, from inside the mutation's `input` argument "
            '(`["shippingAddress", "phone"]`, `["lines", "2", "quantity"]`, list positions '
            "counted from 0); null when it concerns no one field."
        )
    )
    code: ErrorCode
    """What went wrong, stable across languages: match on this, not on the message."""
    message: str = strawberry.field(description="In the caller's language (Accept-Language).")


@strawberry.interface(
    description="What placing or changing an order's lines can return: a plain refusal, a line "
    "short of stock, or the credit limit."
)
class OrderChangeError(UserError):
    pass


@strawberry.interface(
    description="What a change that takes stock can return: a plain refusal or a line short "
    "of stock."
)
class StockError(OrderChangeError):
    pass


# Each mutation's payload lists its errors as the narrowest of these interfaces, so a client's
# generated types hold exactly the error types that mutation can return.
@strawberry.type
class InputError(StockError):
    """A plain refusal with no data beyond its code."""


@strawberry.type
class InsufficientStockError(StockError):
    """Not enough stock for a line: what is available now."""

    sku: str
    """The SKU short of stock."""
    quantity_available: int
    """Units that can be ordered now (0 when none)."""


@strawberry.type
class CreditLimitError(OrderChangeError):
    """The order would take the company past its credit limit."""

    available_credit: Money
    """What the company may still order on credit terms now (never below zero)."""
