"""The indexes of the storefront search (domain/catalog/search.py), which models cannot
declare. PostgreSQL: pg_trgm serves substrings of 3 characters or more; a GIN index over each
text's character pairs (`search_bigrams`) serves 2-character terms (奶茶), which have no
trigram (migration 0025). SQLite: an FTS5 table with the trigram tokenizer, one row per
product (rowid = product id), which the catalog keeps in step (domain/catalog/search_text.py;
migration 0027). Created by the migrations and by the tests' schema."""

from __future__ import annotations

# A GIN index takes new entries into a pending list that every search reads whole until
# VACUUM merges it, up to gin_pending_list_limit (4 MB by default): with autovacuum late or
# off, a search of one match read 290 pages of it (5.5 ms at 100,000 products instead of 0.2).
# 64 kB, the least allowed, bounds that to a few pages; writers merge it that much more often.
PENDING = "WITH (gin_pending_list_limit = 64)"
INDEXES = {
    "product_translation_name_trgm": ("product_translation", "LOWER(name) gin_trgm_ops"),
    "variant_sku_trgm": ("variant", "LOWER(sku) gin_trgm_ops"),
    "product_translation_name_bigrams": ("product_translation", "search_bigrams(LOWER(name))"),
    "variant_sku_bigrams": ("variant", "search_bigrams(LOWER(sku))"),
}
# Every pair in order, repeats included: GIN keeps each key of a row once, and `@>` ignores
# repeats, so the index and the searches are those of the distinct pairs. A loop in PL/pgSQL,
# not a query: the SQL function ran a subquery per name (twice the time of this, and an import
# computes it for every name and SKU it writes). Migration 0028 replaced the first version.
BIGRAMS = (
    "CREATE OR REPLACE FUNCTION search_bigrams(t text) RETURNS text[]"
    " LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$"
    " DECLARE pairs text[] := '{}';"
    " BEGIN"
    " FOR i IN 1 .. char_length(t) - 1 LOOP pairs := array_append(pairs, substr(t, i, 2));"
    " END LOOP;"
    " RETURN pairs;"
    " END $$"
)
CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    BIGRAMS,
    *(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column}) {PENDING}"
        for name, (table, column) in INDEXES.items()
    ),
]
# Migration 0027: indexes made before the limit take it, and what they hold pending is merged.
BOUND_PENDING = [
    *(f"ALTER INDEX {name} SET (gin_pending_list_limit = 64)" for name in INDEXES),
    "SELECT " + ", ".join(f"gin_clean_pending_list('{name}'::regclass)" for name in INDEXES),
]
DROP = [
    "DROP INDEX IF EXISTS product_translation_name_trgm",
    "DROP INDEX IF EXISTS variant_sku_trgm",
    "DROP INDEX IF EXISTS product_translation_name_bigrams",
    "DROP INDEX IF EXISTS variant_sku_bigrams",
    "DROP FUNCTION IF EXISTS search_bigrams(text)",
]


# `body`: the product's names and SKUs, folded; `pairs`: each distinct character pair of them
# followed by PAIR_END, so that a pair is a trigram too. case_sensitive: the text is folded by
# fold_case (as LOWER on both databases), not by FTS5's own rules.
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS product_search"
    " USING fts5(body, pairs, tokenize = 'trigram case_sensitive 1')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS product_search"]


async def _run(client, statements: list[str]) -> None:
    for sql in statements:
        await client.execute_script(sql)


async def create(client) -> None:
    postgres = client.capabilities.dialect == "postgres"
    await _run(client, CREATE if postgres else SQLITE_CREATE)


async def drop(client) -> None:
    postgres = client.capabilities.dialect == "postgres"
    await _run(client, DROP if postgres else SQLITE_DROP)


async def replace_bigrams(client) -> None:
    """PostgreSQL only: SQLite has no such function (its search table holds the pairs)."""
    if client.capabilities.dialect == "postgres":
        await _run(client, [BIGRAMS])
