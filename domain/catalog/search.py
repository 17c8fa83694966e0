"""The storefront product search: filters, the viewer's prices and keyset pagination in one
SQL statement, so a page costs the same whatever its depth and size. The statement answers
the page's product rows too, so a page does not read them again by id."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise import Tortoise

from db.case_fold import fold_case
from db.catalog import Category
from domain.catalog import search_text
from domain.catalog.rows import ProductRow
from domain.pricing import lowest_prices
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import LANGUAGES
from domain.shared.sql_params import Params

NAME, PRICE, NEWEST = "NAME", "PRICE", "NEWEST"
NO_PRICE = lowest_prices.NO_PRICE
# The product's own columns, beside the page's id and sort key.
_ROW_COLUMNS = ProductRow._fields[1:]


@dataclass
class ProductSearch:
    language: str
    default_language: str = "zh-Hans"
    statuses: tuple[str, ...] = ("published",)
    category_id: int | None = None
    text: str | None = None
    in_stock: bool = False
    min_price: int | None = None  # fen, for the viewer
    max_price: int | None = None
    sort: str = NAME
    contract_lists: list[int] = field(default_factory=list)
    tier_lists: list[int] = field(default_factory=list)
    # The viewer's lowest prices are in product_lowest_price (domain.pricing.lowest_prices):
    # the price sort walks its index instead of pricing every product.
    stored_prices: bool = False
    first: int = 20  # the page size, whichever way it runs
    after: tuple | None = None  # (sort key, id) of the last row seen
    before: tuple | None = None  # (sort key, id) of the first row seen
    backward: bool = False  # the page ends at `before` (a `last` page)

    def __post_init__(self) -> None:
        # PostgreSQL refuses NUL in text and SQLite ends the pattern at it: neither can answer.
        if self.text and "\x00" in self.text:
            raise DomainError(ErrorCode.INVALID, "search")


def _price_sql(search: ProductSearch, p: Params) -> str:
    """The viewer's lowest unit price over the product's active variants, each at its minimum
    order quantity: contract lists, else tier lists, else base price (see domain.pricing)."""
    if search.stored_prices:
        return "lp.price"
    return lowest_prices.price_sql(search.contract_lists, search.tier_lists, p(True))


@dataclass
class _Order:
    """How one sort reads: the key shown in cursors, and the columns an index can walk."""

    key: str  # the sort key as SQL
    columns: tuple[str, str] = ("sort_key", "id")  # to compare and order the page by
    descending: bool = False  # NEWEST walks the ids downwards; its key is -id


def _order(search: ProductSearch, p: Params) -> _Order:
    if search.sort == PRICE:
        # Products without an active variant have no price: they sort last (stored rows
        # hold NO_PRICE for them). Computed, it prices every product of the catalog.
        if search.stored_prices:
            return _Order("lp.price")
        return _Order(f"COALESCE({_price_sql(search, p)}, {NO_PRICE})")
    if search.sort == NEWEST:
        return _Order("-p.id", ("id", "id"), descending=True)
    return _Order("k.sort_key")


def _joins(search: ProductSearch, p: Params, join: str = "JOIN") -> str:
    # SQLite numbers parameters by position: the name join's comes first in the text.
    joins = ""
    if search.sort not in (PRICE, NEWEST):
        language = search.language if search.language in LANGUAGES else search.default_language
        joins = f" {join} product_sort_name k ON k.product_id = p.id AND k.language = {p(language)}"
    if search.stored_prices and (search.sort == PRICE or search.min_price or search.max_price):
        audience = lowest_prices.audience_key(search.contract_lists, search.tier_lists)
        joins += (
            f" {join} product_lowest_price lp ON lp.product_id = p.id"
            f" AND lp.audience = {p(audience)}"
        )
    return joins


def _after(order: _Order, cursor: tuple, p: Params, forward: bool) -> str:
    """Rows past the cursor (key, id) in the sort's direction."""
    key, row_id = cursor
    column, id_column = order.columns
    if order.descending:  # key = -id: walking ids down is walking keys up
        key, forward = -key, not forward
    greater = ">" if forward else "<"
    return (
        f"({column} {greater} {p(key)} OR ({column} = {p(key)}"
        f" AND {id_column} {'>' if forward != order.descending else '<'} {p(row_id)}))"
    )


