"""A storefront page costs the same statements for 10 products as for 50, and the page-wide
variant loading answers exactly what each product's own `variants` resolver answers."""

import logging

import pytest

from tests import factories as f

# The storefront's list as it was measured (bench/storefront.py): ids, names, price, stock.
MEASURED = """query($first: Int) { products(first: $first) { edges { node {
  id name variants { id sku price { unitPrice { amount currency } }
    availability { quantity } } } } } }"""
# A richer selection, plain.
PAGE = """query($first: Int) { products(first: $first) { edges { node {
  id name variants { id sku name price { unitPrice { amount currency } source }
    priceBreaks { minQuantity unitPrice { amount } }
    availability { status quantity } } } } } }"""
# The same selection behind a fragment: each product loads its own variants.
FRAGMENT = """query($first: Int) { products(first: $first) { edges { node {
  id name variants { ...V } } } } }
fragment V on Variant { id sku name price { unitPrice { amount currency } source }
  priceBreaks { minQuantity unitPrice { amount } }
  availability { status quantity } }"""


@pytest.fixture
async def shop(db, policy):
    warehouse = await f.warehouse("SH")
    tier = await f.price_list(tier="wholesale")
    for n in range(50):
        product = await f.product(names={"zh-Hans": f"商品{n:02d}", "en": f"Item {n:02d}"})
        for v in range(2):
            variant = await f.variant(product, base_price=1500 + n * 10 + v)
            await f.breaks(tier, variant, (1, 1200 + n * 10), (10, 1100 + n * 10))
            await f.stock(variant, warehouse, n + v + 1)
        await f.variant(product, is_active=False)  # archived: never on the page
    company = await f.company(price_tier="wholesale")
    return await f.buyer(policy, company, role="purchaser")


def _nodes(result) -> list[dict]:
    assert "errors" not in result, result
    return [e["node"] for e in result["data"]["products"]["edges"]]


async def test_statements_per_page_do_not_grow_from_10_to_50_products(client, shop, caplog):
    token = await f.login(client, shop)
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()

    ten = await f.gql(client, MEASURED, {"first": 10}, token=token)
    fifty = await f.gql(client, MEASURED, {"first": 50}, token=token)
    again = await f.gql(client, MEASURED, {"first": 50}, token=token)

    assert len(_nodes(ten)) == 10 and len(_nodes(fifty)) == 50
    assert all(len(n["variants"]) == 2 for n in _nodes(fifty))
    assert again == fifty
    # sign-in, price lists, search (with the products' rows), product texts, variants, breaks,
    # stock; the price lists and then the breaks are remembered under the pricing version
    # (resolvers/pricing/price_cache.py)
    assert f.sql_statements(caplog) == [7, 6, 5]


async def test_the_page_answers_what_each_products_own_resolver_answers(client, shop):
    token = await f.login(client, shop)

    page = await f.gql(client, PAGE, {"first": 50}, token=token)
    one_by_one = await f.gql(client, FRAGMENT, {"first": 50}, token=token)

    assert _nodes(page) == _nodes(one_by_one)
    first = _nodes(page)[0]["variants"][0]
    assert first["price"]["unitPrice"]["amount"] in ("12.00", "12")
    assert first["availability"]["status"] == "IN_STOCK"
