"""Set several cart lines in one call: all of them or none, with every line's problem at once.

A storefront's cart page saves the whole table; applying the good rows and refusing the rest
would leave a cart the buyer never saw. So every line is checked first, and the problems are
reported per line (`lines.<n>.variantId`, `lines.<n>.quantity`); only a clean set is written,
in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from db.catalog import Product, Variant
from db.orders import CartLine
from domain.ordering.cart import MAX_LINES, Buyer, orderable
from domain.pricing import prices as pricing
from domain.shared.errors import DomainError, ErrorCode, collect


@dataclass
class LineChange:
    """A variant's new quantity (0 removes it); `variant_id` None when the id sent was not a
    variant id, reported like the other problems instead of failing the whole call first."""

    variant_id: int | None
    quantity: int


async def set_lines(buyer: Buyer, changes: list[LineChange], on: date) -> None:
    if len(changes) > MAX_LINES:
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, "lines", detail=f"≤ {MAX_LINES} lines")
    ids = [c.variant_id for c in changes if c.variant_id is not None]
    variants = {v.id: v for v in await Variant.filter(id__in=ids)}
    products = {
        p.id: p for p in await Product.filter(id__in={v.product_id for v in variants.values()})
    }
    errors: list[DomainError] = []
    seen: set[int] = set()
    for n, change in enumerate(changes):
        vid = change.variant_id
        if vid is None:
            errors.append(DomainError(ErrorCode.INVALID_ID, f"lines.{n}.variantId"))
            continue
        if vid in seen:
            errors.append(DomainError(ErrorCode.INVALID, f"lines.{n}.variantId"))
        seen.add(vid)
        if change.quantity < 0:
            errors.append(DomainError(ErrorCode.INVALID_QUANTITY, f"lines.{n}.quantity"))
        variant = variants.get(vid)
        product = products.get(variant.product_id) if variant else None
        if change.quantity > 0 and not orderable(variant, product):
            errors.append(DomainError(ErrorCode.NOT_FOUND, f"lines.{n}.variantId"))
    collect(errors)
    # Every id was read and found above: collect() raised otherwise.
    kept = [(variants[c.variant_id], c.quantity) for c in changes if c.variant_id and c.quantity]
    prices = {
        variant.id: await pricing.price_for(
            buyer.company_id, buyer.tier, variant.id, variant.base_price, quantity, on
        )
        for variant, quantity in kept
    }
    async with in_transaction():
        removed = [c.variant_id for c in changes if c.quantity == 0]
        await CartLine.filter(user_id=buyer.user_id, variant_id__in=removed).delete()
        for variant, quantity in kept:
            price = prices[variant.id].unit_price
            updated = await CartLine.filter(user_id=buyer.user_id, variant_id=variant.id).update(
                quantity=quantity, unit_price_seen=price
            )
            if not updated:
                await CartLine.create(
                    user_id=buyer.user_id,
                    variant_id=variant.id,
                    quantity=quantity,
                    unit_price_seen=price,
                )
        if await CartLine.filter(user_id=buyer.user_id).count() > MAX_LINES:
            # Rolls the whole call back: the cart stays as it was.
            raise DomainError(ErrorCode.INVALID_QUANTITY, "lines")
