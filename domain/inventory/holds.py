"""Reserving stock for many lines at once, and the one lock order for stock rows.

Every path that changes stock rows of several variants (or warehouses) in one transaction
locks them first with `lock_levels`, in (variant id, warehouse id) order. Two transactions
then never hold one row each while waiting for the other's, whatever order their lines come
in: placement, modification and shipment cannot deadlock on stock (on SQLite there is one
writer at a time, and the lock is a no-op)."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise import Tortoise

from db.catalog import Variant
from db.inventory import StockLevel, StockMovement
from domain.accounts.permissions import Principal
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.sql_params import Params

RESERVATION = "reservation"  # as domain.inventory.stock.RESERVATION


async def lock_levels(variant_ids: Iterable[int]) -> list[StockLevel]:
    """Lock (FOR UPDATE, PostgreSQL) and return the stock rows of the variants, in the one
    order every path uses. Call inside the transaction that will change them."""
    ids = sorted(set(variant_ids))
    if not ids:
        return []
    return (
        await StockLevel.filter(variant_id__in=ids)
        .order_by("variant_id", "warehouse_id")
        .select_for_update()
    )


def _plan(
    levels: list[StockLevel], variant: Variant, quantity: int
) -> list[tuple[StockLevel, int]]:
    """Where to take `quantity` from: the warehouse with most available when one has enough,
    else split, most available first (as `stock.reserve_anywhere`). `levels` are the locked
    rows of the variant; their `available` is lowered in memory by what is taken."""
    if quantity < 1:
        raise DomainError(ErrorCode.INVALID_QUANTITY, "quantity")
    choices = sorted(
        (lv for lv in levels if lv.available > 0), key=lambda lv: (-lv.available, lv.warehouse_id)
    )
    whole = next((lv for lv in choices if lv.available >= quantity), None)
    takes = [(whole, quantity)] if whole else []
    need = 0 if whole else quantity
    for level in choices if need else []:
        take = min(level.available, need)
        takes.append((level, take))
        need -= take
        if need == 0:
            break
    if need:
        raise DomainError(
            ErrorCode.INSUFFICIENT_STOCK,
            "quantity",
            sku=variant.sku,
            available=max(sum(lv.available for lv in levels), 0),
        )
    for level, take in takes:
        level.available -= take
    return takes


async def _reserve_rows(amounts: dict[int, int]) -> None:
    """One conditional UPDATE for all rows: each row's `available` must still cover it."""
    connection = Tortoise.get_connection("default")
    param = Params(connection.capabilities.dialect)

    def case() -> str:
        whens = " ".join(
            f"WHEN {param(i)} THEN CAST({param(q)} AS INTEGER)" for i, q in amounts.items()
        )
        return f"(CASE id {whens} END)"

    # Built in the order the placeholders appear (SQLite's are positional).
    reserved, available = case(), case()
    ids = param.many(amounts)
    enough = case()
    changed, _ = await connection.execute_query(
        f"UPDATE stock_level SET reserved = reserved + {reserved},"
        f" available = available - {available}"
        f" WHERE id IN ({ids}) AND available >= {enough}",
        param.values,
    )
    if changed != len(amounts):
        # Only possible when the rows were not locked first (they are, on PostgreSQL).
        raise DomainError(ErrorCode.INSUFFICIENT_STOCK, "quantity", sku="", available=0)


async def reserve_lines(
    lines: list[tuple[Variant, int]], reference: str, actor: Principal | None = None
) -> list[list[tuple[int, int]]]:
    """Reserve stock for each (variant, quantity), in a fixed number of statements: lock the
    rows, one UPDATE, one insert of the ledger rows. Returns, per line, [(warehouse id,
    quantity)]. Call inside the order's transaction: a refusal (INSUFFICIENT_STOCK) undoes
    it all."""
    levels: dict[int, list[StockLevel]] = {}
    for level in await lock_levels(v.id for v, _ in lines):
        levels.setdefault(level.variant_id, []).append(level)
    plans = [_plan(levels.get(v.id, []), v, q) for v, q in lines]
    amounts: dict[int, int] = {}
    for plan in plans:
        for level, take in plan:
            amounts[level.id] = amounts.get(level.id, 0) + take
    await _reserve_rows(dict(sorted(amounts.items())))
    actor_id = actor.user_id if actor else None
    await StockMovement.bulk_create(
        [
            StockMovement(
                variant_id=level.variant_id,
                warehouse_id=level.warehouse_id,
                kind=RESERVATION,
                on_hand_delta=0,
                reserved_delta=take,
                reason="",
                reference=reference,
                actor_id=actor_id,
            )
            for plan in plans
            for level, take in plan
        ]
    )
    return [[(level.warehouse_id, take) for level, take in plan] for plan in plans]
