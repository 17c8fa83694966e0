"""Money: Decimal in the rules and the API, integer minor units (fen) in the database."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from domain.shared.errors import DomainError, ErrorCode

CENT = Decimal("0.01")

BIGINT = 2**63 - 1


def from_minor(minor: int) -> Decimal:
    return (Decimal(minor) / 100).quantize(CENT)


def to_minor(amount: Decimal | str, field: str = "price") -> int:
    """Whole fen only: an amount with more than two decimals is refused, never rounded."""
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError) as exc:
        raise DomainError(ErrorCode.INVALID, field) from exc
    if not value.is_finite() or value != value.quantize(CENT):
        raise DomainError(ErrorCode.INVALID_PRICE, field)
    minor = int(value * 100)
    if abs(minor) > BIGINT:  # no money column holds it (a CSV cell is not bounded as an Int is)
        raise DomainError(ErrorCode.INVALID_PRICE, field)
    return minor
