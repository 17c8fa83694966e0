"""Cost prices (成本价): what a unit costs the supplier, set by staff and never shown to buyers.
A change is audited like a base price change: who, from what, to what."""

from __future__ import annotations

from decimal import Decimal

from tortoise.transactions import in_transaction

from db.catalog import Variant
from domain.accounts.permissions import Principal
from domain.shared import audit
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.money import to_minor


async def set_cost(
    actor: Principal | None, variant_id: int, cost: Decimal | None, request_id: str = ""
) -> Variant:
    """Set (or, with None, clear) a variant's cost price."""
    minor = None if cost is None else to_minor(cost, "costPrice")
    if minor is not None and minor < 0:
        raise DomainError(ErrorCode.INVALID_PRICE, "costPrice")
    async with in_transaction():
        variant = await Variant.select_for_update().get_or_none(id=variant_id)
        if variant is None:
            raise DomainError(ErrorCode.NOT_FOUND, "variantId")
        if variant.cost_price != minor:
            await Variant.filter(id=variant_id).update(cost_price=minor)
            await audit.record(
                actor, "variant.cost_price", variant,
                {"costPrice": variant.cost_price}, {"costPrice": minor}, request_id,
            )  # fmt: skip
    return await Variant.get(id=variant_id)
