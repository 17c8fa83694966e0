"""The supplier's replenishment settings, as the rules need them."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import DomainError, ErrorCode


@dataclass(frozen=True)
class ReplenishmentPolicy:
    """Built once from the settings (dinghuo/policies.py) and passed to the use cases that
    decide with it, as their first parameter."""

    # The supplier's lead time, the chance of not running out before a delivery arrives, and
    # the weeks of demand an order covers beyond the lead time.
    lead_time_days: int = 14
    service_level: float = 0.95
    cover_weeks: int = 4

    def check(self) -> None:
        if self.lead_time_days < 1 or self.cover_weeks < 0:
            raise DomainError(ErrorCode.INVALID, "leadTimeDays")
        if not 0.5 <= self.service_level < 1:
            raise DomainError(ErrorCode.INVALID, "serviceLevel")
