"""The indexed search (SQLite's FTS5 table, PostgreSQL's trigram and pair indexes) finds exactly
what the plain LIKE filter finds, for terms drawn from a catalog of Chinese, English and
mixed-case names and SKUs, on both databases, and after the writers change names and SKUs."""

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tortoise import Tortoise

from db.case_fold import fold_case
from db.catalog import Variant
from domain.catalog import products, search, search_text
from domain.catalog.csv_format import COLUMNS
from domain.catalog.import_csv import import_csv
from domain.catalog.search import ProductSearch, search_products
from tests import factories as f

NAMES = [
    ({"zh-Hans": "香浓奶茶粉", "en": "Milk Tea Powder"}, ["MT-000042", "MT_000042B"]),
    ({"zh-Hans": "奶茶", "en": "MILK tea"}, ["NC-1"]),
    ({"zh-Hans": "纯牛奶 250毫升", "en": "Whole Milk 250 ml"}, ["WM-100042"]),
    ({"zh-Hans": "法式 CRÈME BRÛLÉE", "en": "Crème brûlée"}, ["CB-ÉCLAIR-Ø1"]),
    ({"zh-Hans": "ΟΔΟΣ 咖啡", "en": "İSTANBUL Çay"}, ["TR-İ1"]),
    ({"zh-Hans": "100% 橙汁 a\\b", "en": "Orange Juice 100%"}, ["OJ_100"]),
    ({"zh-Hans": "酱油", "en": "Soy Sauce"}, ["SS-000043", "SS-000044"]),
    ({"zh-Hans": "茶茶茶", "en": "Tea tea TEA"}, ["TTT-3"]),
]
# Terms that are not substrings of any name: wildcards, other characters, mixed case.
EXTRA = ["%", "_", "\\", "100%", "J_", "a\\b", "咖啡", "xyz", "奶牛", "MiLk T", "éclair-ø", "İst"]


async def _catalog() -> list[int]:
    ids = []
    for names, skus in NAMES:
        product = await f.product(names=names)
        for sku in skus:
            await f.variant(product, sku=sku)
        ids.append(product.id)
    return ids


async def _plain_like(text: str) -> set[int]:
    """The products LOWER(name) or LOWER(sku) LIKE '%text%' finds, scanning (the reference)."""
    core = fold_case(text.strip())
    pattern = "%" + core.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    mark, escape = ("$1", "") if postgres else ("?", " ESCAPE '\\'")
    rows = await connection.execute_query_dict(
        f"SELECT product_id FROM product_translation WHERE LOWER(name) LIKE {mark}{escape}"
        f" UNION SELECT product_id FROM variant WHERE LOWER(sku) LIKE {mark}{escape}",
        [pattern] if postgres else [pattern, pattern],
    )
    return {row["product_id"] for row in rows}


async def _found(text: str) -> set[int]:
    statuses = ("draft", "published", "archived")
    query = ProductSearch(language="zh-Hans", text=text, statuses=statuses, first=100)
    return {row[0] for row in await search_products(query)}


def _substrings() -> list[str]:
    texts = [t for names, skus in NAMES for t in [*names.values(), *skus]]
    return sorted({t[i:j] for t in texts for i in range(len(t)) for j in range(i + 2, i + 5)})


async def test_every_short_substring_is_found_as_the_scan_finds_it(db):
    await _catalog()
    for text in _substrings() + EXTRA:
        if not text.strip():
            continue
        assert await _found(text) == await _plain_like(text), text
        assert await _found(text.upper()) == await _plain_like(text.upper()), text


@pytest.fixture
async def catalog(db):
    return await _catalog()


ALPHABET = "奶茶粉牛酱油咖啡 MILKmilkTea0124_%\\-ÉéİiΣσς"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=6))
async def test_any_term_is_found_as_the_scan_finds_it(catalog, text):
    if not text.strip():
        return
    assert await _found(text) == await _plain_like(text)


async def test_writers_keep_the_index_in_step(db):
    ids = await _catalog()
    await products.update(ids[0], texts=[products.ProductText("zh-Hans", "抹茶拿铁")])
    [variant] = await Variant.filter(product_id=ids[1]).values_list("id", flat=True)
    data = products.VariantData(sku="LATTE-7", base_price=Decimal("12.00"))
    await products.update_variant(variant, data)
    created = await products.create("matcha", [products.ProductText("en", "Matcha Latte")])
    await products.add_variant(created.id, products.VariantData("MC-9", Decimal("9.00")))
    row = dict.fromkeys(COLUMNS, "") | {
        "product_slug": "imported", "status": "published", "name_zh": "焦糖玛奇朵",
        "name_en": "Caramel", "sku": "CM-1", "unit": "piece", "pack_size": "1",
        "base_price": "9.00", "min_order_qty": "1", "order_multiple": "1",
        "low_stock_threshold": "0",
    }  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(row)
    assert not (await import_csv(None, out.getvalue())).errors
    assert await _found("抹茶") == {ids[0]}
    assert await _found("香浓") == set()  # the old name is gone
    assert await _found("latte-7") == {ids[1]}
    assert await _found("NC-1") == set()  # the old SKU is gone
    assert await _found("atcha") == await _found("mc-9") == {created.id}
    imported = await _found("玛奇")
    assert len(imported) == 1 and imported == await _found("cm-1")
    for text in [
        "抹茶",
        "抹茶拿",
        "奶茶粉",
        "latte",
        "LATTE-7",
        "NC-1",
        "mc-9",
        "matcha",
        "焦糖",
        "cm-1",
    ]:
        assert await _found(text) == await _plain_like(text), text


async def test_common_terms_walk_the_page_order_and_find_the_same(db, monkeypatch):
    """Past FEW matches SQLite tests each product as the page walks its order."""
    monkeypatch.setattr(search, "FEW", 1)
    await _catalog()
    for text in ["奶茶", "milk", "00004", "MT_", "100%", "a\\b", "咖啡", "6901"]:
        assert await _found(text) == await _plain_like(text), text


async def test_the_migration_fills_the_table_for_an_existing_catalog(db):
    if db != "sqlite":
        pytest.skip("PostgreSQL indexes the columns themselves")
    await _catalog()
    connection = Tortoise.get_connection("default")
    await connection.execute_script("DELETE FROM product_search")
    assert await _found("奶茶") == set()
    await search_text.refresh_all()
    for text in _substrings()[::7]:
        assert await _found(text) == await _plain_like(text), text
