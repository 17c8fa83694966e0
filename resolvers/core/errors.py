"""The one place domain errors become API errors, localized for the caller."""

from __future__ import annotations

from collections.abc import Awaitable
from decimal import Decimal
from typing import Any, TypeVar

from graphql import GraphQLError

from domain.ordering import feed
from domain.shared.errors import DomainError, ErrorCode, ValidationErrors
from domain.shared.messages import message
from resolvers.core.context import Info
from schema.shared.errors import CreditLimitError, InputError, InsufficientStockError, UserError
from schema.shared.money import in_currency

T = TypeVar("T")


class ExpectedError(GraphQLError):
    """A refusal (not signed in, not allowed, bad request): reported, never logged as a crash."""


def refusal(info: Info, code: ErrorCode, **params: Any) -> ExpectedError:
    extensions: dict[str, Any] = {"code": code.value}
    if "max" in params:
        extensions["max"] = params["max"]  # a limit the client can adjust to (page sizes)
    return ExpectedError(
        message(code.value, info.context.language, **params), extensions=extensions
    )


def path(field: str | None) -> list[str] | None:
    """A domain error names its field with dots (`lines.2.quantity`); clients get a path."""
    return field.split(".") if field else None


def user_error(info: Info, e: DomainError) -> UserError:
    text = message(e.code.value, info.context.language, **e.params)
    field = path(e.field)
    if e.code is ErrorCode.INSUFFICIENT_STOCK:
        return InsufficientStockError(
            field=field,
            code=e.code,
            message=text,
            sku=e.params.get("sku", ""),
            quantity_available=e.params.get("available", 0),
        )
    if e.code is ErrorCode.CREDIT_LIMIT_EXCEEDED:
        return CreditLimitError(
            field=field,
            code=e.code,
            message=text,
            available_credit=in_currency(
                Decimal(e.params.get("available", "0")), info.context.settings.default_currency
            ),
        )
    return InputError(field=field, code=e.code, message=text)


def user_errors(info: Info, error: DomainError) -> list[UserError]:
    errors = error.errors if isinstance(error, ValidationErrors) else [error]
    return [user_error(info, e) for e in errors]


async def attempt(info: Info, work: Awaitable[T]) -> tuple[T | None, list[Any]]:
    """Run a domain call; a DomainError becomes payload errors instead of a GraphQL error.
    What a successful call queued for subscribers is published as soon as it returned (it has
    committed); a refused call announces nothing.
    The errors are `UserError`s of any kind; each payload keeps the kinds its `errors` field
    declares (`schema/shared/payload.py`), hence `Any` rather than the base type here."""
    try:
        async with feed.announcing(info.context.broker):
            result = await work
    except DomainError as exc:
        return None, user_errors(info, exc)
    return result, []
