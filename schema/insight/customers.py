"""Customers who stopped ordering, as staff read them."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from domain.insight.customers import LapsedCustomer as Lapsed


@strawberry.type
class LapsedCustomer:
    """A company that has gone longer than its usual interval (times 1.5) without ordering."""

    company_id: relay.GlobalID
    """The company's global id (for `node(id:)` or `companies`)."""
    name: str
    """The company's name."""
    last_order_date: date
    """The business day of its most recent order."""
    order_days: int = strawberry.field(description="Days with an order in the last year.")
    usual_interval_days: float = strawberry.field(
        description="Mean number of days between its ordering days."
    )
    days_since_last_order: int
    """Days from its last order to today, in the supplier's timezone."""

    @classmethod
    def of(cls, c: Lapsed) -> LapsedCustomer:
        return cls(
            company_id=relay.GlobalID("Company", str(c.company_id)),
            name=c.name,
            last_order_date=c.last_order_date,
            order_days=c.order_days,
            usual_interval_days=c.usual_interval_days,
            days_since_last_order=c.days_since_last_order,
        )
