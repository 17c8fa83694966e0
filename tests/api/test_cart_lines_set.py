"""`cartLinesSet`: several cart lines in one call, all or nothing, with per-line errors."""

from tests import factories as f

SET = """mutation($input: CartLinesSetInput!) { cartLinesSet(input: $input) {
  cart { lines { quantity variant { sku } } } errors { field code } } }"""


async def _shop(client, policy):
    token = await f.login(client, await f.buyer(policy, await f.company(), role="purchaser"))
    variants = [await f.variant(await f.product()) for _ in range(2)]
    hidden = await f.variant(await f.product(status="draft"))
    return token, variants, hidden


def _line(variant, quantity: int) -> dict:
    return {"variantId": f.gid("Variant", variant.id), "quantity": quantity}


async def _set(client, token, *lines):
    result = await f.gql(client, SET, {"input": {"lines": list(lines)}}, token=token)
    return result["data"]["cartLinesSet"]


async def test_several_lines_are_set_changed_and_removed_in_one_call(client, policy):
    token, (a, b), _ = await _shop(client, policy)

    first = await _set(client, token, _line(a, 2), _line(b, 3))
    second = await _set(client, token, _line(a, 0), _line(b, 5))

    assert first["errors"] == []
    assert sorted((li["variant"]["sku"], li["quantity"]) for li in first["cart"]["lines"]) == [
        (a.sku, 2),
        (b.sku, 3),
    ]
    assert [(li["variant"]["sku"], li["quantity"]) for li in second["cart"]["lines"]] == [
        (b.sku, 5)
    ]


async def test_one_bad_line_changes_nothing_and_every_problem_is_named(client, policy):
    token, (a, b), hidden = await _shop(client, policy)
    await _set(client, token, _line(a, 1))

    result = await _set(
        client,
        token,
        _line(a, 4),
        _line(hidden, 1),
        _line(b, -1),
        _line(a, 2),
        {"variantId": f.gid("Product", hidden.product_id), "quantity": 1},
    )

    assert result["errors"] == [
        {"field": ["lines", "1", "variantId"], "code": "NOT_FOUND"},
        {"field": ["lines", "2", "quantity"], "code": "INVALID_QUANTITY"},
        {"field": ["lines", "3", "variantId"], "code": "INVALID"},
        {"field": ["lines", "4", "variantId"], "code": "INVALID_ID"},
    ]
    assert [(li["variant"]["sku"], li["quantity"]) for li in result["cart"]["lines"]] == [
        (a.sku, 1)
    ]


async def test_staff_cannot_set_cart_lines(client, policy):
    admin = await f.login(client, await f.staff(policy, "admin"))
    variant = await f.variant(await f.product())

    result = await f.gql(client, SET, {"input": {"lines": [_line(variant, 1)]}}, token=admin)

    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
