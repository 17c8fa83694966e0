"""The base of every mutation's payload: the result, or `errors` of exactly the types that
mutation can return."""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import strawberry
from strawberry.types.base import StrawberryList

from schema.shared.errors import CreditLimitError, InputError, InsufficientStockError, UserError

ERROR_TYPES = (InputError, InsufficientStockError, CreditLimitError)

log = logging.getLogger("dinghuo.errors")


@strawberry.type
class Payload:
    """Subclasses that can return more than plain input errors redeclare `errors` with one of
    the interfaces in `schema/shared/errors.py`. An error of a type the payload does not
    declare is sent as a plain `InputError` with the same code, so answers fit the schema."""

    errors: list[InputError] = strawberry.field(
        default_factory=list, description="Why nothing changed; empty when the mutation succeeded."
    )

    def __post_init__(self) -> None:
        self.errors = fit(type(self), self.errors)


@cache
def declared(payload: type) -> tuple[type, ...]:
    """The error types a payload's `errors` field lists."""
    field = payload.__strawberry_definition__.get_field("errors")  # type: ignore[attr-defined]
    assert field is not None and isinstance(field.type, StrawberryList), payload
    item: Any = field.type.of_type
    return tuple(t for t in ERROR_TYPES if issubclass(t, item))


def fit(payload: type, errors: list[Any]) -> list[Any]:
    allowed = declared(payload)
    fitted: list[Any] = []
    for error in errors:
        if type(error) in allowed:
            fitted.append(error)
            continue
        # A mutation returned an error its payload does not declare: the declaration is wrong.
        log.warning("%s does not declare %s", payload.__name__, type(error).__name__)
        fitted.append(plain(error))
    return fitted


def plain(error: UserError) -> InputError:
    return InputError(field=error.field, code=error.code, message=error.message)


# The one argument of every mutation; its input type says what each field means.
INPUT = strawberry.argument(description="What the mutation needs (see the input type).")
