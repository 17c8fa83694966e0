"""The storefront: what visitors, buyers and staff see of the catalog, at a constant cost."""

import logging

import pytest

from tests import factories as f

LIST = """query($first: Int, $filter: ProductFilter, $sort: ProductSort, $after: String) {
  products(first: $first, filter: $filter, sort: $sort, after: $after) {
    edges { node {
      name slug category { name }
      images { url alt }
      variants { sku name specs { name value } unit packSize
        quantityRules { minimum multiple maximum }
        price { unitPrice { amount currency } source }
        priceBreaks { minQuantity unitPrice { amount } source }
        availability { status quantity } }
    } }
    pageInfo { hasNextPage endCursor }
  } }"""


@pytest.fixture
async def catalog(db, policy):
    from db.catalog import CategoryTranslation

    drinks = await _category("drinks", "饮料", "Drinks")
    water = await _category("water", "饮用水", "Water", parent=drinks)
    snacks = await _category("snacks", "零食", "Snacks")
    await CategoryTranslation.all().count()
    warehouse = await f.warehouse("SH")
    tier = await f.price_list(tier="wholesale")
    products = []
    for n in range(12):
        product = await f.product(
            category=water if n % 2 else snacks,
            names={"zh-Hans": f"商品{n:02d}", "en": f"Item {n:02d}"},
            images=[{"url": f"https://img.example/{n}.jpg", "alt": {"zh-Hans": "图", "en": "pic"}}],
        )
        variant = await f.variant(product, base_price=1500 + n * 100, min_order_qty=1)
        await f.breaks(tier, variant, (1, 1200 + n * 100), (10, 1100 + n * 100))
        if n != 3:
            await f.stock(variant, warehouse, 100)
        products.append((product, variant))
    company = await f.company(price_tier="wholesale")
    buyer = await f.buyer(policy, company, role="purchaser")
    return {
        "drinks": drinks,
        "water": water,
        "products": products,
        "buyer": buyer,
        "company": company,
        "tier": tier,
        "warehouse": warehouse,
    }


async def _category(slug, zh, en, parent=None):
    from domain.catalog import categories

    return await categories.create(slug, {"zh-Hans": zh, "en": en}, parent.id if parent else None)


def nodes(result) -> list[dict]:
    return [e["node"] for e in result["data"]["products"]["edges"]]


async def test_visitors_browse_published_products_without_prices_or_stock(client, catalog):
    result = await f.gql(client, LIST, {"first": 3})

    [first, *_] = nodes(result)
    assert first["name"] == "商品00"
    assert first["category"] == {"name": "零食"}
    assert first["images"] == [{"url": "https://img.example/0.jpg", "alt": "图"}]
    variant = first["variants"][0]
    assert variant["price"] is None and variant["priceBreaks"] is None
    assert variant["availability"] is None
    assert result["data"]["products"]["pageInfo"]["hasNextPage"] is True


async def test_buyers_see_their_tier_prices_breaks_and_availability(client, catalog):
    token = await f.login(client, catalog["buyer"])
    result = await f.gql(client, LIST, {"first": 1}, token=token, language="en")

    [product] = nodes(result)
    assert product["name"] == "Item 00"
    assert product["category"] == {"name": "Snacks"}
    [variant] = product["variants"]
    assert variant["price"] == {
        "unitPrice": {"amount": "12.00", "currency": "CNY"},
        "source": "TIER",
    }
    assert variant["priceBreaks"] == [
        {"minQuantity": 1, "unitPrice": {"amount": "12.00"}, "source": "TIER"},
        {"minQuantity": 10, "unitPrice": {"amount": "11.00"}, "source": "TIER"},
    ]
    assert variant["availability"] == {"status": "IN_STOCK", "quantity": None}