async def search_page(search: ProductSearch) -> list[tuple[ProductRow, object]]:
    """(product row, sort key) of one page plus one row, to tell whether another page follows.
    A backward page comes nearest-first: the extra row, if any, is the last one."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    order = _order(search, p)
    sql = await _page_sql(search, p, order, with_rows=True)
    column, id_column = order.columns
    up = search.backward == order.descending
    direction = "" if up else " DESC"
    sql += f" ORDER BY {column}{direction}, {id_column}{direction} LIMIT {int(search.first) + 1}"
    _, rows = await connection.execute_query(sql, p.values)
    # Columns in order: the row's (id first), then the sort key.
    return [(ProductRow.from_values(tuple(row)[:-1]), row[-1]) for row in rows]


async def search_products(search: ProductSearch) -> list[tuple[int, object]]:
    """(product id, sort key) of the page `search_page` answers."""
    return [(row.id, key) for row, key in await search_page(search)]


async def count_products(search: ProductSearch) -> int:
    """How many products the search finds over all its pages."""
    connection = Tortoise.get_connection("default")
    p = Params(connection.capabilities.dialect)
    order = _order(search, p)
    sql = await _page_sql(search, p, order, with_rows=False)
    rows = await connection.execute_query_dict(f"SELECT COUNT(*) AS n FROM ({sql}) found", p.values)
    return int(rows[0]["n"])


def _pattern(core: str) -> str:
    """LIKE's pattern for names containing `core`, its wildcards and backslash escaped."""
    escaped = core.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_match(text: str, p: Params) -> str:
    """Products whose name (any language) or SKU contains the text, or whose barcode is it.

    PostgreSQL answers from indexes (migration 0025): a trigram index for 3 characters or
    more, and for 2 (奶茶, 酱油: common in Chinese, too short for a trigram) an index of each
    name's and SKU's character pairs, `search_bigrams`. SQLite asks its FTS5 table instead
    (`_found`, `_each_matches`) for 2 characters or more. One character scans on both.
    "%", "_" and "\\" are characters of the text (a SKU like OJ_100), escaped, not patterns;
    PostgreSQL escapes with a backslash by default, SQLite only when told. The text is folded
    as LOWER folds the names on both databases (SQLite's LOWER is replaced, db/sqlite.py)."""
    core = fold_case(text)
    like = _pattern(core)
    escape = "" if p.postgres else " ESCAPE '\\'"
    name = f"LOWER(t.name) LIKE {p(like)}{escape}"
    sku = f"LOWER(v.sku) LIKE {p(like)}{escape}"
    if p.postgres and len(core) == 2:
        pair = p(core)
        name = f"search_bigrams(LOWER(t.name)) @> ARRAY[{pair}::text] AND {name}"
        sku = f"search_bigrams(LOWER(v.sku)) @> ARRAY[{pair}::text] AND {sku}"
    # One IN over all the matches, not EXISTS per product: the planner finds the few
    # matching rows first (a semi-join) instead of testing every product in sort order.
    return (
        f"p.id IN (SELECT t.product_id FROM product_translation t WHERE {name}"
        f" UNION SELECT v.product_id FROM variant v WHERE ({sku}) OR v.barcode = {p(text)})"
    )


# SQLite: up to this many matches, a search reads them all and sorts them. A term matching
# more is common enough that walking the page's order and testing each product finds 20 of
# them sooner (within about 20 * N / FEW products of a catalog of N).
FEW = 1000


async def _few_candidates(fts: str) -> bool:
    """Whether the FTS5 table has fewer than FEW products for the query (stops counting there)."""
    connection = Tortoise.get_connection("default")
    rows = await connection.execute_query_dict(
        "SELECT COUNT(*) AS n FROM (SELECT 1 FROM product_search WHERE product_search MATCH ?"
        f" LIMIT {FEW})",
        [fts],
    )
    return int(rows[0]["n"]) < FEW


