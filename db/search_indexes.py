"""PostgreSQL's indexes for the storefront search (domain/catalog/search.py), which models
cannot declare: pg_trgm serves substrings of 3 characters or more; a GIN index over each
text's character pairs (`search_bigrams`) serves 2-character terms (奶茶), which have no
trigram. Created by migration 0025 (and by the tests' schema); SQLite has none of them."""

from __future__ import annotations

# Every pair in order, repeats included: GIN keeps each key of a row once, and `@>` ignores
# repeats, so the index and the searches are those of the distinct pairs. A loop in PL/pgSQL,
# not a query: the SQL function ran a subquery per name (twice the time of this, and an import
# computes it for every name and SKU it writes). Migration 0026 replaced the first version.
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


async def replace_bigrams(client) -> None:
    await _run(client, [BIGRAMS])
