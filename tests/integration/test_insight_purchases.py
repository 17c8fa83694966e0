"""A company's own purchase analysis and reorder suggestions: SQL figures equal the orders
placed, and no other company's orders count."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from db.accounts import User
from domain.insight.purchases import analysis, cadences, suggestions, valid_quantity
from tests import factories
from tests.insight_history import SHANGHAI, place, random_history, supplier_in_shanghai

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def shanghai():
    with supplier_in_shanghai():
        yield


def at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), SHANGHAI) + timedelta(hours=10)


async def test_spend_by_month_category_and_top_skus_are_the_companys_own(db):
    sales = await random_history(31, date(2025, 5, 1), 420, 150)
    mine = sales[0].company_id
    counted = [
        s for s in sales
        if s.company_id == mine and s.status not in ("cancelled", "rejected")
        and date(2025, 7, 1) <= s.moment.astimezone(SHANGHAI).date() <= TODAY
    ]  # fmt: skip

    found = await analysis(mine, TODAY, "zh-Hans")

    assert found.start == date(2025, 7, 1)
    by_month: dict[str, int] = {}
    by_category: dict[str, int] = {}
    by_sku: dict[str, int] = {}
    for s in counted:
        month = s.moment.astimezone(SHANGHAI).date().replace(day=1).isoformat()
        by_month[month] = by_month.get(month, 0) + s.line_total
        category = "" if s.category_id is None else str(s.category_id)
        by_category[category] = by_category.get(category, 0) + s.line_total
        by_sku[s.sku] = by_sku.get(s.sku, 0) + s.line_total
    assert {r.key: r.spend for r in found.by_month} == by_month
    assert [r.key for r in found.by_month] == sorted(by_month)
    assert {r.key: r.spend for r in found.by_category} == by_category
    assert {r.key: r.spend for r in found.top_skus} == by_sku  # five SKUs: all in the top 10
    assert all(r.label for r in found.top_skus)


async def test_a_sku_ordered_every_two_weeks_is_suggested_when_due(db):
    regular = await factories.variant(await factories.product(), order_multiple=6)
    rare = await factories.variant(await factories.product())
    archived = await factories.variant(await factories.product(), is_active=False)
    company, other = await factories.company(), await factories.company()
    user = await User.create(email="p@example.com", password_hash="-", full_name="-",
                             kind="staff", staff_role="sales")  # fmt: skip
    for n in range(5):  # every 14 days, the last 10 days ago: due in 4 days
        day = TODAY - timedelta(days=10 + 14 * n)
        await place(company, user, at(day), "confirmed", [(regular, 10, 300), (archived, 2, 100)])
    await place(company, user, at(TODAY - timedelta(days=3)), "cancelled", [(regular, 99, 1)])
    await place(company, user, at(TODAY - timedelta(days=30)), "confirmed", [(rare, 1, 100)])
    for n in range(6):  # another company's orders never count
        await place(other, user, at(TODAY - timedelta(days=n)), "confirmed", [(regular, 50, 1)])

    rows = {c.sku: c for c in await cadences(company.id, TODAY, "zh-Hans")}

    c = rows[regular.sku]
    assert (c.order_days, c.usual_interval_days, c.next_due) == (5, 14, TODAY + timedelta(days=4))
    assert (c.usual_quantity, c.suggested_quantity) == (10, 12)  # in multiples of 6
    assert rows[rare.sku].usual_interval_days is None and rows[rare.sku].next_due is None
    assert [s.sku for s in await suggestions(company.id, TODAY, "zh-Hans")] == [regular.sku]
    assert await suggestions(company.id, TODAY - timedelta(days=20), "zh-Hans") == []
    assert await cadences((await factories.company()).id, TODAY, "zh-Hans") == []


def test_a_usual_quantity_becomes_one_the_rules_allow():
    assert valid_quantity(10, 1, 6, None) == 12
    assert valid_quantity(2, 5, 1, None) == 5
    assert valid_quantity(40, 1, 6, 30) == 30
    assert valid_quantity(40, 1, 4, 30) == 28
