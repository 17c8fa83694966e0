"""Typed errors for everything a user can cause. Codes are stable API."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID = "INVALID"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_TAX_ID = "INVALID_TAX_ID"
    WEAK_PASSWORD = "WEAK_PASSWORD"
    DUPLICATE_EMAIL = "DUPLICATE_EMAIL"
    DUPLICATE_TAX_ID = "DUPLICATE_TAX_ID"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    WRONG_PASSWORD = "WRONG_PASSWORD"
    LOGIN_THROTTLED = "LOGIN_THROTTLED"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    INVALID_TOKEN = "INVALID_TOKEN"
    INVALID_STATE = "INVALID_STATE"
    COMPANY_NOT_ACTIVE = "COMPANY_NOT_ACTIVE"
    LAST_OWNER = "LAST_OWNER"
    INVALID_ROLE = "INVALID_ROLE"
    NEGATIVE_AMOUNT = "NEGATIVE_AMOUNT"
    INVALID_PRICE = "INVALID_PRICE"
    DUPLICATE_SKU = "DUPLICATE_SKU"
    DUPLICATE_SLUG = "DUPLICATE_SLUG"
    INVALID_QUANTITY_RULES = "INVALID_QUANTITY_RULES"
    INVALID_PRICE_BREAKS = "INVALID_PRICE_BREAKS"
    INVALID_LANGUAGE = "INVALID_LANGUAGE"
    CATEGORY_CYCLE = "CATEGORY_CYCLE"
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    BELOW_MINIMUM = "BELOW_MINIMUM"
    NOT_A_MULTIPLE = "NOT_A_MULTIPLE"
    ABOVE_MAXIMUM = "ABOVE_MAXIMUM"
    INVALID_QUANTITY = "INVALID_QUANTITY"
    IMPORT_FAILED = "IMPORT_FAILED"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    PRICE_CHANGED = "PRICE_CHANGED"
    CART_EMPTY = "CART_EMPTY"
    CART_HAS_PROBLEMS = "CART_HAS_PROBLEMS"
    PAYMENT_METHOD_UNAVAILABLE = "PAYMENT_METHOD_UNAVAILABLE"
    CARD_PAYMENTS_UNAVAILABLE = "CARD_PAYMENTS_UNAVAILABLE"
    PAYMENT_PROVIDER_ERROR = "PAYMENT_PROVIDER_ERROR"
    NOTHING_DUE = "NOTHING_DUE"
    OVERPAYMENT = "OVERPAYMENT"
    REFUND_TOO_LARGE = "REFUND_TOO_LARGE"
    PAYMENT_REQUIRED = "PAYMENT_REQUIRED"
    CREDIT_LIMIT_EXCEEDED = "CREDIT_LIMIT_EXCEEDED"
    CREDIT_HOLD = "CREDIT_HOLD"
    INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE"
    OVER_SHIPMENT = "OVER_SHIPMENT"
    OVER_RETURN = "OVER_RETURN"
    REOPEN_PERIOD_OVER = "REOPEN_PERIOD_OVER"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    QUERY_TOO_LARGE = "QUERY_TOO_LARGE"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    FORECASTING_UNAVAILABLE = "FORECASTING_UNAVAILABLE"


class DomainError(Exception):
    """A refusal the caller can understand and act on: a code, the input field, parameters."""

    def __init__(self, code: ErrorCode, field: str | None = None, **params: Any) -> None:
        super().__init__(code.value)
        self.code = code
        self.field = field
        self.params = params


class ValidationErrors(DomainError):
    """Several field errors found at once, so a form can show them all."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].code, errors[0].field, **errors[0].params)
        self.errors = errors


def collect(errors: list[DomainError]) -> None:
    if errors:
        raise ValidationErrors(errors)
