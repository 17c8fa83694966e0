"""Sales analytics: SQL figures equal a brute-force computation over the same orders."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.insight.buckets import bucket_start
from domain.insight.sales import SalesQuery, period, sales_report
from domain.shared.errors import DomainError, ErrorCode
from tests.insight_history import SHANGHAI, brute_force, random_history, supplier_in_shanghai

START, END = date(2026, 3, 1), date(2026, 6, 15)


@pytest.fixture(autouse=True)
def shanghai():
    with supplier_in_shanghai():
        yield


def as_dict(report) -> dict:
    return {r.key: (r.figures.revenue, r.figures.orders, r.figures.units) for r in report.rows}


def local_day(s):
    return s.moment.astimezone(SHANGHAI).date()


@pytest.mark.parametrize("grain", ["day", "week", "month"])
async def test_sales_over_time_match_brute_force(db, pinned_clock, grain):
    sales = await random_history(1, date(2026, 1, 20), 150, 120)
    report = await sales_report(SalesQuery(START, END, by="period", grain=grain))
    expected = brute_force(
        sales, START, END, lambda s: bucket_start(local_day(s), grain).isoformat()
    )
    assert as_dict(report) == expected
    assert [r.key for r in report.rows] == sorted(expected)


@pytest.mark.parametrize(
    "by, key",
    [
        ("product", lambda s: str(s.product_id)),
        ("category", lambda s: "" if s.category_id is None else str(s.category_id)),
        ("company", lambda s: str(s.company_id)),
        ("sku", lambda s: s.sku),
    ],
)
async def test_sales_by_dimension_match_brute_force(db, pinned_clock, by, key):
    sales = await random_history(2, date(2026, 1, 20), 150, 120)
    report = await sales_report(SalesQuery(START, END, by=by))
    assert as_dict(report) == brute_force(sales, START, END, key)
    revenues = [r.figures.revenue for r in report.rows]
    assert revenues == sorted(revenues, reverse=True)


async def test_totals_and_previous_period_match_brute_force(db, pinned_clock):
    sales = await random_history(3, date(2025, 11, 1), 230, 150)
    report = await sales_report(SalesQuery(START, END))
    [total] = brute_force(sales, START, END, lambda s: "all").values()
    length = (END - START).days + 1
    assert (report.previous_end - report.previous_start).days + 1 == length
    assert report.previous_end == date(2026, 2, 28)
    [previous] = brute_force(
        sales, report.previous_start, report.previous_end, lambda s: "all"
    ).values()
    assert (report.total.revenue, report.total.orders, report.total.units) == total
    assert (report.previous.revenue, report.previous.orders, report.previous.units) == previous
    assert report.total.average_order_value == (total[0] / total[1]).quantize(report.total.revenue)


async def test_one_company_sees_only_its_purchases(db, pinned_clock):
    sales = await random_history(4, date(2026, 2, 1), 120, 120)
    company_id = sales[0].company_id
    report = await sales_report(SalesQuery(START, END, by="sku", company_id=company_id))
    assert as_dict(report) == brute_force(sales, START, END, lambda s: s.sku, company_id)
    everyone = await sales_report(SalesQuery(START, END, by="sku"))
    assert report.total.revenue < everyone.total.revenue


async def test_a_sale_a_minute_before_midnight_belongs_to_that_business_day(db, pinned_clock):
    sales = await random_history(5, date(2026, 6, 1), 1, 0)
    assert sales == []
    from db.accounts import User
    from db.catalog import Variant
    from tests import factories
    from tests.insight_history import place

    variant = await Variant.first()
    company = await factories.company()
    user = await User.first()
    late = datetime(2026, 6, 10, 23, 59, 30, tzinfo=SHANGHAI)  # 15:59 UTC
    early = datetime(2026, 6, 11, 0, 0, 10, tzinfo=SHANGHAI)  # 16:00 UTC the day before
    await place(company, user, late, "confirmed", [(variant, 1, 100)])
    await place(company, user, early, "confirmed", [(variant, 2, 100)])
    report = await sales_report(SalesQuery(date(2026, 6, 10), date(2026, 6, 11)))
    assert as_dict(report) == {
        "2026-06-10": (report.rows[0].figures.revenue, 1, 1),
        "2026-06-11": (report.rows[1].figures.revenue, 1, 2),
    }


def test_the_default_period_is_the_last_30_days_up_to_today(pinned_clock):
    assert period(None, None) == (date(2026, 5, 17), date(2026, 6, 15))
    assert period(date(2026, 6, 1), None) == (date(2026, 6, 1), date(2026, 6, 15))
    assert period(None, date(2026, 1, 30)) == (date(2026, 1, 1), date(2026, 1, 30))


async def test_an_unknown_dimension_or_a_reversed_range_is_refused(db):
    for query in (SalesQuery(START, END, by="colour"), SalesQuery(END, START)):
        with pytest.raises(DomainError) as caught:
            await sales_report(query)
        assert caught.value.code is ErrorCode.INVALID


@pytest.mark.parametrize(
    "by, grain, key",
    [
        ("period", "month", lambda s: bucket_start(local_day(s), "month").isoformat()),
        ("period", "week", lambda s: bucket_start(local_day(s), "week").isoformat()),
        ("company", "day", lambda s: str(s.company_id)),
        ("sku", "day", lambda s: s.sku),
    ],
)
async def test_reports_across_partial_months_match_brute_force(db, pinned_clock, by, grain, key):
    # Starts and ends inside a month: whole months from the summary, the edges from days.
    start, end = date(2026, 2, 17), date(2026, 5, 9)
    sales = await random_history(9, date(2026, 1, 20), 150, 120)
    report = await sales_report(SalesQuery(start, end, by=by, grain=grain))
    assert as_dict(report) == brute_force(sales, start, end, key)
    [total] = brute_force(sales, start, end, lambda s: "all").values()
    assert (report.total.revenue, report.total.orders, report.total.units) == total
