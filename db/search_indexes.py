"""PostgreSQL's indexes for the storefront search (domain/catalog/search.py), which models
cannot declare: pg_trgm serves substrings of 3 characters or more; a GIN index over each
text's character pairs (`search_bigrams`) serves 2-character terms (奶茶), which have no
trigram. Created by migration 0025 (and by the tests' schema); SQLite has none of them."""

from __future__ import annotations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE OR REPLACE FUNCTION search_bigrams(t text) RETURNS text[]"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS"
    " $$ SELECT ARRAY(SELECT DISTINCT substr(t, i, 2)"
    " FROM generate_series(1, char_length(t) - 1) AS i) $$",
    "CREATE INDEX IF NOT EXISTS product_translation_name_trgm"
    " ON product_translation USING gin (LOWER(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS variant_sku_trgm ON variant USING gin (LOWER(sku) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS product_translation_name_bigrams"
    " ON product_translation USING gin (search_bigrams(LOWER(name)))",
    "CREATE INDEX IF NOT EXISTS variant_sku_bigrams"
    " ON variant USING gin (search_bigrams(LOWER(sku)))",
]
DROP = [
    "DROP INDEX IF EXISTS product_translation_name_trgm",
    "DROP INDEX IF EXISTS variant_sku_trgm",
    "DROP INDEX IF EXISTS product_translation_name_bigrams",
    "DROP INDEX IF EXISTS variant_sku_bigrams",
    "DROP FUNCTION IF EXISTS search_bigrams(text)",
]


async def _run(client, statements: list[str]) -> None:
    if client.capabilities.dialect == "postgres":
        for sql in statements:
            await client.execute_script(sql)


async def create(client) -> None:
    await _run(client, CREATE)


async def drop(client) -> None:
    await _run(client, DROP)
