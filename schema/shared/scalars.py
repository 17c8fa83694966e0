"""Scalars whose parsing refuses what storage cannot hold, before any resolver runs."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import strawberry

from domain.shared.errors import DomainError, ErrorCode

# Amounts are stored as integer fen in BIGINT columns; one trillion (一万亿) is far above any
# real order or credit limit and far below what the columns hold.
MAX_DECIMAL = Decimal(10) ** 12
# Long enough for any amount with decimals; refuses megabyte-long digit strings.
MAX_DECIMAL_TEXT = 40


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise DomainError(ErrorCode.BAD_USER_INPUT, detail=f"Decimal: {value!r}")
    text = str(value).strip()
    if len(text) > MAX_DECIMAL_TEXT:
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, detail=f"< {MAX_DECIMAL}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(ErrorCode.BAD_USER_INPUT, detail=f"Decimal: {text!r}") from None
    if not amount.is_finite() or abs(amount) >= MAX_DECIMAL:
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, detail=f"|x| < {MAX_DECIMAL}")
    if amount == 0:
        return Decimal(0)  # 1e-400 is zero; keep the exponent small for quantize
    if amount.as_tuple().exponent < -MAX_DECIMAL_TEXT:  # type: ignore[operator]
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, detail=f"|x| < {MAX_DECIMAL}")
    return amount


DecimalScalar = strawberry.scalar(
    name="Decimal",
    description="Decimal (fixed-point)",
    serialize=str,
    parse_value=parse_decimal,
)

# Keyed by any Python type Strawberry should map, as Schema(scalar_overrides=...) declares.
SCALAR_OVERRIDES: dict[object, Any] = {Decimal: DecimalScalar}
