"""Bad input is the client's error: a stable code and a localized message, never
INTERNAL_ERROR, and nothing written."""

import json

import pytest
from strawberry.relay import to_base64

from db.accounts import Company
from db.inventory import StockLevel
from db.orders import Order
from tests import factories as f

GARBAGE_IDS = ["", "garbage", "!!!", "Q29tcGFueQ=="]  # the last one is "Company", no colon
NOT_ROW_IDS = [
    to_base64("Product", "abc"),
    to_base64("Product", 2**40),
    to_base64("Product", ""),
    to_base64("Node", 1),  # the interface itself
    to_base64("Query", 1),  # a type that is not a Node
]


def _codes(result: dict) -> list[str]:
    return [e["extensions"]["code"] for e in result.get("errors", [])]


@pytest.mark.parametrize("bad", GARBAGE_IDS)
@pytest.mark.parametrize(
    "query",
    [
        "query($id: ID!) { node(id: $id) { id } }",
        "query($id: ID!) { products(filter: {categoryId: $id}) { edges { node { id } } } }",
        "query($id: ID!) { product(id: $id) { id } }",
    ],
)
async def test_malformed_global_ids_are_invalid_id_even_anonymously(client, query, bad):
    result = await f.gql(client, query, {"id": bad})

    assert _codes(result) == ["INVALID_ID"], result


@pytest.mark.parametrize("bad", GARBAGE_IDS)
@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ("mutation($id: ID!) { orderCancel(input: {id: $id}) { errors { code field } } }", "id"),
        (
            "mutation($id: ID!) { cartLineSet(input: {variantId: $id, quantity: 1})"
            " { errors { code field } } }",
            "variantId",
        ),
        (
            "mutation($id: ID!) { companyAddressDefaultSet(input: {id: $id})"
            " { errors { code field } } }",
            "id",
        ),
    ],
)
async def test_malformed_global_ids_name_the_argument(client, policy, query, argument, bad):
    token = await f.login(client, await f.buyer(policy, await f.company()))

    result = await f.gql(client, query, {"id": bad}, token=token)

    payload = next(iter((result.get("data") or {}).values()), None)
    if payload:  # payload errors name the field by its path in `input`
        found = [(e["code"], e["field"]) for e in payload["errors"]]
    else:
        found = [(e["extensions"]["code"], [e["extensions"]["field"]]) for e in result["errors"]]
    assert found == [("INVALID_ID", [argument])], result


@pytest.mark.parametrize("bad", NOT_ROW_IDS)
@pytest.mark.parametrize(
    "query",
    [
        "query($id: ID!) { node(id: $id) { id } }",
        "query($id: ID!) { product(id: $id) { id } }",
        "mutation($id: ID!) { productPublish(input: {id: $id}) { errors { code } } }",
    ],
)
async def test_global_ids_without_a_row_id_are_invalid_id(client, policy, query, bad):
    admin = await f.login(client, await f.staff(policy))

    result = await f.gql(client, query, {"id": bad}, token=admin)

    payload = next(iter((result.get("data") or {}).values()), None)
    codes = [e["code"] for e in payload["errors"]] if payload else _codes(result)
    assert codes == ["INVALID_ID"], result


async def test_invalid_id_is_localized(client):
    query = '{ node(id: "") { id } }'

    zh = await f.gql(client, query)
    en = await f.gql(client, query, language="en")

    assert zh["errors"][0]["message"] == "编号无效，请使用接口返回的 id。"
    assert en["errors"][0]["message"] == "Invalid id: use an id the API returned."


async def test_an_id_of_another_type_is_invalid_id(client, policy):
    admin = await f.login(client, await f.staff(policy))
    product = await f.product()
    cancel = "mutation($id: ID!) { orderCancel(input: {id: $id}) { errors { code field } } }"

    result = await f.gql(client, cancel, {"id": to_base64("Product", product.id)}, token=admin)

    errors = result["data"]["orderCancel"]["errors"] if result.get("data") else result["errors"]
    assert [e.get("code") or e["extensions"]["code"] for e in errors] == ["INVALID_ID"]


