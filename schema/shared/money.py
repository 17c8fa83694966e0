from decimal import Decimal

import strawberry

from domain.shared.money import from_minor


@strawberry.type(description="An amount of money: a decimal string and an ISO 4217 currency.")
class Money:
    amount: Decimal
    currency: str


def money(info, minor: int) -> Money:
    """An amount in fen as Money in the supplier's currency."""
    return Money(amount=from_minor(minor), currency=info.context.settings.default_currency)
