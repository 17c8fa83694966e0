"""Province, price tier and sales rep rows, the same period last year and the repeat-purchase
rate equal a brute-force computation over the same orders."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from db.accounts import Company, User
from domain.insight.sales import SalesQuery, sales_report, year_before
from tests.insight_history import SHANGHAI, brute_force, random_history, supplier_in_shanghai

START, END = date(2026, 3, 1), date(2026, 6, 15)


@pytest.fixture(autouse=True)
def shanghai():
    with supplier_in_shanghai():
        yield


def as_dict(report) -> dict:
    return {r.key: (r.figures.revenue, r.figures.orders, r.figures.units) for r in report.rows}


async def test_province_price_tier_and_sales_rep_rows_match_brute_force(db, pinned_clock):
    sales = await random_history(21, date(2026, 2, 20), 110, 90)
    companies = sorted({s.company_id for s in sales})
    rep = await User.create(email="rep@example.com", password_hash="-", full_name="李销售",
                            kind="staff", staff_role="sales")  # fmt: skip
    tiers = {companies[0]: "wholesale", companies[1]: "wholesale", companies[2]: None}
    reps = {companies[0]: rep.id, companies[1]: None, companies[2]: rep.id}
    for company_id in companies:
        await Company.filter(id=company_id).update(
            price_tier=tiers[company_id], sales_rep_id=reps[company_id]
        )

    by_province = await sales_report(SalesQuery(START, END, by="province"))
    by_tier = await sales_report(SalesQuery(START, END, by="price_tier"))
    by_rep = await sales_report(SalesQuery(START, END, by="sales_rep"))

    assert as_dict(by_province) == brute_force(sales, START, END, lambda s: s.province)
    assert as_dict(by_tier) == brute_force(sales, START, END, lambda s: tiers[s.company_id] or "")
    assert as_dict(by_rep) == brute_force(
        sales, START, END, lambda s: str(reps[s.company_id] or "")
    )
    assert {r.key: r.label for r in by_rep.rows}.get(str(rep.id)) == "李销售"
    assert {r.label for r in by_province.rows} <= {"上海", "广东", ""}


async def test_same_period_last_year_and_repeat_purchases_match_brute_force(db, pinned_clock):
    sales = await random_history(22, date(2025, 2, 20), 480, 160)

    report = await sales_report(SalesQuery(START, END))

    assert (report.last_year_start, report.last_year_end) == (date(2025, 3, 1), date(2025, 6, 15))
    [last_year] = brute_force(sales, date(2025, 3, 1), date(2025, 6, 15), lambda s: "").values()
    f = report.last_year
    assert (f.revenue, f.orders, f.units) == last_year
    counted = {
        (s.company_id, s.order_id)
        for s in sales
        if START <= s.moment.astimezone(SHANGHAI).date() <= END
        and s.status not in ("cancelled", "rejected")
    }
    per_company = Counter(company for company, _ in counted)
    repeaters = sum(1 for n in per_company.values() if n > 1)
    expected = (Decimal(repeaters) / len(per_company)).quantize(Decimal("0.0001"))
    assert report.repeat_purchase_rate == expected


def test_the_29th_of_february_a_year_before_is_the_28th():
    assert year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert year_before(date(2026, 3, 1)) == date(2025, 3, 1)