PRODUCTS = "query($n: Int!) { products(first: $n) { edges { node { id } } } }"
ROOT_VARIABLES = [
    (PRODUCTS, {"n": "ten"}),
    (PRODUCTS, {"n": 1.5}),
    (PRODUCTS, {"n": 2**40}),
    (PRODUCTS, {}),
    ("query($id: ID!) { node(id: $id) { id } }", {"id": {"an": "object"}}),
    ("query($d: Date!) { statement(start: $d, end: $d) { pdfUrl } }", {"d": "2026-02-30"}),
    (
        "query($p: Decimal) { products(filter: {minPrice: $p}) { edges { node { id } } } }",
        {"p": "twelve"},
    ),
    ("query($b: Boolean!) { invoices(openOnly: $b) { edges { cursor } } }", {"b": "yes"}),
    (
        "mutation($m: PaymentMethod!) { orderPlace(input: {paymentMethod: $m,"
        ' shipTo: {addressId: "x"}}) { errors { code } } }',
        {"m": "BITCOIN"},
    ),
]


@pytest.mark.parametrize(("query", "variables"), ROOT_VARIABLES)
async def test_variables_of_the_wrong_type_are_bad_user_input(client, query, variables):
    result = await f.gql(client, query, variables, language="en")

    assert _codes(result) == ["BAD_USER_INPUT"], result
    assert result["errors"][0]["message"].startswith("Invalid input: ")
    assert "data" not in result  # the request never executed


@pytest.mark.parametrize("amount", ["1e400", "1e30", "NaN", "-Infinity", "1" * 200])
async def test_amounts_beyond_storage_are_refused_before_any_write(client, policy, amount):
    admin = await f.login(client, await f.staff(policy))
    company = await f.company()
    top_up = """mutation($c: ID!, $a: Decimal!) { balanceTopUpRecord(input: {companyId: $c,
      amount: $a, reference: "r"}) { errors { code } } }"""

    result = await f.gql(client, top_up, {"c": f.gid("Company", company.id), "a": amount}, admin)

    assert _codes(result) == ["VALUE_OUT_OF_RANGE"], result
    assert (await Company.get(id=company.id)).prepaid_balance == 0


async def test_a_credit_limit_of_ten_to_the_twentieth_is_out_of_range(client, policy):
    admin = await f.login(client, await f.staff(policy))
    company = await f.company()
    set_limit = """mutation($c: ID!) { companyCreditLimitSet(input: {id: $c,
      creditLimit: 100000000000000000000}) { errors { code } } }"""

    result = await f.gql(client, set_limit, {"c": f.gid("Company", company.id)}, token=admin)

    assert _codes(result) == ["VALUE_OUT_OF_RANGE"], result


async def test_a_stock_delta_at_the_int_limit_is_out_of_range(client, policy):
    warehouse = await f.warehouse("SH")
    variant = await f.variant(await f.product())
    await f.stock(variant, warehouse, 5)
    keeper = await f.login(client, await f.staff(policy, "warehouse"))
    adjust = """mutation($v: ID!, $w: ID!, $d: Int!) { stockAdjust(input: {variantId: $v,
      warehouseId: $w, delta: $d, reason: "入库"}) { errors { code field } } }"""
    args = {
        "v": f.gid("Variant", variant.id),
        "w": f.gid("Warehouse", warehouse.id),
        "d": 2**31 - 1,
    }

    result = await f.gql(client, adjust, args, token=keeper)

    assert result["data"]["stockAdjust"]["errors"] == [
        {"code": "VALUE_OUT_OF_RANGE", "field": ["delta"]}
    ]
    assert (await StockLevel.get(variant_id=variant.id)).on_hand == 5


