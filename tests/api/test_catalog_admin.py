"""Staff build the catalog: categories, products, variants, prices and stock."""

import pytest
from strawberry.relay import to_base64

from db.audit import AuditEntry
from tests import factories as f

CATEGORY = """mutation($input: CategoryCreateInput!) { categoryCreate(input: $input) {
  category { id slug name } errors { field code } } }"""
PRODUCT = """mutation($input: ProductCreateInput!) { productCreate(input: $input) {
  product { id slug status name } errors { field code } } }"""
VARIANT = """mutation($input: VariantCreateInput!) {
  variantCreate(input: $input) {
    variant { id sku unit quantityRules { minimum multiple maximum } }
    errors { field code message } } }"""
PUBLISH = """mutation($id: ID!) { productPublish(input: {id: $id}) {
  product { status } errors { code } } }"""


def variant_input(**overrides) -> dict:
    values = {
        "sku": "nfsq-550-24",
        "basePrice": "36.00",
        "unit": "CASE",
        "packSize": 24,
        "minOrderQty": 2,
        "orderMultiple": 2,
        "translations": [
            {
                "language": "ZH_HANS",
                "name": "550毫升×24瓶",
                "specs": [{"name": "容量", "value": "550毫升"}],
            },
            {
                "language": "EN",
                "name": "550 ml × 24",
                "specs": [{"name": "Volume", "value": "550 ml"}],
            },
        ],
    }
    values.update(overrides)
    return values


@pytest.fixture
async def sales(client, policy, db):
    return await f.login(client, await f.staff(policy, "sales"))


async def _product(client, token, **overrides) -> dict:
    values = {
        "slug": "nongfu-spring-water",
        "translations": [{"language": "ZH_HANS", "name": "农夫山泉饮用天然水"}],
    }
    values.update(overrides)
    result = await f.gql(client, PRODUCT, {"input": values}, token=token)
    return result["data"]["productCreate"]


async def test_staff_build_a_product_and_buyers_then_see_it(client, policy, sales):
    category = (
        await f.gql(
            client,
            CATEGORY,
            {
                "input": {
                    "slug": "water",
                    "names": [
                        {"language": "ZH_HANS", "name": "饮用水"},
                        {"language": "EN", "name": "Water"},
                    ],
                }
            },
            token=sales,
        )
    )["data"]["categoryCreate"]["category"]
    product = (await _product(client, sales, categoryId=category["id"]))["product"]

    early = await f.gql(client, PUBLISH, {"id": product["id"]}, token=sales)
    variant = await f.gql(
        client, VARIANT, {"input": variant_input(productId=product["id"])}, token=sales
    )
    published = await f.gql(client, PUBLISH, {"id": product["id"]}, token=sales)

    assert product["status"] == "DRAFT"
    assert early["data"]["productPublish"]["errors"] == [{"code": "INVALID_STATE"}]
    assert variant["data"]["variantCreate"]["variant"] == {
        "id": variant["data"]["variantCreate"]["variant"]["id"],
        "sku": "NFSQ-550-24",
        "unit": "CASE",
        "quantityRules": {"minimum": 2, "multiple": 2, "maximum": None},
    }
    assert published["data"]["productPublish"]["product"] == {"status": "PUBLISHED"}
    buyer = await f.login(client, await f.buyer(policy, await f.company()))
    seen = await f.gql(
        client,
        """{ variant(sku: "nfsq-550-24", languageCode: EN) { name specs { name value }
             price { unitPrice { amount } quantity lineTotal { amount } }
             product { name category { name } } } }""",
        token=buyer,
    )
    assert seen["data"]["variant"] == {
        "name": "550 ml × 24",
        "specs": [{"name": "Volume", "value": "550 ml"}],
        "price": {
            "unitPrice": {"amount": "36.00"},
            "quantity": 2,
            "lineTotal": {"amount": "72.00"},
        },
        # No English product name yet: the default language stands in.
        "product": {"name": "农夫山泉饮用天然水", "category": {"name": "Water"}},
    }


