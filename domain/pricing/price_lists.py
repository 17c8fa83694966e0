"""Staff maintain price lists: a tier's list or a company's contract, with quantity breaks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tortoise.transactions import in_transaction

from db.accounts import Company
from db.catalog import Variant
from db.pricing import PriceList, PriceListEntry
from domain.accounts.permissions import Principal
from domain.pricing import lowest_prices, versions
from domain.shared import audit, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import to_minor


@dataclass
class Break:
    min_qty: int
    unit_price: Decimal


def check_breaks(breaks: list[Break]) -> list[tuple[int, int]]:
    """Positive, distinct quantities whose prices never rise with quantity."""
    if not breaks:
        raise DomainError(ErrorCode.INVALID_PRICE_BREAKS, "breaks")
    pairs = sorted((b.min_qty, to_minor(b.unit_price, "breaks")) for b in breaks)
    quantities = [q for q, _ in pairs]
    if quantities[0] < 1 or len(set(quantities)) != len(quantities):
        raise DomainError(ErrorCode.INVALID_PRICE_BREAKS, "breaks")
    prices = [p for _, p in pairs]
    if any(p <= 0 for p in prices):
        raise DomainError(ErrorCode.INVALID_PRICE, "breaks")
    if any(later > earlier for earlier, later in zip(prices, prices[1:], strict=False)):
        raise DomainError(ErrorCode.INVALID_PRICE_BREAKS, "breaks")
    return pairs


async def create(
    actor: Principal,
    name: str,
    tier: str | None = None,
    company_id: int | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
    request_id: str = "",
) -> PriceList:
    name = validation.text(name, "name", 200)
    if (tier is None) == (company_id is None):
        raise DomainError(ErrorCode.INVALID, "tier")
    if company_id is not None and not await Company.exists(id=company_id):
        raise DomainError(ErrorCode.NOT_FOUND, "companyId")
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(ErrorCode.INVALID, "validTo")
    async with in_transaction():
        price_list = await PriceList.create(
            name=name, tier=tier, company_id=company_id, valid_from=valid_from, valid_to=valid_to
        )
        await versions.bump()
        await lowest_prices.sync_audiences()
        await audit.record(
            actor,
            "priceList.create",
            price_list,
            None,
            {"name": name, "tier": tier, "companyId": company_id},
            request_id,
        )
    return price_list


async def set_breaks(
    actor: Principal, price_list_id: int, variant_id: int, breaks: list[Break], request_id=""
) -> list[PriceListEntry]:
    """Replace the variant's breaks in the list; an empty list removes the variant."""
    pairs = check_breaks(breaks) if breaks else []
    async with in_transaction():
        price_list = await PriceList.get_or_none(id=price_list_id)
        if price_list is None:
            raise DomainError(ErrorCode.NOT_FOUND, "priceListId")
        if not await Variant.exists(id=variant_id):
            raise DomainError(ErrorCode.NOT_FOUND, "variantId")
        current = PriceListEntry.filter(price_list_id=price_list_id, variant_id=variant_id)
        before = sorted(await current.values_list("min_qty", "unit_price"))
        await current.delete()
        await versions.bump()
        entries = [
            await PriceListEntry.create(
                price_list_id=price_list_id, variant_id=variant_id, min_qty=q, unit_price=p
            )
            for q, p in pairs
        ]
        await lowest_prices.refresh_variants([variant_id])
        await audit.record(
            actor,
            "price.set",
            price_list,
            {"variantId": variant_id, "breaks": [list(b) for b in before]},
            {"variantId": variant_id, "breaks": [list(b) for b in pairs]},
            request_id,
        )
    return entries
