"""The lowest price of each product for each audience, kept in `product_lowest_price`, so the
storefront's price sort walks an index instead of pricing the whole catalog per request.

An audience is the set of price lists a buyer's prices come from on a date: its contract
lists, its tier's lists, or none (base prices). The price of a product for an audience is the
storefront's rule (`price_sql`, the one the sort computed before): over the product's active
variants, each at its minimum order quantity, the contract lists' lowest reached break, else
the tier lists', else the base price. It depends on the lists, never on the date, so a stored
row cannot go stale as days pass; what moves with the date is which audience a buyer is in,
and `sync_audiences` keeps every audience that some buyer is in today or on any later date a
validity window opens or closes. A buyer whose audience is missing is priced the old way.

Every change that can move a stored price calls `refresh` for its products (a variant's base
price, minimum quantity or activation, a new product or variant, a list's breaks, an import),
and every change to which lists exist or who gets them calls `sync_audiences`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from tortoise import Tortoise

from db.pricing import PriceAudience
from domain.pricing import versions
from domain.shared import clock

NO_PRICE = 2**62  # a product without an active variant sorts last
BATCH = 1000  # products a statement on SQLite (one parameter each)


def audience_key(contract_lists: Iterable[int], tier_lists: Iterable[int]) -> str:
    contract = ",".join(str(i) for i in sorted({int(i) for i in contract_lists}))
    tiers = ",".join(str(i) for i in sorted({int(i) for i in tier_lists}))
    return f"c{contract}|t{tiers}"


def parse_key(key: str) -> tuple[list[int], list[int]]:
    contract, tiers = key[1:].split("|t")
    return [int(i) for i in contract.split(",") if i], [int(i) for i in tiers.split(",") if i]


def price_sql(contract_lists: list[int], tier_lists: list[int], true: str) -> str:
    """The viewer's lowest unit price of product `p` as SQL (`true` is the placeholder of a
    TRUE parameter): NULL when it has no active variant."""
    sources = []
    for lists in (contract_lists, tier_lists):
        if lists:
            ids = ",".join(str(int(i)) for i in lists)
            sources.append(
                "(SELECT MIN(e.unit_price) FROM price_list_entry e WHERE e.variant_id = v.id"
                f" AND e.price_list_id IN ({ids}) AND e.min_qty <= v.min_order_qty)"
            )
    sources.append("v.base_price")
    # SQLite refuses COALESCE with a single argument (a viewer without price lists).
    price = f"COALESCE({', '.join(sources)})" if len(sources) > 1 else sources[0]
    return (
        f"(SELECT MIN({price}) FROM variant v WHERE v.product_id = p.id AND v.is_active = {true})"
    )


def _connection(client=None):
    connection = client or Tortoise.get_connection("default")
    return connection, connection.capabilities.dialect == "postgres"


async def _keys(connection) -> list[str]:
    _, rows = await connection.execute_query("SELECT key FROM price_audience ORDER BY key")
    return [str(row[0]) for row in rows]


async def _fill(key: str, product_ids: list[int] | None, client=None) -> None:
    """Write the rows of one audience, for these products or for all of them. An upsert: two
    transactions refreshing one product (two of its variants edited at once) both succeed,
    the later one's prices last."""
    connection, postgres = _connection(client)
    contract, tiers = parse_key(key)
    mark = (lambda n: f"${n}") if postgres else (lambda n: "?")
    where = " WHERE TRUE"  # SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT
    params: list = [key, True]
    if product_ids is not None:
        if postgres:
            where, params = " WHERE p.id = ANY($3)", [key, True, product_ids]
        else:
            where = f" WHERE p.id IN ({', '.join('?' * len(product_ids))})"
            params += product_ids
    await connection.execute_query(
        "INSERT INTO product_lowest_price (audience, product_id, price)"
        f" SELECT {mark(1)}, p.id, COALESCE({price_sql(contract, tiers, mark(2))}, {NO_PRICE})"
        f" FROM product p{where}"
        " ON CONFLICT (product_id, audience) DO UPDATE SET price = excluded.price",
        params,
    )


