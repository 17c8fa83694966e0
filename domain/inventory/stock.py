"""Stock per variant and warehouse. Every change is one conditional UPDATE plus one ledger row,
in one transaction: on_hand and reserved always equal the sums of the ledger."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.catalog import Variant
from db.inventory import StockLevel, StockMovement, Warehouse
from domain.accounts.permissions import Principal
from domain.shared import audit
from domain.shared.errors import DomainError, ErrorCode

# Stock counts are 32-bit integer columns; one adjustment of more than a billion units is a
# typo, and refusing it keeps on-hand figures far from the column's limit.
MAX_ADJUSTMENT = 1_000_000_000

RECEIPT, ADJUSTMENT, RESERVATION, RELEASE, SHIPMENT, RETURN = (
    "receipt",
    "adjustment",
    "reservation",
    "release",
    "shipment",
    "return",
)


async def _level(variant_id: int, warehouse_id: int) -> StockLevel:
    level = await StockLevel.get_or_none(variant_id=variant_id, warehouse_id=warehouse_id)
    if level:
        return level
    if not await Variant.exists(id=variant_id):
        raise DomainError(ErrorCode.NOT_FOUND, "variantId")
    if not await Warehouse.exists(id=warehouse_id):
        raise DomainError(ErrorCode.NOT_FOUND, "warehouseId")
    try:
        async with in_transaction():
            return await StockLevel.create(variant_id=variant_id, warehouse_id=warehouse_id)
    except IntegrityError:
        # Created concurrently by another request: use that row.
        return await StockLevel.get(variant_id=variant_id, warehouse_id=warehouse_id)


def _positive(quantity: int) -> None:
    if quantity < 1:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")


async def _move(
    variant_id: int,
    warehouse_id: int,
    kind: str,
    on_hand: int,
    reserved: int,
    actor: Principal | None,
    reason: str = "",
    reference: str = "",
) -> bool:
    """Apply deltas if available stays >= 0 and reserved >= 0; write the ledger row."""
    level = await _level(variant_id, warehouse_id)
    available_delta = on_hand - reserved
    async with in_transaction():
        rows = StockLevel.filter(id=level.id)
        if available_delta < 0:
            rows = rows.filter(available__gte=-available_delta)
        if reserved < 0:
            rows = rows.filter(reserved__gte=-reserved)
        if on_hand < 0:
            rows = rows.filter(on_hand__gte=-on_hand)
        changed = await rows.update(
            on_hand=F("on_hand") + on_hand,
            reserved=F("reserved") + reserved,
            available=F("available") + available_delta,
        )
        if not changed:
            return False
        await StockMovement.create(
            variant_id=variant_id,
            warehouse_id=warehouse_id,
            kind=kind,
            on_hand_delta=on_hand,
            reserved_delta=reserved,
            reason=reason,
            reference=reference,
            actor_id=actor.user_id if actor else None,
        )
    return True


async def _insufficient(variant_id: int, warehouse_id: int) -> DomainError:
    level = await StockLevel.get_or_none(variant_id=variant_id, warehouse_id=warehouse_id)
    variant = await Variant.get_or_none(id=variant_id)
    return DomainError(
        ErrorCode.INSUFFICIENT_STOCK,
        "quantity",
        sku=variant.sku if variant else "",
        available=level.available if level else 0,
    )


async def receive(
    actor: Principal | None, variant_id: int, warehouse_id: int, quantity: int, reference: str = ""
) -> None:
    _positive(quantity)
    await _move(variant_id, warehouse_id, RECEIPT, quantity, 0, actor, reference=reference)


async def adjust(
    actor: Principal, variant_id: int, warehouse_id: int, delta: int, reason: str, request_id=""
) -> StockLevel:
    """A counted correction. It may lower on-hand stock only as far as nothing reserved."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(ErrorCode.REQUIRED, "reason")
    if delta == 0:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "delta")
    if abs(delta) > MAX_ADJUSTMENT:
        detail = f"|delta| ≤ {MAX_ADJUSTMENT}"
        raise DomainError(ErrorCode.VALUE_OUT_OF_RANGE, "delta", detail=detail)
    async with in_transaction():
        before = await _level(variant_id, warehouse_id)
        if not await _move(variant_id, warehouse_id, ADJUSTMENT, delta, 0, actor, reason):
            raise await _insufficient(variant_id, warehouse_id)
        after = await StockLevel.get(id=before.id)
        await audit.record(
            actor,
            "stock.adjust",
            after,
            {"onHand": before.on_hand, "reserved": before.reserved},
            {"onHand": after.on_hand, "reserved": after.reserved, "reason": reason},
            request_id,
        )
    return after


async def reserve(
    variant_id: int, warehouse_id: int, quantity: int, reference: str, actor=None
) -> None:
    """Hold stock for an order; refused with INSUFFICIENT_STOCK when not enough is available."""
    _positive(quantity)
    if not await _move(variant_id, warehouse_id, RESERVATION, 0, quantity, actor, "", reference):
        raise await _insufficient(variant_id, warehouse_id)


async def release(
    variant_id: int, warehouse_id: int, quantity: int, reference: str, actor=None
) -> None:
    _positive(quantity)
    if not await _move(variant_id, warehouse_id, RELEASE, 0, -quantity, actor, "", reference):
        raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")


async def ship(
    variant_id: int, warehouse_id: int, quantity: int, reference: str, actor=None
) -> None:
    """Reserved stock leaves the warehouse."""
    _positive(quantity)
    if not await _move(
        variant_id, warehouse_id, SHIPMENT, -quantity, -quantity, actor, "", reference
    ):
        raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")


async def restock(
    variant_id: int, warehouse_id: int, quantity: int, reference: str, actor=None
) -> None:
    """Returned goods back on the shelf."""
    _positive(quantity)
    await _move(variant_id, warehouse_id, RETURN, quantity, 0, actor, "", reference)


async def reserve_anywhere(
    variant_id: int, quantity: int, reference: str, actor=None
) -> list[tuple[int, int]]:
    """Reserve from the warehouses with most available first, splitting when no single one
    has enough. Returns [(warehouse id, quantity)]; call inside the order's transaction, so an
    INSUFFICIENT_STOCK refusal also undoes the partial reservations."""
    _positive(quantity)
    levels = await StockLevel.filter(variant_id=variant_id, available__gt=0).order_by(
        "-available", "warehouse_id"
    )
    whole = next((lv for lv in levels if lv.available >= quantity), None)
    if whole and await _move(
        variant_id, whole.warehouse_id, RESERVATION, 0, quantity, actor, "", reference
    ):
        return [(whole.warehouse_id, quantity)]
    taken: list[tuple[int, int]] = []
    need = quantity
    for level in levels:
        take = min(level.available, need)
        if take > 0 and await _move(
            variant_id, level.warehouse_id, RESERVATION, 0, take, actor, "", reference
        ):
            taken.append((level.warehouse_id, take))
            need -= take
        if need == 0:
            return taken
    variant = await Variant.get_or_none(id=variant_id)
    total = sum(lv.available for lv in await StockLevel.filter(variant_id=variant_id))
    raise DomainError(
        ErrorCode.INSUFFICIENT_STOCK,
        "quantity",
        sku=variant.sku if variant else "",
        available=max(total + sum(q for _, q in taken), 0),
    )