def _found(fts: str, text: str, p: Params) -> str:
    """SQLite: the products whose names or SKUs contain the text, or whose barcode is it, as a
    table (`found.product_id`). The FTS5 table answers exactly what the scan's LIKE would
    (domain/catalog/search_text.py)."""
    return (
        f"(SELECT rowid AS product_id FROM product_search WHERE product_search MATCH {p(fts)}"
        f" UNION SELECT v.product_id FROM variant v WHERE v.barcode = {p(text)}) found"
    )


def _each_matches(core: str, text: str, p: Params) -> str:
    """SQLite, a common term: this product matches (tested as the page walks its order)."""
    like = _pattern(core)
    return (
        "(EXISTS (SELECT 1 FROM product_translation t WHERE t.product_id = p.id"
        f" AND LOWER(t.name) LIKE {p(like)} ESCAPE '\\')"
        " OR EXISTS (SELECT 1 FROM variant v WHERE v.product_id = p.id"
        f" AND (LOWER(v.sku) LIKE {p(like)} ESCAPE '\\' OR v.barcode = {p(text)})))"
    )


async def _page_sql(search: ProductSearch, p: Params, order: _Order, with_rows: bool) -> str:
    """The page (`with_rows`: its product rows and the cursors' bounds) or, without, every
    product the search finds, to count."""
    # SQLite numbers parameters by position: write them in the order the text has them.
    price_sql = _price_sql(search, p) if search.min_price or search.max_price else "NULL"
    text = (search.text or "").strip()
    core = fold_case(text)
    fts = search_text.query(core) if text and not p.postgres else None
    few = fts is not None and await _few_candidates(fts)
    if fts is not None and few:
        # CROSS JOIN fixes SQLite's join order: the few products found first, then their
        # names or prices, sorted. Walking the whole name (or price, or id) order and testing
        # each product against them would cost the catalog.
        source = f"{_found(fts, text, p)} CROSS JOIN product p ON p.id = found.product_id"
        joins = _joins(search, p, "CROSS JOIN")
    else:
        source = "product p"
        joins = _joins(search, p)
    where = [f"p.status IN ({', '.join(p(s) for s in search.statuses)})"]
    if search.category_id is not None:
        category = await Category.get_or_none(id=search.category_id)
        prefix = f"{category.path}{category.id}/" if category else "/none/"
        where.append(
            f"(p.category_id = {p(search.category_id)} OR p.category_id IN"
            f" (SELECT c.id FROM category c WHERE c.path LIKE {p(prefix + '%')}))"
        )
    if fts is not None and not few:
        where.append(_each_matches(core, text, p))
    elif text and not few:
        where.append(_text_match(text, p))
    if search.in_stock:
        where.append(
            "EXISTS (SELECT 1 FROM variant v JOIN stock_level s ON s.variant_id = v.id"
            f" WHERE v.product_id = p.id AND v.is_active = {p(True)} AND s.available > 0)"
        )
    outer = []
    if search.min_price:
        outer.append(f"price >= {p(search.min_price)}")
    if search.max_price:
        outer.append(f"price <= {p(search.max_price)}")
    if with_rows and search.after:
        outer.append(_after(order, search.after, p, forward=True))
    if with_rows and search.before:
        outer.append(_after(order, search.before, p, forward=False))
    row_columns = "".join(f", p.{c} AS {c}" for c in _ROW_COLUMNS) if with_rows else ""
    answered = ", ".join(("id", *_ROW_COLUMNS, "sort_key")) if with_rows else "id, sort_key"
    # The databases fold this subquery into the outer one: a name page still walks the index.
    return (
        f"SELECT {answered} FROM (SELECT p.id AS id{row_columns}, {order.key} AS sort_key,"
        f" {price_sql} AS price FROM {source}{joins} WHERE {' AND '.join(where)}) page"
        + (f" WHERE {' AND '.join(outer)}" if outer else "")
    )
