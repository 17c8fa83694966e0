"""Quantity rules per variant: minimum order quantity, order multiple, optional maximum."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import DomainError, ErrorCode


@dataclass(frozen=True)
class QuantityRules:
    minimum: int = 1
    multiple: int = 1
    maximum: int | None = None

    def validate(self, field: str = "minOrderQty") -> None:
        """Rules that some quantity can satisfy: the minimum is itself a multiple."""
        if self.minimum < 1 or self.multiple < 1:
            raise DomainError(ErrorCode.INVALID_QUANTITY_RULES, field)
        if self.minimum % self.multiple:
            raise DomainError(ErrorCode.INVALID_QUANTITY_RULES, field)
        if self.maximum is not None and self.maximum < self.minimum:
            raise DomainError(ErrorCode.INVALID_QUANTITY_RULES, "maxOrderQty")

    def problem(self, quantity: int, sku: str) -> DomainError | None:
        """Why a quantity cannot be ordered, or None when it can."""
        if quantity < 1:
            return DomainError(ErrorCode.INVALID_QUANTITY, "quantity", sku=sku)
        if quantity < self.minimum:
            return DomainError(ErrorCode.BELOW_MINIMUM, "quantity", sku=sku, minimum=self.minimum)
        if quantity % self.multiple:
            return DomainError(
                ErrorCode.NOT_A_MULTIPLE, "quantity", sku=sku, multiple=self.multiple
            )
        if self.maximum is not None and quantity > self.maximum:
            return DomainError(ErrorCode.ABOVE_MAXIMUM, "quantity", sku=sku, maximum=self.maximum)
        return None

    def check(self, quantity: int, sku: str) -> None:
        error = self.problem(quantity, sku)
        if error:
            raise error
