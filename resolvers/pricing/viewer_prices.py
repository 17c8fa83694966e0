"""The viewer's prices for one request: which lists apply (one query, once) and their breaks
for the variants on the page (one batched query). Both are remembered per process under the
pricing version read with the viewer's sign-in (resolvers.pricing.price_cache)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

from aiodataloader import DataLoader

from domain.accounts.permissions import CompanyStatus
from domain.pricing import lowest_prices
from domain.pricing import prices as pricing
from domain.shared import clock
from resolvers.pricing.price_cache import PriceCache


class BreaksByVariantLoader(DataLoader):
    def __init__(
        self,
        contract_lists: list[int],
        tier_lists: list[int],
        cache: PriceCache | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__()
        self.contract_lists = contract_lists
        self.tier_lists = tier_lists
        self.price_cache = cache if version is not None else None
        self.prefix = (version or 0, tuple(contract_lists), tuple(tier_lists))

    async def batch_load_fn(self, keys):
        known = self.price_cache.breaks if self.price_cache is not None else {}
        missing = [k for k in keys if (*self.prefix, k) not in known]
        if missing:
            book = await pricing.price_book(missing, self.contract_lists, self.tier_lists)
            found = {k: (book.contract.get(k, []), book.tier.get(k, [])) for k in missing}
            if self.price_cache is not None:
                known.update({(*self.prefix, k): v for k, v in found.items()})
        else:
            found = {}
        return [found[k] if k in found else known[(*self.prefix, k)] for k in keys]


class RememberedPrices:
    """The cart's lookups (domain.pricing.prices.PriceLookups) from the per-process memory,
    under the pricing version the request read with its sign-in."""

    def __init__(self, cache: PriceCache, version: int) -> None:
        self.cache, self.version = cache, version

    async def lists(
        self, company_id: int | None, tier: str | None, on_date: date
    ) -> tuple[list[int], list[int]]:
        self.cache.seen(self.version)
        key = (self.version, company_id, tier, on_date)
        if key not in self.cache.lists:
            self.cache.lists[key] = await pricing.applicable_lists(company_id, tier, on_date)
        return self.cache.lists[key]

    async def book(
        self, variant_ids: list[int], contract_lists: list[int], tier_lists: list[int]
    ) -> pricing.PriceBook:
        self.cache.seen(self.version)
        known = self.cache.breaks
        prefix = (self.version, tuple(contract_lists), tuple(tier_lists))
        missing = [v for v in variant_ids if (*prefix, v) not in known]
        if missing:
            found = await pricing.price_book(missing, contract_lists, tier_lists)
            for v in missing:
                known[(*prefix, v)] = (found.contract.get(v, []), found.tier.get(v, []))
        book = pricing.PriceBook()
        for v in variant_ids:
            contract, tier = known[(*prefix, v)]
            if contract:
                book.contract[v] = contract
            if tier:
                book.tier[v] = tier
        return book


def price_lookups(context) -> pricing.PriceLookups:
    """Remembered lookups when the request's sign-in read the pricing version, else the
    database. No version row yet is version 0: the first change creates it at 1."""
    cache: PriceCache | None = getattr(context, "price_cache", None)
    if cache is None or not hasattr(context.user, "pricing_version"):
        return pricing.FROM_DATABASE
    return RememberedPrices(cache, context.user.pricing_version or 0)


@dataclass
class PriceScope:
    company_id: int | None
    tier: str | None
    contract_lists: list[int]
    tier_lists: list[int]
    breaks: BreaksByVariantLoader


async def scope_for(context, company_id: int | None) -> PriceScope:
    """Prices as `company_id` would get them today (None: base prices)."""
    tier = None
    if company_id is not None:
        company = await context.loaders.company_by_id.load(company_id)
        tier = company.price_tier if company else None
    today = clock.today()
    cache: PriceCache | None = getattr(context, "price_cache", None)
    version = getattr(context.user, "pricing_version", None) if cache is not None else None
    if cache is None or version is None:
        contract, tiers = await pricing.applicable_lists(company_id, tier, today)
        return PriceScope(company_id, tier, contract, tiers, BreaksByVariantLoader(contract, tiers))
    contract, tiers = await RememberedPrices(cache, version).lists(company_id, tier, today)
    breaks = BreaksByVariantLoader(contract, tiers, cache, version)
    return PriceScope(company_id, tier, contract, tiers, breaks)


async def stored_prices(context, scope: PriceScope) -> bool:
    """Whether the viewer's lowest prices are stored (domain.pricing.lowest_prices), so the
    price sort walks an index; remembered under the pricing version like the lists."""
    cache: PriceCache | None = getattr(context, "price_cache", None)
    version = getattr(context.user, "pricing_version", None) if cache is not None else None
    if cache is None or version is None:
        return await lowest_prices.stored(scope.contract_lists, scope.tier_lists)
    cache.seen(version)
    key = (version, lowest_prices.audience_key(scope.contract_lists, scope.tier_lists))
    if key not in cache.stored:
        cache.stored[key] = await lowest_prices.stored(scope.contract_lists, scope.tier_lists)
    return cache.stored[key]


def can_see_prices(context) -> bool:
    principal = context.principal
    if principal is None:
        return False
    return principal.is_staff or principal.company_status == CompanyStatus.ACTIVE.value


async def viewer_scope(context) -> PriceScope | None:
    """None when the viewer may not see prices (anonymous, or a company not yet active)."""
    if not can_see_prices(context):
        return None
    if context.price_scope is None:
        # A task, not a value: concurrent fields of one request share a single lookup.
        company_id = None if context.principal.is_staff else context.principal.company_id
        context.price_scope = asyncio.ensure_future(scope_for(context, company_id))
    return await context.price_scope
