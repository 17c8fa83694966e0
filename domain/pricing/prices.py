"""B2B pricing: the unit price a company pays for a variant at a quantity on a date.

Sources in order: the company's contract lists, then its tier's lists, then the variant's base
price. A source applies when it has a break the quantity reaches; within a source the buyer gets
the lowest price among the breaks reached (breaks never rise with quantity, so this is the
"best matching break"). Everything that shows or charges a price goes through here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from tortoise.expressions import Q

from db.pricing import PriceList, PriceListEntry

CONTRACT, TIER, BASE = "CONTRACT", "TIER", "BASE"

Breaks = list[tuple[int, int]]  # [(min_qty, unit price in fen)]


@dataclass(frozen=True)
class Price:
    unit_price: int  # fen
    source: str


@dataclass
class PriceBook:
    """The breaks that apply to one buyer on one date, per variant id."""

    contract: dict[int, Breaks] = field(default_factory=dict)
    tier: dict[int, Breaks] = field(default_factory=dict)


def _best(breaks: Breaks, quantity: int) -> int | None:
    reached = [price for min_qty, price in breaks if min_qty <= quantity]
    return min(reached) if reached else None


def unit_price(base_price: int, contract: Breaks, tier: Breaks, quantity: int) -> Price:
    for source, breaks in ((CONTRACT, contract), (TIER, tier)):
        price = _best(breaks, quantity)
        if price is not None:
            return Price(price, source)
    return Price(base_price, BASE)


def schedule(
    base_price: int, contract: Breaks, tier: Breaks, start: int = 1
) -> list[tuple[int, Price]]:
    """Every quantity from which the price changes, computed with unit_price itself."""
    thresholds = sorted({start} | {q for q, _ in contract + tier if q > start})
    result: list[tuple[int, Price]] = []
    for quantity in thresholds:
        price = unit_price(base_price, contract, tier, quantity)
        if not result or result[-1][1] != price:
            result.append((quantity, price))
    return result


def _valid_on(on_date: date) -> Q:
    return (
        Q(is_active=True)
        & (Q(valid_from__isnull=True) | Q(valid_from__lte=on_date))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=on_date))
    )


async def applicable_lists(
    company_id: int | None, tier: str | None, on_date: date
) -> tuple[list[int], list[int]]:
    """Ids of the contract lists and tier lists that apply to a company on a date."""
    if company_id is None and tier is None:
        return [], []
    who = Q(company_id=company_id) if company_id else Q(id=-1)
    if tier:
        who |= Q(tier=tier, company_id=None)
    rows = await PriceList.filter(_valid_on(on_date) & who).values("id", "company_id")
    contract = [r["id"] for r in rows if r["company_id"]]
    tiers = [r["id"] for r in rows if not r["company_id"]]
    return contract, tiers


async def price_book(
    variant_ids: list[int], contract_lists: list[int], tier_lists: list[int]
) -> PriceBook:
    book = PriceBook()
    lists = contract_lists + tier_lists
    if not lists or not variant_ids:
        return book
    contract_set = set(contract_lists)
    grouped: dict[str, dict[int, Breaks]] = {"c": defaultdict(list), "t": defaultdict(list)}
    rows = await PriceListEntry.filter(
        variant_id__in=variant_ids, price_list_id__in=lists
    ).values_list("price_list_id", "variant_id", "min_qty", "unit_price")
    for list_id, variant_id, min_qty, price in rows:
        grouped["c" if list_id in contract_set else "t"][variant_id].append((min_qty, price))
    book.contract, book.tier = dict(grouped["c"]), dict(grouped["t"])
    return book


class PriceLookups(Protocol):
    """Where a cart reads its lists and breaks: the database (`FROM_DATABASE`), or the API's
    per-process memory under the request's pricing version (resolvers.pricing)."""

    async def lists(
        self, company_id: int | None, tier: str | None, on_date: date
    ) -> tuple[list[int], list[int]]: ...

    async def book(
        self, variant_ids: list[int], contract_lists: list[int], tier_lists: list[int]
    ) -> PriceBook: ...


class _FromDatabase:
    async def lists(
        self, company_id: int | None, tier: str | None, on_date: date
    ) -> tuple[list[int], list[int]]:
        return await applicable_lists(company_id, tier, on_date)

    async def book(
        self, variant_ids: list[int], contract_lists: list[int], tier_lists: list[int]
    ) -> PriceBook:
        return await price_book(variant_ids, contract_lists, tier_lists)


FROM_DATABASE: PriceLookups = _FromDatabase()


async def price_for(
    company_id: int | None,
    tier: str | None,
    variant_id: int,
    base_price: int,
    quantity: int,
    on_date: date,
) -> Price:
    """The pricing function for one (company, variant, quantity, date)."""
    contract_lists, tier_lists = await applicable_lists(company_id, tier, on_date)
    book = await price_book([variant_id], contract_lists, tier_lists)
    return unit_price(
        base_price, book.contract.get(variant_id, []), book.tier.get(variant_id, []), quantity
    )
