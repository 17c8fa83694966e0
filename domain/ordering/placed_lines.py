"""An order's lines and the stock each holds, written at placement."""

from __future__ import annotations

from tortoise import Tortoise

from db.catalog import Variant
from db.orders import Order, OrderLine, OrderReservation
from domain.shared.sql_params import Params

LANGUAGES = ("zh-Hans", "en")


async def line_names(variants: list[Variant]) -> dict[int, dict[str, str]]:
    """Each variant's display name per language (product name plus variant name), as the
    order line keeps it. Both tables are read in one statement."""
    product_ids = sorted({v.product_id for v in variants})
    variant_ids = sorted({v.id for v in variants})
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    values = [*product_ids, *variant_ids]
    marks = [f"${n}" if postgres else "?" for n in range(1, len(values) + 1)]
    rows = await connection.execute_query_dict(
        "SELECT 0 AS of_variant, product_id AS id, language, name FROM product_translation"
        f" WHERE product_id IN ({', '.join(marks[: len(product_ids)])})"
        " UNION ALL SELECT 1, variant_id, language, name FROM variant_translation"
        f" WHERE variant_id IN ({', '.join(marks[len(product_ids) :])})",
        values,
    )
    products: dict[int, dict[str, str]] = {}
    names: dict[int, dict[str, str]] = {}
    for r in rows:
        (names if r["of_variant"] else products).setdefault(r["id"], {})[r["language"]] = r["name"]
    return {
        v.id: {
            lang: " ".join(
                x
                for x in (products.get(v.product_id, {}).get(lang), names.get(v.id, {}).get(lang))
                if x
            )
            for lang in ("zh-Hans", "en")
        }
        for v in variants
    }


async def names_before(variants: list[Variant]) -> dict[int, dict[str, str]] | None:
    """The lines' names, read before the placing transaction; None on PostgreSQL, where the
    lines' own statement reads them."""
    if Tortoise.get_connection("default").capabilities.dialect == "postgres":
        return None
    return await line_names(variants)


async def write(order: Order, lines: list, names: dict | None, held: list) -> None:
    """The order's lines and their reservations: one statement on PostgreSQL (a CTE that
    also reads the names), three on SQLite (lines, their new ids, reservations), whatever the
    line count."""
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query(*_lines_sql(order, lines, held))
        return
    assert names is not None
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


def _lines_sql(order: Order, lines: list, held: list) -> tuple[str, list]:
    """Lines inserted in one statement get ascending ids in their order (as on SQLite), so
    the n-th new id is the n-th line's and takes the n-th line's reservations. Each line's
    name per language is the product's and the variant's name, as `line_names` makes it."""
    p = Params("postgres")
    values = ", ".join(
        f"({p(n)}::int, {p(line.variant.id)}::int, {p(line.variant.product_id)}::int,"
        f" {p(line.variant.sku)}, {p(line.variant.unit)}, {p(line.variant.pack_size)}::int,"
        f" {p(line.quantity)}::int, {p(line.unit_price)}::bigint, {p(line.line_total)}::bigint,"
        f" {p(line.price_source)})"
        for n, line in enumerate(lines, 1)
    )
    taken = ", ".join(
        f"({p(n)}::int, {p(warehouse_id)}::int, {p(quantity)}::int)"
        for n, line_held in enumerate(held, 1)
        for warehouse_id, quantity in line_held
    )
    names, joins = [], []
    for n, lang in enumerate(LANGUAGES):
        language = p(lang)
        names.append(
            f"{language}::text, concat_ws(' ', nullif(p{n}.name, ''), nullif(v{n}.name, ''))"
        )
        joins.append(
            f" LEFT JOIN product_translation p{n} ON p{n}.product_id = given.product_id"
            f" AND p{n}.language = {language} LEFT JOIN variant_translation v{n}"
            f" ON v{n}.variant_id = given.variant_id AND v{n}.language = {language}"
        )
    return (
        "WITH line AS (INSERT INTO order_line (order_id, variant_id, sku, names, unit,"
        " pack_size, quantity, unit_price, line_total, price_source, shipped_quantity,"
        " returned_quantity, closed_quantity)"
        f" SELECT {p(order.id)}::int, given.variant_id, given.sku,"
        f" jsonb_build_object({', '.join(names)}), given.unit, given.pack_size, given.quantity,"
        " given.unit_price, given.line_total, given.price_source, 0, 0, 0"
        f" FROM (VALUES {values}) AS given (n, variant_id, product_id, sku, unit, pack_size,"
        f" quantity, unit_price, line_total, price_source){''.join(joins)}"
        " ORDER BY given.n RETURNING id),"
        " position AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM line)"
        " INSERT INTO order_reservation (line_id, warehouse_id, quantity)"
        " SELECT position.id, taken.w, taken.q FROM position"
        f" JOIN (VALUES {taken}) AS taken (n, w, q) ON taken.n = position.n",
        p.values,
    )
