"""The demo's planned weekly demand: seasons, the Spring Festival, promotions and intermittent
SKUs, the same for the same seed."""

from __future__ import annotations

import random
from datetime import date, timedelta
from statistics import median

from dinghuo import demo_demand

PREFIXES = ["WAT", "SOF", "TEA", "JUI", "COF", "CRI", "BIS", "NUT", "CAN", "MIL", "YOG", "BEE"]
SKUS = [f"{p}-{n}" for p in PREFIXES for n in range(8)]
FIRST = date(2024, 11, 25)  # a Monday: two years before the end of November 2026


def plan(seed: int = 2024) -> demo_demand.Plan:
    return demo_demand.plan(random.Random(seed), SKUS, 6, FIRST, 104)


def week_of(day: date) -> int:
    return (day - FIRST).days // 7


def total(p: demo_demand.Plan, week: int) -> int:
    return sum(sum(lines.values()) for lines in p.orders[week].values())


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    assert plan().orders == plan().orders
    assert plan().orders != plan(7).orders


def test_the_spring_festival_weeks_are_quiet_and_gifts_sell_before_them():
    p = plan()
    usual = median(total(p, w) for w in range(104))
    for festival in (date(2025, 1, 29), date(2026, 2, 17)):
        week = week_of(festival)
        assert demo_demand.festival_offset(FIRST + timedelta(weeks=week)) == 0
        assert total(p, week) < 0.45 * usual
        assert total(p, week + 1) < 0.7 * usual
        gifts = [s for s in p.regular if s[:3] in demo_demand.GIFTS]
        before = sum(p.units(s)[week - 2] for s in gifts)
        a_year_later = sum(p.units(s)[min(week + 26, 103)] for s in gifts)
        assert before > a_year_later


def test_drinks_sell_more_in_summer_than_in_winter():
    p = plan()
    drinks = [s for s in p.regular if s[:3] in demo_demand.SUMMER]
    assert drinks
    july, december = week_of(date(2025, 7, 14)), week_of(date(2025, 12, 8))
    assert sum(sum(p.units(s)[july : july + 3]) for s in drinks) > 1.4 * sum(
        sum(p.units(s)[december : december + 3]) for s in drinks
    )


def test_promotions_lift_their_sku_and_intermittent_skus_sell_in_few_weeks():
    p = plan()
    assert len(p.promotions) == demo_demand.PROMOTIONS
    for promo in p.promotions:
        assert 1.7 <= promo.lift <= 2.2 and promo.weeks in (2, 3)
        assert demo_demand.factor(promo.sku, FIRST, promo.first_week, 104, p.promotions) > (
            demo_demand.factor(promo.sku, FIRST, promo.first_week + 10, 104, p.promotions)
        )
    for sku in p.intermittent:
        weeks_sold = sum(1 for units in p.units(sku) if units)
        assert 0 < weeks_sold < 0.35 * 104
    for sku in p.regular:
        assert sum(1 for units in p.units(sku) if units) > 0.9 * 104


def test_every_company_has_skus_it_orders_every_week():
    p = plan()
    for company in range(6):
        own = [s for s, home in p.regular.items() if home == company]
        assert len(own) >= 5
        last_weeks = p.orders[-4:]
        assert all(any(s in week.get(company, {}) for s in own) for week in last_weeks)
