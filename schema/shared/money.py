from decimal import Decimal
from typing import Any

import strawberry

from domain.shared.money import from_minor
from schema.shared.enums import CurrencyCode


@strawberry.type(description="An amount of money: a decimal string and an ISO 4217 currency.")
class Money:
    amount: Decimal
    """A decimal string with two decimals, e.g. `"1280.00"`; negative only where the field says
    so (a balance the supplier owes)."""
    currency: CurrencyCode
    """The currency of the amount: the supplier's currency."""


def in_currency(amount: Decimal, currency: str) -> Money:
    """A decimal amount in a currency the settings allow (a CurrencyCode value)."""
    return Money(amount=amount, currency=CurrencyCode(currency))


def money(info, minor: int) -> Money:
    """An amount in fen as Money in the supplier's currency."""
    return in_currency(from_minor(minor), info.context.settings.default_currency)


# Keys under which timeline data (order and return events) keeps amounts, in fen.
MONEY_KEYS = frozenset({"total", "unitPrice", "value"})


def money_in_data(info, data: dict) -> Any:
    """Timeline data as clients read it: every amount a Money object `{amount, currency}`, as
    everywhere else in the API, instead of the fen the database keeps."""
    currency = info.context.settings.default_currency

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if key in MONEY_KEYS and isinstance(value, int) and not isinstance(value, bool):
            return {"amount": str(from_minor(value)), "currency": currency}
        return value

    return walk(data)
