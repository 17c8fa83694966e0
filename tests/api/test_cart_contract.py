"""The cart as a storefront reads it: null for anonymous visitors, refused only on its own field
for users who cannot order, and `canPlace` agreeing with what orderPlace does."""

from tests import factories as f

CART = "{ cart { canPlace lines { quantity problems { code } } } categories { id } }"
PLACE = """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) { order { id }
  errors { code } } }"""


async def test_an_anonymous_visitor_has_no_cart_and_the_page_still_answers(client):
    result = await f.gql(client, CART)

    assert "errors" not in result
    assert result["data"] == {"cart": None, "categories": []}


async def test_staff_are_refused_on_the_cart_field_only(client, policy):
    token = await f.login(client, await f.staff(policy, "sales"))

    result = await f.gql(client, CART, token=token)

    assert result["data"] == {"cart": None, "categories": []}
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert result["errors"][0]["path"] == ["cart"]


async def test_an_empty_cart_cannot_be_placed(client, policy):
    token = await f.login(client, await f.buyer(policy, await f.company()))

    result = await f.gql(client, CART, token=token)

    assert result["data"]["cart"] == {"canPlace": False, "lines": []}


async def test_a_line_short_of_stock_blocks_the_cart_and_the_order_alike(client, policy):
    token = await f.login(client, await f.buyer(policy, await f.company()))
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse(), 3)
    await f.gql(client, f.SET_LINE, {"v": f.gid("Variant", variant.id), "q": 5}, token=token)

    shown = await f.gql(client, CART, token=token)
    placed = await f.gql(
        client,
        PLACE,
        {"i": {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": f.ADDRESS}}},
        token=token,
    )

    assert shown["data"]["cart"]["canPlace"] is False
    assert shown["data"]["cart"]["lines"][0]["problems"] == [{"code": "INSUFFICIENT_STOCK"}]
    assert placed["data"]["orderPlace"]["order"] is None
    assert [e["code"] for e in placed["data"]["orderPlace"]["errors"]] == ["INSUFFICIENT_STOCK"]


async def test_a_page_larger_than_the_maximum_is_an_error_naming_it(client, policy):
    token = await f.login(client, await f.staff(policy, "admin"))

    products = await f.gql(client, "{ products(first: 101) { edges { node { id } } } }")
    orders = await f.gql(client, "{ orders(first: 0) { edges { node { id } } } }", token=token)

    for result in (products, orders):
        error = result["errors"][0]
        assert error["extensions"]["code"] == "VALUE_OUT_OF_RANGE"
        assert "100" in error["message"]
