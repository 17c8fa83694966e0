from decimal import Decimal

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
