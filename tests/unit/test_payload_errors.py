"""A payload sends only the error types it declares, so an answer always fits the schema."""

from __future__ import annotations

import logging

import strawberry

from domain.shared.errors import ErrorCode
from schema.shared.errors import InputError, InsufficientStockError, StockError
from schema.shared.payload import Payload, declared


@strawberry.type
class PlainPayload(Payload):
    done: bool = False


@strawberry.type
class TakesStockPayload(Payload):
    errors: list[StockError] = strawberry.field(default_factory=list, description="Why not.")


def _short() -> InsufficientStockError:
    return InsufficientStockError(
        field=["lines", "0", "quantity"],
        code=ErrorCode.INSUFFICIENT_STOCK,
        message="short",
        sku="A-1",
        quantity_available=2,
    )


def test_a_payload_declares_the_types_of_its_errors_field():
    assert declared(PlainPayload) == (InputError,)
    assert set(declared(TakesStockPayload)) == {InputError, InsufficientStockError}


def test_a_declared_error_type_is_kept():
    payload = TakesStockPayload(errors=[_short()])

    assert payload.errors[0].quantity_available == 2  # type: ignore[union-attr]


def test_an_undeclared_error_type_becomes_a_plain_error_with_the_same_code(caplog):
    with caplog.at_level(logging.WARNING, "dinghuo.errors"):
        payload = PlainPayload(errors=[_short()])

    [error] = payload.errors
    assert type(error) is InputError
    assert (error.code, error.field, error.message) == (
        ErrorCode.INSUFFICIENT_STOCK,
        ["lines", "0", "quantity"],
        "short",
    )
    assert "PlainPayload does not declare InsufficientStockError" in caplog.text
