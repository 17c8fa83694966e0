"""An order's lines and the stock each holds, written at placement."""

from __future__ import annotations

import json

from tortoise import Tortoise

from db.orders import Order, OrderLine, OrderReservation
from domain.shared.sql import Params


async def write(order: Order, lines: list, names: dict, held: list) -> None:
    """The order's lines and their reservations: one statement on PostgreSQL (a CTE), three
    on SQLite (lines, their new ids, reservations), whatever the line count."""
    rows = [
        OrderLine(
            order_id=order.id,
            variant_id=line.variant.id,
            sku=line.variant.sku,
            names=names[line.variant.id],
            unit=line.variant.unit,
            pack_size=line.variant.pack_size,
            quantity=line.quantity,
            unit_price=line.unit_price,
            line_total=line.line_total,
            price_source=line.price_source,
        )
        for line in lines
    ]
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query(*_lines_sql(rows, held))
        return
    await OrderLine.bulk_create(rows)
    # Inserted in one statement in this order, so ids ascend with it.
    ids = await OrderLine.filter(order_id=order.id).order_by("id").values_list("id", flat=True)
    await OrderReservation.bulk_create(
        [
            OrderReservation(line_id=line_id, warehouse_id=warehouse_id, quantity=quantity)
            for line_id, taken in zip(ids, held, strict=True)
            for warehouse_id, quantity in taken
        ]
    )


def _lines_sql(rows: list[OrderLine], held: list) -> tuple[str, list]:
    """Lines inserted in one statement get ascending ids in their order (as on SQLite), so
    the n-th new id is the n-th line's and takes the n-th line's reservations."""
    p = Params("postgres")
    values = ", ".join(
        f"({p(r.order_id)}::int, {p(r.variant_id)}::int, {p(r.sku)},"
        f" {p(json.dumps(r.names))}::jsonb,"
        f" {p(r.unit)}, {p(r.pack_size)}::int, {p(r.quantity)}::int, {p(r.unit_price)}::bigint,"
        f" {p(r.line_total)}::bigint, {p(r.price_source)}, 0, 0, 0)"
        for r in rows
    )
    taken = ", ".join(
        f"({p(n)}::int, {p(warehouse_id)}::int, {p(quantity)}::int)"
        for n, line_held in enumerate(held, 1)
        for warehouse_id, quantity in line_held
    )
    return (
        "WITH line AS (INSERT INTO order_line (order_id, variant_id, sku, names, unit,"
        " pack_size, quantity, unit_price, line_total, price_source, shipped_quantity,"
        f" returned_quantity, closed_quantity) VALUES {values} RETURNING id),"
        " position AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM line)"
        " INSERT INTO order_reservation (line_id, warehouse_id, quantity)"
        " SELECT position.id, taken.w, taken.q FROM position"
        f" JOIN (VALUES {taken}) AS taken (n, w, q) ON taken.n = position.n",
        p.values,
    )
