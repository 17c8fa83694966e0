"""Reserving stock for many lines at once, and the one lock order for stock rows.

Every path that changes stock rows of several variants (or warehouses) in one transaction
locks them first with `lock_levels`, in (variant id, warehouse id) order. Two transactions
then never hold one row each while waiting for the other's, whatever order their lines come
in: placement, modification, cancellation, shipment, closing a backorder, restocking a return
and reserving its replacement cannot deadlock on stock; an adjustment or receipt changes one
row only (on SQLite there is one writer at a time, and the lock is a no-op)."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise import Tortoise, timezone

from db.catalog import Variant
from db.inventory import StockLevel, StockMovement
from domain.accounts.permissions import Principal
from domain.shared.errors import DomainError, ErrorCode, collect
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


def _reserve_sql(amounts: dict[int, int], param: Params) -> str:
    """One conditional UPDATE for all rows: each row's `available` must still cover it."""

    def case() -> str:
        whens = " ".join(
            f"WHEN {param(i)} THEN CAST({param(q)} AS INTEGER)" for i, q in amounts.items()
        )
        return f"(CASE id {whens} END)"

    # Built in the order the placeholders appear (SQLite's are positional).
    reserved, available = case(), case()
    ids = param.many(amounts)
    enough = case()
    return (
        f"UPDATE stock_level SET reserved = reserved + {reserved},"
        f" available = available - {available}"
        f" WHERE id IN ({ids}) AND available >= {enough}"
    )


def _ledger_rows(plans, reference: str, actor_id: int | None) -> list[StockMovement]:
    return [
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


async def _write(amounts: dict[int, int], plans, reference: str, actor_id: int | None) -> None:
    """The stock rows' UPDATE and the ledger rows: on PostgreSQL one statement (the ledger
    insert rides in a CTE), on SQLite two."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    param = Params(connection.capabilities.dialect)
    update = _reserve_sql(amounts, param)
    if postgres:
        now = timezone.now()
        rows = ", ".join(
            f"({param(level.variant_id)}::int, {param(level.warehouse_id)}::int,"
            f" {param(take)}::int)"
            for plan in plans
            for level, take in plan
        )
        kind, reference_, actor, moment = (
            param(RESERVATION),
            param(reference),
            param(actor_id),
            param(now),
        )
        found = await connection.execute_query_dict(
            f"WITH changed AS ({update} RETURNING id), ledger AS ("
            "INSERT INTO stock_movement (variant_id, warehouse_id, reserved_delta, kind,"
            " on_hand_delta, reason, reference, actor_id, created_at)"
            f" SELECT v, w, q, {kind}, 0, '', {reference_}, {actor}::int, {moment}"
            f" FROM (VALUES {rows}) AS taken (v, w, q))"
            " SELECT count(*) AS changed FROM changed",
            param.values,
        )
        changed = found[0]["changed"]
    else:
        changed, _ = await connection.execute_query(update, param.values)
    if changed != len(amounts):
        # Only possible when the rows were not locked first (they are, on PostgreSQL).
        raise DomainError(ErrorCode.INSUFFICIENT_STOCK, "quantity", sku="", available=0)
    if not postgres:
        await StockMovement.bulk_create(_ledger_rows(plans, reference, actor_id))


async def reserve_lines(
    lines: list[tuple[Variant, int]], reference: str, actor: Principal | None = None
) -> list[list[tuple[int, int]]]:
    """Reserve stock for each (variant, quantity), in a fixed number of statements: lock the
    rows, then one UPDATE with the ledger's insert (two statements on SQLite). Returns, per
    line, [(warehouse id, quantity)]. Call inside the order's transaction: a refusal
    (INSUFFICIENT_STOCK, for every line short of stock at once) undoes it all."""
    levels: dict[int, list[StockLevel]] = {}
    for level in await lock_levels(v.id for v, _ in lines):
        levels.setdefault(level.variant_id, []).append(level)
    plans, short = [], []
    for v, q in lines:
        try:
            plans.append(_plan(levels.get(v.id, []), v, q))
        except DomainError as exc:
            short.append(exc)
    collect(short)
    amounts: dict[int, int] = {}
    for plan in plans:
        for level, take in plan:
            amounts[level.id] = amounts.get(level.id, 0) + take
    await _write(dict(sorted(amounts.items())), plans, reference, actor.user_id if actor else None)
    return [[(level.warehouse_id, take) for level, take in plan] for plan in plans]
