"""Who sees which products, in which language."""

import httpx
from strawberry.relay import to_base64

from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings

NAMES = "{ products(first: 10) { edges { node { name } } } }"


async def test_a_closed_catalog_needs_a_login(db, policy):
    await f.variant(await f.product(names={"zh-Hans": "可乐"}))
    buyer = await f.buyer(policy, await f.company(status="pending"))
    app = create_app(make_settings(catalog_requires_login=True), manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        anonymous = await f.gql(client, NAMES)
        signed_in = await f.gql(client, NAMES, token=await f.login(client, buyer))

    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert signed_in["data"]["products"]["edges"] == [{"node": {"name": "可乐"}}]


async def test_language_code_wins_and_missing_texts_fall_back(client, policy):
    product = await f.product(names={"zh-Hans": "绿茶", "en": "Green tea"})
    await f.variant(product)
    await f.product(names={"zh-Hans": "乌龙茶"})
    query = """query($l: LanguageCode) { products(first: 10, languageCode: $l) {
      edges { node { name } } } }"""

    english = await f.gql(client, query, {"l": "EN"}, language="zh-CN")
    chinese = await f.gql(client, query, {"l": None}, language="zh-CN")
    bad = await f.gql(client, query, {"l": "fr"})

    assert {e["node"]["name"] for e in english["data"]["products"]["edges"]} == {
        "Green tea",
        "乌龙茶",
    }
    assert {e["node"]["name"] for e in chinese["data"]["products"]["edges"]} == {"绿茶", "乌龙茶"}
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"  # not a LanguageCode


async def test_staff_add_a_translation_and_buyers_see_it(client, policy):
    product = await f.product(status="draft", names={"zh-Hans": "酸奶"})
    sales = await f.login(client, await f.staff(policy, "sales"))
    update = """mutation($id: ID!) { productUpdate(input: {id: $id, translations: [
      {language: EN, name: "Yogurt", description: "Plain",
       attributes: [{name: "Brand", value: "Dinghuo"}]}]}) {
      product { translations { language name } } errors { code } } }"""

    result = await f.gql(client, update, {"id": to_base64("Product", product.id)}, token=sales)
    seen = await f.gql(
        client,
        """query($s: String) { product(slug: $s, languageCode: EN) {
          name description attributes { name value } } }""",
        {"s": product.slug},
        token=sales,
    )

    assert sorted(
        t["language"] for t in result["data"]["productUpdate"]["product"]["translations"]
    ) == [
        "EN",
        "ZH_HANS",
    ]
    assert seen["data"]["product"] == {
        "name": "Yogurt",
        "description": "Plain",
        "attributes": [{"name": "Brand", "value": "Dinghuo"}],
    }


async def test_unpublished_products_are_hidden_from_buyers_everywhere(client, policy):
    draft = await f.product(status="draft")
    variant = await f.variant(draft)
    buyer = await f.login(client, await f.buyer(policy, await f.company()))
    staff = await f.login(client, await f.staff(policy, "warehouse"))
    node = """query($id: ID!) { node(id: $id) { ... on Product { slug } } }"""
    by_sku = "query($s: String!) { variant(sku: $s) { sku } }"
    by_slug = "query($s: String) { product(slug: $s) { slug } }"
    gid = {"id": to_base64("Product", draft.id)}

    for token, visible in ((buyer, False), (staff, True)):
        found = await f.gql(client, node, gid, token=token)
        assert bool(found["data"]["node"]) is visible
        found = await f.gql(client, by_sku, {"s": variant.sku}, token=token)
        assert bool(found["data"]["variant"]) is visible
        found = await f.gql(client, by_slug, {"s": draft.slug}, token=token)
        assert bool(found["data"]["product"]) is visible


async def test_newest_first(client):
    for name in ("旧", "中", "新"):
        await f.variant(await f.product(names={"zh-Hans": name}))
    result = await f.gql(client, "{ products(sort: NEWEST) { edges { node { name } } } }")
    assert [e["node"]["name"] for e in result["data"]["products"]["edges"]] == ["新", "中", "旧"]