async def test_duplicates_and_bad_rules_are_refused_with_codes(client, sales):
    product = (await _product(client, sales))["product"]
    again = await _product(client, sales)
    await f.gql(client, VARIANT, {"input": variant_input(productId=product["id"])}, token=sales)

    async def errors(**overrides):
        result = await f.gql(
            client,
            VARIANT,
            {"input": variant_input(productId=product["id"], **overrides)},
            token=sales,
            language="en",
        )
        errors = result["data"]["variantCreate"]["errors"]
        return [(".".join(e["field"]), e["code"]) for e in errors]

    assert again["errors"] == [{"field": ["slug"], "code": "DUPLICATE_SLUG"}]
    assert await errors() == [("sku", "DUPLICATE_SKU")]
    assert await errors(sku="X1", basePrice="0") == [("basePrice", "INVALID_PRICE")]
    assert await errors(sku="X1", basePrice="1.005") == [("basePrice", "INVALID_PRICE")]
    assert await errors(sku="X1", minOrderQty=5, orderMultiple=24) == [
        ("minOrderQty", "INVALID_QUANTITY_RULES")
    ]
    assert await errors(sku="X1", maxOrderQty=1) == [("maxOrderQty", "INVALID_QUANTITY_RULES")]
    # A unit outside the enum never reaches the resolver: the variable itself is refused.
    bad = await f.gql(
        client,
        VARIANT,
        {"input": variant_input(productId=product["id"], sku="X1", unit="barrel")},
        token=sales,
    )
    assert "data" not in bad or bad["data"] is None
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("role", ["warehouse", "finance"])
async def test_other_staff_cannot_edit_the_catalog(client, policy, role):
    token = await f.login(client, await f.staff(policy, role))
    result = await f.gql(
        client,
        PRODUCT,
        {"input": {"slug": "x", "translations": [{"language": "ZH_HANS", "name": "x"}]}},
        token=token,
    )
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_category_cannot_move_below_itself(client, sales):
    parent = await f.gql(
        client,
        CATEGORY,
        {"input": {"slug": "drinks", "names": [{"language": "ZH_HANS", "name": "饮料"}]}},
        token=sales,
    )
    parent_id = parent["data"]["categoryCreate"]["category"]["id"]
    child = await f.gql(
        client,
        CATEGORY,
        {
            "input": {
                "slug": "tea",
                "parentId": parent_id,
                "names": [{"language": "ZH_HANS", "name": "茶饮"}],
            }
        },
        token=sales,
    )
    child_id = child["data"]["categoryCreate"]["category"]["id"]

    moved = await f.gql(
        client,
        """mutation($id: ID!, $p: ID!) { categoryUpdate(input: {id: $id, parentId: $p}) {
          errors { field code } } }""",
        {"id": parent_id, "p": child_id},
        token=sales,
    )

    assert moved["data"]["categoryUpdate"]["errors"] == [
        {"field": ["parentId"], "code": "CATEGORY_CYCLE"}
    ]
    tree = await f.gql(client, "{ categories { slug children { slug } } }")
    assert tree["data"]["categories"] == [{"slug": "drinks", "children": [{"slug": "tea"}]}]


async def test_price_lists_breaks_and_staff_quote(client, policy, sales):
    company = await f.company(price_tier="distributor")
    variant = await f.variant(await f.product(), base_price=1500)
    vid = to_base64("Variant", variant.id)
    created = await f.gql(
        client,
        """mutation { priceListCreate(input: {name: "经销商价", tier: "distributor"}) {
          priceList { id tier } errors { code } } }""",
        token=sales,
    )
    list_id = created["data"]["priceListCreate"]["priceList"]["id"]
    set_breaks = """mutation($l: ID!, $v: ID!, $b: [PriceBreakInput!]!) {
      priceBreaksSet(input: {priceListId: $l, variantId: $v,
        breaks: $b}) { errors { field code } } }"""

    rising = await f.gql(
        client,
        set_breaks,
        {
            "l": list_id,
            "v": vid,
            "b": [
                {"minQuantity": 1, "unitPrice": "12.00"},
                {"minQuantity": 10, "unitPrice": "13.00"},
            ],
        },
        token=sales,
    )
    ok = await f.gql(
        client,
        set_breaks,
        {
            "l": list_id,
            "v": vid,
            "b": [
                {"minQuantity": 1, "unitPrice": "12.00"},
                {"minQuantity": 10, "unitPrice": "11.20"},
                {"minQuantity": 50, "unitPrice": "10.50"},
            ],
        },
        token=sales,
    )
    quote = await f.gql(
        client,
        """query($c: ID!, $s: String!) { priceQuote(companyId: $c, sku: $s, quantity: 10) {
          price { unitPrice { amount } source } breaks { minQuantity unitPrice { amount } } } }""",
        {"c": to_base64("Company", company.id), "s": variant.sku},
        token=sales,
    )

    assert rising["data"]["priceBreaksSet"]["errors"] == [
        {"field": ["breaks"], "code": "INVALID_PRICE_BREAKS"}
    ]
    assert ok["data"]["priceBreaksSet"]["errors"] == []
    assert quote["data"]["priceQuote"] == {
        "price": {"unitPrice": {"amount": "11.20"}, "source": "TIER"},
        "breaks": [
            {"minQuantity": 1, "unitPrice": {"amount": "12.00"}},
            {"minQuantity": 10, "unitPrice": {"amount": "11.20"}},
            {"minQuantity": 50, "unitPrice": {"amount": "10.50"}},
        ],
    }
    assert await AuditEntry.filter(action="price.set").count() == 1


async def test_warehouse_staff_adjust_stock_and_buyers_see_the_level(client, policy):
    warehouse = await f.warehouse("SH")
    variant = await f.variant(await f.product(), low_stock_threshold=5)
    keeper = await f.login(client, await f.staff(policy, "warehouse"))
    sales = await f.login(client, await f.staff(policy, "sales"))
    adjust = """mutation($v: ID!, $w: ID!, $d: Int!) { stockAdjust(input: {variantId: $v,
      warehouseId: $w, delta: $d, reason: "入库"}) { stockLevel { onHand available
      warehouse { code } } errors { code } } }"""
    args = {"v": to_base64("Variant", variant.id), "w": f.gid("Warehouse", warehouse.id), "d": 4}

    refused = await f.gql(client, adjust, args, token=sales)
    done = await f.gql(client, adjust, args, token=keeper)
    buyer = await f.login(client, await f.buyer(policy, await f.company()))
    seen = await f.gql(
        client,
        f'{{ variant(sku: "{variant.sku}") {{ availability {{ status quantity }} }} }}',
        token=buyer,
    )

    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert done["data"]["stockAdjust"]["stockLevel"] == {
        "onHand": 4,
        "available": 4,
        "warehouse": {"code": "SH"},
    }
    assert seen["data"]["variant"]["availability"] == {"status": "LOW_STOCK", "quantity": None}
    entry = await AuditEntry.get(action="stock.adjust")
    assert entry.after["onHand"] == 4
