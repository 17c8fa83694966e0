"""Customers who stopped ordering: past their own usual interval, not everyone quiet lately."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from db.accounts import User
from domain.insight.customers import lapsed_customers
from tests import factories
from tests.insight_history import SHANGHAI, place, supplier_in_shanghai

TODAY = date(2026, 6, 30)


async def orders_every(company, user, variant, interval: int, last: date, count: int) -> None:
    for n in range(count):
        day = last - timedelta(days=interval * n)
        moment = datetime.combine(day, datetime.min.time(), SHANGHAI) + timedelta(hours=10)
        await place(company, user, moment, "confirmed", [(variant, 1, 500)])


async def test_a_weekly_customer_quiet_for_a_month_is_lapsed_a_monthly_one_is_not(db):
    with supplier_in_shanghai():
        variant = await factories.variant(await factories.product())
        user = await User.create(email="p@example.com", password_hash="-", full_name="-",
                                 kind="staff", staff_role="sales")  # fmt: skip
        weekly, monthly, new = [await factories.company() for _ in range(3)]
        await orders_every(weekly, user, variant, 7, TODAY - timedelta(days=30), 10)
        await orders_every(monthly, user, variant, 30, TODAY - timedelta(days=30), 6)
        await orders_every(new, user, variant, 3, TODAY - timedelta(days=40), 2)

        lapsed = await lapsed_customers(TODAY)

    assert [c.company_id for c in lapsed] == [weekly.id]
    [c] = lapsed
    assert (c.last_order_date, c.order_days, c.usual_interval_days) == (date(2026, 5, 31), 10, 7)
    assert c.days_since_last_order == 30
