"""The demo's two years of weekly demand, planned before any order is placed: what each
customer company orders each week, so that the history has what a forecaster and a buyer meet
in real data. Pure: the same random seed and the same weeks give the same plan.

- Seasons by category: drinks, yogurt and beer peak in July; nuts, candy, milk and biscuits
  in winter and in the weeks before the Spring Festival (春节), when they are bought as gifts
  (年货).
- The Spring Festival itself: the week of the holiday and the next one are quiet (most shops
  close), the one after that picks up again.
- Promotions: a few SKUs sell about twice as much for two or three weeks.
- Regular SKUs: each has a home company that orders it every week, some a second company that
  orders it every other week; intermittent SKUs are ordered in few weeks, by anyone.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

# 春节: the first day of the lunar year (正月初一).
SPRING_FESTIVAL = {
    2023: date(2023, 1, 22), 2024: date(2024, 2, 10), 2025: date(2025, 1, 29),
    2026: date(2026, 2, 17), 2027: date(2027, 2, 6), 2028: date(2028, 1, 26),
    2029: date(2029, 2, 13), 2030: date(2030, 2, 3), 2031: date(2031, 1, 23),
}  # fmt: skip
SUMMER = {"WAT", "SOF", "TEA", "JUI", "YOG", "BEE"}  # SKU prefixes (the category's)
WINTER = {"NUT", "CAN", "MIL", "BIS", "COF"}
GIFTS = {"NUT", "CAN", "MIL"}
# Weeks from the festival's week: factor for gift categories, factor for the others.
AROUND_FESTIVAL = {-3: (1.5, 1.0), -2: (1.8, 1.1), -1: (1.6, 0.9), 0: (0.25, 0.25),
                   1: (0.45, 0.45), 2: (0.8, 0.8)}  # fmt: skip
REGULAR_SKUS = 36
SECOND_BUYER_EVERY = 3  # every third regular SKU has a second company
INTERMITTENT_SKUS = 14
PROMOTIONS = 8
GROWTH = 0.15  # over the whole history: the distributor grows


@dataclass(frozen=True)
class Promotion:
    sku: str
    first_week: int
    weeks: int
    lift: float


@dataclass
class Plan:
    first_monday: date
    weeks: int
    regular: dict[str, int]  # SKU -> home company (index)
    intermittent: list[str]
    promotions: list[Promotion]
    # orders[week][company] = {SKU: quantity}
    orders: list[dict[int, dict[str, int]]] = field(default_factory=list)

    def units(self, sku: str) -> list[int]:
        return [sum(o.get(sku, 0) for o in week.values()) for week in self.orders]


def festival_offset(monday: date) -> int | None:
    """Weeks from the Spring Festival's week (negative before), when within a few of it."""
    for day in (SPRING_FESTIVAL.get(monday.year), SPRING_FESTIVAL.get(monday.year + 1)):
        if day is not None:
            offset = (monday - (day - timedelta(days=day.weekday()))).days // 7
            if offset in AROUND_FESTIVAL:
                return offset
    return None


def season(sku: str, monday: date) -> float:
    day = monday.timetuple().tm_yday
    prefix = sku[:3]
    if prefix in SUMMER:
        return 1 + 0.4 * math.cos(2 * math.pi * (day - 200) / 365.25)
    if prefix in WINTER:
        return 1 + 0.25 * math.cos(2 * math.pi * (day - 15) / 365.25)
    return 1 + 0.05 * math.cos(2 * math.pi * (day - 100) / 365.25)


def factor(sku: str, monday: date, week: int, weeks: int, promotions: list[Promotion]) -> float:
    f = season(sku, monday) * (1 + GROWTH * week / max(weeks - 1, 1))
    offset = festival_offset(monday)
    if offset is not None:
        gift, other = AROUND_FESTIVAL[offset]
        f *= gift if sku[:3] in GIFTS else other
    for p in promotions:
        if p.sku == sku and p.first_week <= week < p.first_week + p.weeks:
            f *= p.lift
    return f


def plan(rng: random.Random, skus: list[str], companies: int, first_monday: date,
         weeks: int) -> Plan:  # fmt: skip
    """Weekly orders over `weeks` weeks from `first_monday` for `companies` companies (by
    index) among `skus` (those with stock to sell)."""
    chosen = rng.sample(skus, min(len(skus), REGULAR_SKUS + INTERMITTENT_SKUS))
    regular_skus, intermittent = chosen[:REGULAR_SKUS], sorted(chosen[REGULAR_SKUS:])
    regular = {sku: n % companies for n, sku in enumerate(regular_skus)}
    base = {sku: rng.uniform(3, 14) for sku in regular_skus}
    second = {
        sku: (home + 1 + rng.randrange(companies - 1)) % companies
        for n, (sku, home) in enumerate(regular.items())
        if n % SECOND_BUYER_EVERY == 0 and companies > 1
    }
    chance = {sku: rng.uniform(0.08, 0.2) for sku in intermittent}
    promotions = []
    for sku in rng.sample(regular_skus, min(PROMOTIONS, len(regular_skus))):
        start, length = rng.randrange(4, max(weeks - 4, 5)), rng.choice((2, 3))
        promotions.append(Promotion(sku, start, length, round(rng.uniform(1.7, 2.2), 2)))
    promotions.sort(key=lambda p: (p.first_week, p.sku))
    result = Plan(first_monday, weeks, dict(sorted(regular.items())), intermittent, promotions)
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        orders: dict[int, dict[str, int]] = {}
        for sku in regular_skus:
            f = factor(sku, monday, week, weeks, promotions)
            buyers = [(regular[sku], 1.0)]
            if sku in second and week % 2 == 0:
                buyers.append((second[sku], 0.5))
            for company, share in buyers:
                quantity = round(base[sku] * share * f * rng.lognormvariate(0, 0.2))
                if quantity > 0:
                    lines = orders.setdefault(company, {})
                    lines[sku] = lines.get(sku, 0) + quantity
        for sku in intermittent:
            if rng.random() < chance[sku]:
                lines = orders.setdefault(rng.randrange(companies), {})
                lines[sku] = lines.get(sku, 0) + rng.randint(1, 6)
        result.orders.append(dict(sorted(orders.items())))
    return result
