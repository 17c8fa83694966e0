"""An import's stock figures, applied after every block is written, in the one lock order.

Locked block by block, stock rows would be taken out of order across blocks (a later block's
lower variant ids after an earlier block's higher ones, all held until commit), and a placement
holding one of them could deadlock with the import. So a block only stages its figures in a
temporary table; the last step walks it by variant id, locking a page of rows at a time in the
order placement takes them (domain.inventory.holds), and computes each change from the row it
locked, never from a figure read before the lock."""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.expressions import F

from db.inventory import StockLevel, StockMovement
from domain.catalog import bulk
from domain.catalog.csv_format import Row
from domain.shared.errors import DomainError, ErrorCode

TABLE = "import_stock"
PAGE = 5000


def _connection():
    connection = Tortoise.get_connection("default")
    return connection, connection.capabilities.dialect == "postgres"


async def start() -> None:
    """The staging table, private to the import's connection (call inside its transaction).
    Statement by statement: SQLite's script call would commit the open transaction first."""
    connection, postgres = _connection()
    columns = "variant_id INTEGER, warehouse_id INTEGER, on_hand INTEGER, sku TEXT"
    # Dropped first: a second import inside the same outer transaction finds the first's.
    temp = "pg_temp" if postgres else "temp"  # never a table of the same name elsewhere
    await connection.execute_query(f"DROP TABLE IF EXISTS {temp}.{TABLE}")
    drop = " ON COMMIT DROP" if postgres else ""  # SQLite keeps it for the connection's life
    await connection.execute_query(f"CREATE TEMP TABLE {TABLE} ({columns}){drop}")
    key = "variant_id, warehouse_id"
    await connection.execute_query(f"CREATE INDEX {TABLE}_key ON {TABLE} ({key})")


async def stage(rows: list[Row], variants: dict[str, int], warehouses: dict[str, int]) -> None:
    staged = [
        [variants[row.variant["sku"]], warehouses[code], on_hand, row.variant["sku"]]
        for row in rows
        for code, on_hand in row.stock.items()
    ]
    if not staged:
        return
    connection, postgres = _connection()
    if postgres:
        async with connection.acquire_connection() as raw:
            await raw.copy_records_to_table(TABLE, records=staged)
    else:
        await connection.execute_many(f"INSERT INTO {TABLE} VALUES (?, ?, ?, ?)", staged)


async def apply(actor_id: int | None) -> None:
    """Set every staged level, a page at a time in (variant, warehouse) order. Existing levels
    move by a conditional delta (orders may reserve meanwhile); the ledger records exactly the
    delta applied."""
    connection, postgres = _connection()
    after = (-1, -1)
    while True:
        # Keyset paging: rows after the last (variant, warehouse) applied.
        where = "variant_id > {0} OR (variant_id = {0} AND warehouse_id > {1})"
        if postgres:
            query = where.format("$1", "$2") + " ORDER BY variant_id, warehouse_id LIMIT $3"
            params = [after[0], after[1], PAGE]
        else:
            query = where.format("?", "?") + " ORDER BY variant_id, warehouse_id LIMIT ?"
            params = [after[0], after[0], after[1], PAGE]
        _, page = await connection.execute_query(
            f"SELECT variant_id, warehouse_id, on_hand, sku FROM {TABLE} WHERE {query}", params
        )
        if not page:
            return
        figures = [(r["variant_id"], r["warehouse_id"], r["on_hand"], r["sku"]) for r in page]
        await _apply_page(figures, actor_id)
        after = (figures[-1][0], figures[-1][1])


async def _lock(connection, postgres: bool, variant_ids: list[int]) -> dict:
    """{(variant id, warehouse id): (level id, on hand)} of the page's existing levels, locked
    as `holds.lock_levels` locks them (FOR UPDATE in (variant, warehouse) order), with the ids
    as one array instead of a literal list and tuples instead of model objects."""
    columns = "variant_id, warehouse_id, id, on_hand"
    if postgres:
        _, rows = await connection.execute_query(
            f"SELECT {columns} FROM stock_level WHERE variant_id = ANY($1)"
            " ORDER BY variant_id, warehouse_id FOR UPDATE",
            [variant_ids],
        )
    else:  # one writer at a time: nothing to lock
        rows = await bulk.select_in(
            "stock_level", tuple(columns.split(", ")), "variant_id", variant_ids
        )
    return {(row[0], row[1]): (row[2], row[3]) for row in rows}


async def _apply_page(figures: list[tuple[int, int, int, str]], actor_id: int | None) -> None:
    connection, postgres = _connection()
    locked = await _lock(connection, postgres, sorted({f[0] for f in figures}))
    new_levels, moves, movements = [], [], []
    for variant_id, warehouse_id, on_hand, sku in figures:
        level = locked.get((variant_id, warehouse_id))
        delta = on_hand - (level[1] if level else 0)
        if delta == 0:
            continue
        if level is None:
            new_levels.append(
                {
                    "variant_id": variant_id,
                    "warehouse_id": warehouse_id,
                    "on_hand": on_hand,
                    "reserved": 0,
                    "available": on_hand,
                }
            )
        else:
            moves.append((level[0], delta, sku))
        movements.append(
            {
                "variant_id": variant_id,
                "warehouse_id": warehouse_id,
                "kind": "adjustment",
                "on_hand_delta": delta,
                "reserved_delta": 0,
                "reason": "CSV import",
                "actor_id": actor_id,
            }
        )
    await (_move_many(connection, moves) if postgres else _move_each(moves))
    await bulk.insert(StockLevel, new_levels)
    await bulk.insert(StockMovement, movements)


async def _move_many(connection, moves: list[tuple[int, int, str]]) -> None:
    """PostgreSQL: the page's changes of existing levels in one statement (one per row cost
    most of a re-import that changes stock). A change the row cannot take is refused by name."""
    if not moves:
        return
    # execute_query_dict: execute_query drops an UPDATE's RETURNING rows.
    done = await connection.execute_query_dict(
        "UPDATE stock_level s SET on_hand = s.on_hand + v.delta, "
        "available = s.available + v.delta "
        "FROM unnest($1::INT[], $2::INT[]) AS v(id, delta) "
        "WHERE s.id = v.id AND s.available >= -v.delta RETURNING s.id",
        [[m[0] for m in moves], [m[1] for m in moves]],
    )
    applied = {row["id"] for row in done}
    for level_id, _, sku in moves:
        if level_id not in applied:
            raise DomainError(ErrorCode.INSUFFICIENT_STOCK, "stock", sku=sku, available=0)


async def _move_each(moves: list[tuple[int, int, str]]) -> None:
    """SQLite: one conditional UPDATE a row (the file is locked whole; nothing to batch for)."""
    for level_id, delta, sku in moves:
        if not await StockLevel.filter(id=level_id, available__gte=-delta).update(
            on_hand=F("on_hand") + delta, available=F("available") + delta
        ):
            raise DomainError(ErrorCode.INSUFFICIENT_STOCK, "stock", sku=sku, available=0)
