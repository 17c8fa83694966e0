"""What setting a cart line costs: the cart in the payload is priced only when the selection
asks for it."""

import logging

from tests import factories as f

BARE = """mutation($v: ID!, $q: Int!) { cartLineSet(input: {variantId: $v, quantity: $q}) {
  errors { code } } }"""
TYPENAME = """mutation($v: ID!, $q: Int!) { cartLineSet(input: {variantId: $v, quantity: $q}) {
  cart { __typename } errors { code } } }"""
PRICED = """mutation($v: ID!, $q: Int!) { cartLineSet(input: {variantId: $v, quantity: $q}) {
  cart { canPlace subtotal { amount } lines { quantity lineTotal { amount } } }
  errors { code } } }"""
# Sign-in, then a new line: variant with its product, price lists, the line's update (none),
# the cart's size, the insert.
SET_LINE_STATEMENTS = 6
# Pricing the cart: its company, lines with variants and products, price lists, stock.
CART_STATEMENTS = 6


async def _cost(client, token, caplog, query, variables) -> tuple[dict, int]:
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()
    result = await f.gql(client, query, variables, token=token)
    assert "errors" not in result, result
    [count] = f.sql_statements(caplog)
    return result["data"]["cartLineSet"], count


async def test_a_line_set_prices_the_cart_only_when_the_selection_asks_for_it(
    client, policy, caplog
):
    token = await f.login(client, await f.buyer(policy, await f.company()))
    warehouse = await f.warehouse()
    ids = []
    for n in range(3):
        variant = await f.variant(await f.product(), base_price=1000 + n, order_multiple=1)
        await f.stock(variant, warehouse, 20)
        ids.append(f.gid("Variant", variant.id))

    bare, bare_cost = await _cost(client, token, caplog, BARE, {"v": ids[0], "q": 2})
    typed, typed_cost = await _cost(client, token, caplog, TYPENAME, {"v": ids[1], "q": 3})
    priced, priced_cost = await _cost(client, token, caplog, PRICED, {"v": ids[2], "q": 4})

    assert bare == {"errors": []}
    assert typed == {"cart": {"__typename": "Cart"}, "errors": []}
    assert priced["cart"]["subtotal"]["amount"] == "90.11"
    assert [line["quantity"] for line in priced["cart"]["lines"]] == [2, 3, 4]
    assert bare_cost == typed_cost == SET_LINE_STATEMENTS
    assert priced_cost == SET_LINE_STATEMENTS + CART_STATEMENTS