async def refresh(product_ids: Iterable[int]) -> None:
    """Recompute these products' stored prices for every audience. Call inside the
    transaction of the change."""
    ids = sorted({int(i) for i in product_ids})
    if not ids:
        return
    connection, postgres = _connection()
    keys = await _keys(connection)
    batch = len(ids) if postgres else BATCH  # PostgreSQL takes the ids as one array
    for start in range(0, len(ids), batch):
        for key in keys:  # every audience has a row for every product: each is overwritten
            await _fill(key, ids[start : start + batch])


async def refresh_variants(variant_ids: Iterable[int]) -> None:
    from db.catalog import Variant

    ids = list(set(variant_ids))
    if ids:
        rows = await Variant.filter(id__in=ids).values("product_id")
        await refresh(row["product_id"] for row in rows)


def _day(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _valid(row: dict, on: date) -> bool:
    return (row["valid_from"] is None or row["valid_from"] <= on) and (
        row["valid_to"] is None or row["valid_to"] >= on
    )


async def needed_audiences(today: date, client=None) -> set[str]:
    """The audience of every buyer today and on every later day a list's window opens or
    closes: base, each tier, each company with contract lists (with its tier's lists)."""
    connection, postgres = _connection(client)
    lists = await connection.execute_query_dict(
        "SELECT l.id, l.tier, l.company_id, l.valid_from, l.valid_to, c.price_tier"
        " FROM price_list l LEFT JOIN company c ON c.id = l.company_id"
        " WHERE l.is_active = " + ("$1" if postgres else "?"),
        [True],
    )
    for row in lists:
        row["valid_from"], row["valid_to"] = _day(row["valid_from"]), _day(row["valid_to"])
    days = {today}
    for row in lists:
        if row["valid_from"] is not None and row["valid_from"] > today:
            days.add(row["valid_from"])
        if row["valid_to"] is not None and row["valid_to"] + timedelta(days=1) > today:
            days.add(row["valid_to"] + timedelta(days=1))
    tiers = {row["tier"] for row in lists if row["company_id"] is None and row["tier"]}
    tier_of = {row["company_id"]: row["price_tier"] for row in lists if row["company_id"]}
    needed = {audience_key([], [])}
    for day in days:
        valid = [row for row in lists if _valid(row, day)]

        def tier_lists(tier: str | None, valid=valid) -> list[int]:
            return [
                r["id"] for r in valid if tier and r["company_id"] is None and r["tier"] == tier
            ]

        for tier in tiers:
            needed.add(audience_key([], tier_lists(tier)))
        for company_id, tier in tier_of.items():
            own = [r["id"] for r in valid if r["company_id"] == company_id]
            needed.add(audience_key(own, tier_lists(tier)))
    return needed


async def sync_audiences(today: date | None = None, client=None, bump: bool = True) -> None:
    """Store prices for every audience some buyer is or will be in, and drop the rest. Call
    inside the transaction that creates a list or changes who gets which lists (`bump=False`
    when that transaction bumps the pricing version itself, later)."""
    connection, postgres = _connection(client)
    needed = await needed_audiences(today or clock.today(), connection)
    have = set(await _keys(connection))
    mark = "$1" if postgres else "?"
    for key in sorted(have - needed):
        await connection.execute_query(
            f"DELETE FROM product_lowest_price WHERE audience = {mark}", [key]
        )
        await connection.execute_query(f"DELETE FROM price_audience WHERE key = {mark}", [key])
    for key in sorted(needed - have):
        await connection.execute_query(
            f"INSERT INTO price_audience (key) VALUES ({mark}) ON CONFLICT (key) DO NOTHING", [key]
        )
        await _fill(key, None, connection)
    if needed != have and client is None and bump:
        # Readers remember which audiences are stored under the pricing version.
        await versions.bump()


async def stored(contract_lists: list[int], tier_lists: list[int]) -> bool:
    """Whether this viewer's lowest prices are stored (else they are computed per request)."""
    return await PriceAudience.exists(key=audience_key(contract_lists, tier_lists))
