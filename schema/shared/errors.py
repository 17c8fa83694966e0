"""Errors returned in mutation payloads: a stable code, the input field, a localized message."""

from __future__ import annotations

import strawberry

from domain.shared.errors import ErrorCode as DomainErrorCode

ErrorCode = strawberry.enum(
    DomainErrorCode, name="ErrorCode", description="Every error code the API returns."
)


@strawberry.interface(description="A refusal the caller can show next to the input it concerns.")
class UserError:
    field: str | None = strawberry.field(description="Input field in camelCase, if any.")
    code: ErrorCode
    message: str = strawberry.field(description="In the caller's language (Accept-Language).")


@strawberry.type
class InputError(UserError):
    """A plain refusal with no data beyond its code."""


@strawberry.type
class InsufficientStockError(UserError):
    """Not enough stock for a line: what is available now."""

    sku: str
    quantity_available: int


@strawberry.type
class CreditLimitError(UserError):
    """The order would take the company past its credit limit."""

    available_credit: str = strawberry.field(description="Decimal amount still available.")
