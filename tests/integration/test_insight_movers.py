"""Slow movers and category gaps: computed in SQL, checked against the orders placed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from db.accounts import User
from db.catalog import Category
from domain.insight.movers import category_gaps, on_sale_count, slow_movers
from domain.shared.errors import DomainError, ErrorCode
from tests import factories
from tests.insight_history import SHANGHAI, place, supplier_in_shanghai


@pytest.fixture(autouse=True)
def shanghai():
    with supplier_in_shanghai():
        yield


def at(day: date):
    return datetime.combine(day, datetime.min.time(), SHANGHAI) + timedelta(hours=23, minutes=59)


async def placer() -> User:
    return await User.create(email="placer@example.com", password_hash="-", full_name="-",
                             kind="staff", staff_role="sales")  # fmt: skip


async def test_slow_movers_rank_unsold_skus_first_then_fewest_units(db):
    product = await factories.product()
    fast, slow, idle = [await factories.variant(product, sku=f"M-{n}") for n in "abc"]
    hidden = await factories.variant(await factories.product(status="draft"), sku="M-d")
    retired = await factories.variant(product, sku="M-e", is_active=False)
    company, user = await factories.company(), await placer()
    # Mid-month range: whole April from the summary, the edges from its days.
    await place(company, user, at(date(2026, 3, 20)), "confirmed", [(fast, 9, 100), (slow, 1, 900)])
    await place(company, user, at(date(2026, 4, 10)), "confirmed", [(fast, 5, 100)])
    await place(company, user, at(date(2026, 5, 5)), "completed", [(slow, 2, 900)])
    await place(company, user, at(date(2026, 5, 6)), "cancelled", [(idle, 50, 100)])
    await place(company, user, at(date(2026, 5, 30)), "confirmed", [(idle, 50, 100)])  # after
    await place(
        company, user, at(date(2026, 3, 1)), "confirmed", [(hidden, 1, 100), (retired, 1, 1)]
    )

    rows = await slow_movers(date(2026, 3, 15), date(2026, 5, 20), 0, 10, "zh-Hans")

    assert [(r.sku, r.units, r.orders, r.revenue) for r in rows] == [
        ("M-c", 0, 0, 0),
        ("M-b", 3, 2, 2700),
        ("M-a", 14, 2, 1400),
    ]
    assert await on_sale_count() == 3
    page = await slow_movers(date(2026, 3, 15), date(2026, 5, 20), 1, 1, "zh-Hans")
    assert [r.sku for r in page] == ["M-b"]


async def test_a_gap_is_the_one_product_a_company_never_ordered_in_its_category(db):
    drinks = await Category.create(slug="drinks", path="/")
    snacks = await Category.create(slug="snacks", path="/")
    cola, tea, juice, water = [await factories.product(category=drinks) for _ in range(4)]
    chips, nuts = [await factories.product(category=snacks) for _ in range(2)]  # too small
    v = {p.id: await factories.variant(p) for p in (cola, tea, juice, water, chips, nuts)}
    loyal, partial, lapsed_buyer = [await factories.company() for _ in range(3)]
    user = await placer()
    day = at(date(2026, 4, 1))
    await place(loyal, user, day, "confirmed", [(v[p.id], 1, 100) for p in (cola, tea, juice)])
    await place(loyal, user, day, "confirmed", [(v[chips.id], 1, 100)])
    await place(partial, user, day, "confirmed", [(v[cola.id], 1, 100), (v[tea.id], 1, 100)])
    # Cancelled orders are not purchases: this company bought only cola.
    await place(lapsed_buyer, user, day, "confirmed", [(v[cola.id], 1, 100)])
    await place(lapsed_buyer, user, day, "cancelled", [(v[p.id], 1, 100) for p in (tea, juice)])

    strict = await category_gaps(1.0, "zh-Hans")
    assert [(g.company_id, g.product_id, g.bought_in_category, g.category_products)
            for g in strict] == [(loyal.id, water.id, 3, 4)]  # fmt: skip
    assert strict[0].category_id == drinks.id

    looser = await category_gaps(0.6, "zh-Hans")
    assert {(g.company_id, g.product_id) for g in looser} == {
        (loyal.id, water.id), (partial.id, juice.id), (partial.id, water.id),
    }  # fmt: skip
    assert looser[0].company_id == loyal.id  # the most of its category bought first

    with pytest.raises(DomainError) as refused:
        await category_gaps(0, "zh-Hans")
    assert refused.value.code == ErrorCode.VALUE_OUT_OF_RANGE
