"""What SQLite's storefront search looks a term up in: `product_search`, an FTS5 table with the
trigram tokenizer (db/search_indexes.py), one row per product holding its names and SKUs
folded as LOWER folds them (fold_case), so a product is found exactly when
`LOWER(name) LIKE '%term%'` or the same of a SKU holds (domain/catalog/search.py).

A term of 3 characters or more is a phrase of trigrams in `body`, the texts one per line: a
phrase of consecutive trigrams is a substring, and one without a line break lies inside one
text. A 2-character term (奶茶, 酱油) has no trigram: `pairs` lists each distinct pair of each
text followed by PAIR_END, so a pair is a trigram; a term without PAIR_END matches only at the
start of one of those. A term holding either character is left to the scan (None), as is one
character. Every write of a product name or a SKU calls `refresh` for the products it
touched; PostgreSQL indexes the columns themselves and has no such table."""

from __future__ import annotations

from collections.abc import Iterable

from tortoise import Tortoise

from db.case_fold import fold_case
from domain.catalog import bulk

PAIR_END = "\x01"
SEPARATOR = "\n"  # between a product's texts
BATCH = 500


def document(texts: Iterable[str]) -> tuple[str, str]:
    """(body, pairs) of one product from its names and SKUs."""
    folded = [fold_case(text) for text in texts if text]
    pairs = sorted({text[i : i + 2] for text in folded for i in range(len(text) - 1)})
    return SEPARATOR.join(folded), "".join(pair + PAIR_END for pair in pairs)


def query(term: str) -> str | None:
    """The FTS5 query finding the products whose folded texts contain `term` (folded), or None
    where it would not find exactly those."""
    if len(term) < 2 or SEPARATOR in term or PAIR_END in term:
        return None
    column, phrase = ("pairs", term + PAIR_END) if len(term) == 2 else ("body", term)
    return f'{column} : "{phrase.replace(chr(34), chr(34) * 2)}"'


def _sqlite(client) -> bool:
    return client.capabilities.dialect == "sqlite"


async def refresh(product_ids: Iterable[int]) -> None:
    """Rewrite these products' rows from their current names and SKUs (SQLite only)."""
    connection = Tortoise.get_connection("default")
    if not _sqlite(connection):
        return
    ids = sorted(set(product_ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        texts: dict[int, list[str]] = {i: [] for i in chunk}
        names = await bulk.select_in(
            "product_translation", ("product_id", "name"), "product_id", chunk
        )
        skus = await bulk.select_in("variant", ("product_id", "sku"), "product_id", chunk)
        for product_id, text in names + skus:
            texts[product_id].append(text)
        await bulk.delete_in("product_search", "rowid", chunk)
        rows = [[i, *document(found)] for i, found in texts.items() if found]
        if rows:
            await connection.execute_many(
                "INSERT INTO product_search (rowid, body, pairs) VALUES (?, ?, ?)", rows
            )


async def refresh_all(client=None) -> None:
    """Rows for every product (a migration, or a table that was ever lost)."""
    connection = client or Tortoise.get_connection("default")
    if not _sqlite(connection):
        return
    _, rows = await connection.execute_query("SELECT id FROM product ORDER BY id")
    await refresh([row[0] for row in rows])