async def test_an_idempotency_key_longer_than_its_column_is_refused(client, policy):
    warehouse = await f.warehouse("SH")
    variant = await f.variant(await f.product())
    await f.stock(variant, warehouse, 5)
    buyer = await f.login(client, await f.buyer(policy, await f.company()))
    await f.gql(client, f.SET_LINE, {"v": f.gid("Variant", variant.id), "q": 1}, token=buyer)
    place = {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": f.ADDRESS}}

    result = await f.gql(client, f.PLACE, {"i": {**place, "idempotencyKey": "k" * 300}}, buyer)

    assert result["data"]["orderPlace"]["errors"] == [{"code": "TOO_LONG"}], result
    assert await Order.all().count() == 0


async def test_nul_characters_are_refused_in_variables_and_in_literals(client, policy):
    admin = await f.login(client, await f.staff(policy))
    company = await f.company()
    reject = """mutation($c: ID!, $r: String!) { companyReject(input: {id: $c, reason: $r}) {
      errors { code } } }"""
    literal = """mutation($c: ID!) { companyReject(input: {id: $c, reason: "a\\u0000b"}) {
      errors { code } } }"""
    cid = f.gid("Company", company.id)

    in_variable = await f.gql(client, reject, {"c": cid, "r": "a\x00b"}, token=admin)
    in_literal = await f.gql(client, literal, {"c": cid}, token=admin)

    assert _codes(in_variable) == ["BAD_USER_INPUT"]
    assert in_variable["errors"][0]["extensions"]["field"] == "r"
    assert _codes(in_literal) == ["BAD_USER_INPUT"]
    assert (await Company.get(id=company.id)).status == company.status


@pytest.mark.parametrize(
    "cursor",
    [
        to_base64("x", "y"),
        "bm90IGpzb24=",  # "not json"
        "eyJhIjogMX0=",  # {"a": 1}
        "W3siYSI6IDF9LCAxXQ==",  # [{"a": 1}, 1]
        "WyJhIiwgInNldmVuIl0=",  # ["a", "seven"]
        "WyJhIiwgMWU0MDBd",  # ["a", 1e400]
        "WyJhIiwgOTk5OTk5OTk5OTk5OTk5OTk5OTldIA==",  # ["a", 99999999999999999999]
    ],
)
async def test_product_cursors_of_the_wrong_shape_are_refused(client, cursor):
    await f.product()
    query = "query($a: String) { products(first: 5, after: $a) { edges { cursor } } }"

    result = await f.gql(client, query, {"a": cursor})

    assert _codes(result) == ["INVALID"], result


@pytest.mark.parametrize(
    ("field", "enum"), [("returns", "ReturnStatus"), ("tickets", "TicketStatus")]
)
async def test_a_status_filter_outside_its_enum_is_refused_before_execution(
    client, policy, field, enum
):
    admin = await f.login(client, await f.staff(policy))

    query = f"query($s: {enum}) {{ {field}(status: $s) {{ edges {{ node {{ id }} }} }} }}"
    result = await f.gql(client, query, {"s": "x" * 300}, token=admin)

    assert _codes(result) == ["BAD_USER_INPUT"], result


async def test_a_lone_surrogate_is_refused_before_it_reaches_the_database(client):
    login = """mutation($e: String!, $p: String!) { tokenCreate(input: {email: $e, password: $p})
      { errors { code } } }"""
    body = json.dumps({"query": login, "variables": {"e": "\ud800@x.cn", "p": "x"}}).encode()

    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )

    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["BAD_USER_INPUT"]


async def test_an_order_id_with_no_row_is_not_found(client, policy):
    admin = await f.login(client, await f.staff(policy))
    adjust = """mutation($id: ID!) { orderLineAdjust(input: {id: $id, sku: "x",
      reason: "y", quantity: 2}) { errors { code } } }"""

    result = await f.gql(client, adjust, {"id": f.gid("Order", 999)}, token=admin)

    codes = (
        [e["code"] for e in result["data"]["orderLineAdjust"]["errors"]]
        if result.get("data")
        else _codes(result)
    )
    assert codes == ["NOT_FOUND"], result


async def test_a_viewer_without_price_lists_can_sort_by_price(client, policy):
    admin = await f.login(client, await f.staff(policy))
    await f.variant(await f.product(), base_price=900)
    await f.variant(await f.product(), base_price=300)
    query = "{ products(sort: PRICE, first: 5) { edges { node { variants { sku } } } } }"

    result = await f.gql(client, query, token=admin)

    assert "errors" not in result, result
    assert len(result["data"]["products"]["edges"]) == 2


@pytest.mark.parametrize("text", ["奶\x00茶", "%", "_\\", "😀", "茶" * 2000])
async def test_odd_search_text_is_answered_never_internal_error(client, text):
    query = "query($s: String!) { products(filter: {search: $s}) { edges { node { id } } } }"

    result = await f.gql(client, query, {"s": text})

    assert _codes(result) == (["BAD_USER_INPUT"] if "\x00" in text else []), result
