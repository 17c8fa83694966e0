"""Every area's policy, as one value the request context carries (built in dinghuo/policies.py)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.accounts.policy import AuthPolicy
from domain.fulfilment.policy import FulfilmentPolicy
from domain.insight.policy import ReplenishmentPolicy
from domain.ordering.policy import OrderingPolicy
from domain.payments.policy import PaymentsPolicy


@dataclass(frozen=True)
class Policies:
    auth: AuthPolicy
    ordering: OrderingPolicy
    fulfilment: FulfilmentPolicy
    payments: PaymentsPolicy
    replenishment: ReplenishmentPolicy
