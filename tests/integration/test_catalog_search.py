"""The storefront search finds names and SKUs by substring on both databases; on PostgreSQL
from the indexes of migration 0024 (trigrams for 3+ characters, character pairs for 2)."""

import json

import pytest
from tortoise import Tortoise

from domain.catalog.search import ProductSearch, search_products
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f


async def _catalog() -> dict[str, int]:
    found = {}
    for key, names, sku, barcode in [
        ("tea", {"zh-Hans": "香浓奶茶粉", "en": "Milk Tea Powder"}, "MT-000042", "6901234567892"),
        ("soy", {"zh-Hans": "酱油", "en": "Soy Sauce"}, "SS-000043", None),
        ("milk", {"zh-Hans": "纯牛奶", "en": "Whole Milk"}, "WM-100042", None),
    ]:
        product = await f.product(names=names)
        await f.variant(product, sku=sku, barcode=barcode)
        found[key] = product.id
    return found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("奶茶", {"tea"}),  # two characters: no trigram
        ("奶", {"tea", "milk"}),  # one character
        ("奶茶粉", {"tea"}),
        ("milk", {"tea", "milk"}),  # any case, any language's name
        ("MILK T", {"tea"}),
        ("000042", {"tea"}),  # inside a SKU
        ("00042", {"tea", "milk"}),
        ("ss", {"soy"}),  # two letters, in the SKU and in "Sauce"
        ("6901234567892", {"tea"}),  # a barcode, whole
        ("咖啡", set()),
        ("%", set()),  # wildcards are not patterns: no name has a "%"
        ("_", set()),
    ],
)
async def test_search_finds_substrings_of_names_and_skus(db, text, expected):
    ids = await _catalog()
    rows = await search_products(ProductSearch(language="zh-Hans", text=text))
    assert {row[0] for row in rows} == {ids[k] for k in expected}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("OJ_100", True),  # its whole SKU
        ("J_", True),  # two characters: the pairs' index
        ("100%", True),
        ("100% 橙", True),
        ("a\\b", True),
        ("OJ100", False),  # "_" and "%" are characters, not dropped
        ("100 橙", False),
    ],
)
async def test_search_matches_wildcard_characters_literally(db, text, found):
    product = await f.product(names={"zh-Hans": "100% 橙汁 a\\b", "en": "Orange Juice"})
    await f.variant(product, sku="OJ_100")
    rows = await search_products(ProductSearch(language="zh-Hans", text=text))
    assert ({row[0] for row in rows} == {product.id}) is found


async def _plan(text: str) -> str:
    connection = Tortoise.get_connection("default")
    captured = []
    original = connection.execute_query

    async def capture(sql, values=None):
        captured.append((sql, values))
        return await original(sql, values)

    connection.execute_query = capture  # type: ignore[method-assign]
    try:
        await search_products(ProductSearch(language="zh-Hans", text=text))
    finally:
        del connection.execute_query
    sql, values = captured[-1]
    if connection.capabilities.dialect == "sqlite":
        rows = await connection.execute_query_dict(f"EXPLAIN QUERY PLAN {sql}", values)
        return json.dumps([row["detail"] for row in rows])
    # A three-row table is cheaper to scan: ask what the plan is when scans are not wanted.
    async with connection._in_transaction() as transaction:
        await transaction.execute_script("SET LOCAL enable_seqscan = off")
        plan = await transaction.execute_query_dict(f"EXPLAIN (FORMAT JSON) {sql}", values)
    document = plan[0]["QUERY PLAN"]
    return document if isinstance(document, str) else json.dumps(document)


@pytest.mark.parametrize(
    ("text", "indexes"),
    [
        ("奶茶", ("product_translation_name_bigrams", "variant_sku_bigrams")),
        ("奶茶粉", ("product_translation_name_trgm", "variant_sku_trgm")),
        ("000042", ("product_translation_name_trgm", "variant_sku_trgm")),
    ],
)
async def test_searches_from_indexes(db, text, indexes):
    await _catalog()
    plan = await _plan(text)
    # SQLite: its FTS5 table of names and SKUs (domain/catalog/search_text.py) for any term.
    for index in indexes if db == "postgres" else ("VIRTUAL TABLE INDEX",):
        assert index in plan, plan


@pytest.mark.parametrize("text", ["奶\x00茶", "\x00"])
async def test_search_text_with_nul_is_refused_on_both_databases(db, text):
    await _catalog()
    with pytest.raises(DomainError) as refused:
        await search_products(ProductSearch(language="zh-Hans", text=text))
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID, "search")


@pytest.mark.parametrize("text", ["茶" * 5000, "😀", "😀奶", "q"])
async def test_odd_search_text_finds_nothing_rather_than_failing(db, text):
    await _catalog()
    assert await search_products(ProductSearch(language="zh-Hans", text=text)) == []


async def test_search_folds_the_case_of_any_letter_on_both_databases(db):
    product = await f.product(names={"zh-Hans": "法式 CRÈME BRÛLÉE", "en": "CRÈME BRÛLÉE"})
    await f.variant(product, sku="CB-1")
    rows = await search_products(ProductSearch(language="zh-Hans", text="crème"))
    assert [row[0] for row in rows] == [product.id]


@pytest.mark.parametrize(
    ("name", "sku", "text"),
    [
        ("ΟΔΟΣ ΚΑΦΕ", "GR-1", "ΟΔΟΣ"),  # a word-final Σ: Python alone would fold it to ς
        ("İSTANBUL ÇAY", "TR-1", "İstanbul"),  # İ: Python alone would add a combining dot
        ("法式 奶茶", "ÉCLAIR-Ø1", "éclair-ø"),  # a SKU, folded too
    ],
)
async def test_search_folds_the_text_as_the_database_folds_names(db, name, sku, text):
    product = await f.product(names={"zh-Hans": name})
    await f.variant(product, sku=sku)
    rows = await search_products(ProductSearch(language="zh-Hans", text=text))
    assert [row[0] for row in rows] == [product.id]


@pytest.mark.parametrize("text", ["", "奶", "奶茶", "奶茶奶茶", "aaaa", "Milk Tea 奶茶粉"])
async def test_character_pairs_are_the_distinct_pairs_of_the_text(db, text):
    """What the pair index holds per row, whatever order or repeats the function returns."""
    if db != "postgres":
        pytest.skip("SQLite has no pair index")
    connection = Tortoise.get_connection("default")
    rows = await connection.execute_query_dict(
        "SELECT search_bigrams($1) AS pairs, search_bigrams(NULL) IS NULL AS strict", [text]
    )
    assert set(rows[0]["pairs"]) == {text[i : i + 2] for i in range(len(text) - 1)}
    assert rows[0]["strict"]