async def test_a_contract_price_beats_the_tier_for_that_company_only(client, catalog, policy):
    product, variant = catalog["products"][0]
    contract = await f.price_list(company=catalog["company"])
    await f.breaks(contract, variant, (1, 999))
    other = await f.buyer(policy, await f.company(price_tier="wholesale"))

    mine = nodes(
        await f.gql(client, LIST, {"first": 1}, token=await f.login(client, catalog["buyer"]))
    )
    theirs = nodes(await f.gql(client, LIST, {"first": 1}, token=await f.login(client, other)))

    assert mine[0]["variants"][0]["price"]["unitPrice"]["amount"] == "9.99"
    assert mine[0]["variants"][0]["price"]["source"] == "CONTRACT"
    assert theirs[0]["variants"][0]["price"]["unitPrice"]["amount"] == "12.00"


async def test_pending_company_sees_no_prices(client, catalog, policy):
    pending = await f.buyer(policy, await f.company(status="pending", price_tier="wholesale"))
    result = await f.gql(client, LIST, {"first": 1}, token=await f.login(client, pending))
    assert nodes(result)[0]["variants"][0]["price"] is None


async def test_filters_category_tree_search_stock_and_price(client, catalog):
    token = await f.login(client, catalog["buyer"])
    from strawberry.relay import to_base64

    async def names(**filter_) -> list[str]:
        result = await f.gql(client, LIST, {"first": 50, "filter": filter_}, token=token)
        return [n["name"] for n in nodes(result)]

    drinks = to_base64("Category", catalog["drinks"].id)
    assert await names(categoryId=drinks) == [f"商品{n:02d}" for n in range(1, 12, 2)]
    assert await names(search="item 07") == ["商品07"]
    sku = catalog["products"][4][1].sku
    assert await names(search=sku.lower()) == ["商品04"]
    assert "商品03" not in await names(inStock=True)
    assert await names(minPrice="13.00", maxPrice="14.00") == ["商品01", "商品02"]


async def test_sort_by_price_and_page_with_cursors(client, catalog):
    token = await f.login(client, catalog["buyer"])
    seen, after = [], None
    while True:
        result = await f.gql(
            client, LIST, {"first": 5, "sort": "PRICE", "after": after}, token=token
        )
        seen += [n["variants"][0]["price"]["unitPrice"]["amount"] for n in nodes(result)]
        page = result["data"]["products"]["pageInfo"]
        if not page["hasNextPage"]:
            break
        after = page["endCursor"]
    assert len(seen) == 12
    assert seen == sorted(seen, key=float)


async def test_anonymous_price_sort_is_refused(client, catalog):
    result = await f.gql(client, LIST, {"first": 5, "sort": "PRICE"})
    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_drafts_are_hidden_from_buyers_and_shown_to_staff(client, catalog, policy):
    draft = await f.product(status="draft", names={"zh-Hans": "草稿商品"})
    await f.variant(draft)
    query = """query($filter: ProductFilter) { products(first: 50, filter: $filter) {
      edges { node { name status } } } }"""
    buyer = await f.login(client, catalog["buyer"])
    staff = await f.login(client, await f.staff(policy, "sales"))
    drafts = {"status": ["DRAFT"]}

    as_buyer = await f.gql(client, query, {"filter": drafts}, token=buyer)
    as_staff = await f.gql(client, query, {"filter": drafts}, token=staff)

    assert "草稿商品" not in [n["name"] for n in nodes(as_buyer)]
    assert [n["name"] for n in nodes(as_staff)] == ["草稿商品"]


async def test_statement_count_does_not_grow_with_the_page(client, catalog, caplog):
    token = await f.login(client, catalog["buyer"])
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()

    small = await f.gql(client, LIST, {"first": 5}, token=token)
    large = await f.gql(client, LIST, {"first": 50}, token=token)

    assert len(nodes(small)) == 5 and len(nodes(large)) == 12
    # auth, search (with the products' rows), product texts, categories, category texts,
    # variants, variant texts, price lists, price breaks, stock levels; the second page finds the
    # price lists remembered (resolvers/pricing/price_cache.py) and asks only for new variants'
    # breaks
    assert f.sql_statements(caplog) == [10, 9]
