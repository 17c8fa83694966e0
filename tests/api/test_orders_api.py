"""Cart to order through the API, as a buyer's SPA does it, and what others may see."""

import pytest
from strawberry.relay import to_base64

from tests import factories as f

CART = """{ cart { subtotal { amount } canPlace lines { quantity priceChanged quantityAvailable
  unitPrice { amount } variant { sku } problems { code field message } } } }"""
SET = """mutation($v: ID!, $q: Int!) { cartLineSet(input: {variantId: $v, quantity: $q}) {
  errors { code } cart { subtotal { amount } } } }"""
QUICK = """mutation($t: String!) { cartQuickAdd(input: {text: $t}) {
  problems { line sku code message } cart { lines { variant { sku } quantity } } } }"""
PLACE = """mutation($input: OrderPlaceInput!) { orderPlace(input: $input) {
  order { id number status reviewStep total { amount } poNumber
    lines { sku name quantity unitPrice { amount } } events { kind toStatus } }
  errors { code field message ... on InsufficientStockError { sku quantityAvailable } } } }"""
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市浦东新区",
           "line": "张江路 100 号"}  # fmt: skip


def place_input(**overrides) -> dict:
    values = {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": ADDRESS}, "poNumber": "PO-77"}
    values.update(overrides)
    return values


@pytest.fixture
async def shop(db, policy):
    company = await f.company(price_tier="wholesale")
    buyer = await f.buyer(policy, company, role="purchaser")
    product = await f.product(names={"zh-Hans": "矿泉水", "en": "Water"})
    variant = await f.variant(product, base_price=3600, min_order_qty=2, order_multiple=2)
    await f.stock(variant, await f.warehouse("SH"), 10)
    return {"company": company, "buyer": buyer, "variant": variant,
            "vid": to_base64("Variant", variant.id)}  # fmt: skip


async def test_cart_shows_problems_without_refusing(client, shop):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 3}, token=token)

    cart = (await f.gql(client, CART, token=token, language="en"))["data"]["cart"]

    [line] = cart["lines"]
    assert line["quantity"] == 3
    assert [p["code"] for p in line["problems"]] == ["NOT_A_MULTIPLE"]
    assert line["problems"][0]["message"] == f"{shop['variant'].sku} is sold in multiples of 2."
    assert cart["canPlace"] is False
    assert cart["subtotal"] == {"amount": "108.00"}


async def test_quick_order_reports_each_bad_entry(client, shop):
    token = await f.login(client, shop["buyer"])
    text = f"{shop['variant'].sku}\t4\nNO-SUCH-SKU, 2\n{shop['variant'].sku} lots\n"

    result = (await f.gql(client, QUICK, {"t": text}, token=token))["data"]["cartQuickAdd"]

    assert result["cart"]["lines"] == [{"variant": {"sku": shop["variant"].sku}, "quantity": 4}]
    assert [(p["line"], p["code"]) for p in result["problems"]] == [
        (2, "NOT_FOUND"),
        (3, "INVALID_QUANTITY"),
    ]


async def test_a_quick_order_quantity_beyond_any_column_is_a_problem_of_its_line(client, shop):
    token = await f.login(client, shop["buyer"])
    sku = shop["variant"].sku
    text = f"{sku} 4\n{sku} 99999999999\n{sku} {'9' * 30}\n"

    result = (await f.gql(client, QUICK, {"t": text}, token=token))["data"]["cartQuickAdd"]

    assert result["cart"]["lines"] == [{"variant": {"sku": sku}, "quantity": 4}]
    assert [(p["line"], p["code"]) for p in result["problems"]] == [
        (2, "INVALID_QUANTITY"),
        (3, "INVALID_QUANTITY"),
    ]


@pytest.mark.parametrize(
    ("given", "field", "code"),
    [
        ({"text": ""}, ["text"], "REQUIRED"),
        ({"text": "\n  \n"}, ["text"], "REQUIRED"),
        ({"lines": []}, ["lines"], "REQUIRED"),
        ({"text": "A-1 1\n" * 501}, ["text"], "VALUE_OUT_OF_RANGE"),
    ],
)
async def test_a_quick_order_with_nothing_or_too_much_is_refused(client, shop, given, field, code):
    token = await f.login(client, shop["buyer"])
    query = """mutation($i: CartQuickAddInput!) { cartQuickAdd(input: $i) {
      errors { code field message } problems { line } cart { lines { quantity } } } }"""

    result = (await f.gql(client, query, {"i": given}, token=token))["data"]["cartQuickAdd"]

    assert [(e["code"], e["field"]) for e in result["errors"]] == [(code, field)]
    assert result["errors"][0]["message"]
    assert result["problems"] == [] and result["cart"]["lines"] == []


async def test_place_an_order_and_find_it(client, shop):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 4}, token=token)

    placed = (await f.gql(client, PLACE, {"input": place_input()}, token=token))["data"]
    order = placed["orderPlace"]["order"]
    listed = await f.gql(
        client,
        """{ orders(filter: {poNumber: "PO-77"}) { edges { node { number status } } } }""",
        token=token,
    )
    empty = (await f.gql(client, CART, token=token))["data"]["cart"]

    assert placed["orderPlace"]["errors"] == []
    assert order["number"].startswith("SO") and order["status"] == "PENDING_REVIEW"
    assert order["reviewStep"] == "ORDER"
    assert order["total"] == {"amount": "144.00"}
    assert order["lines"] == [{"sku": shop["variant"].sku, "name": "矿泉水", "quantity": 4,
                               "unitPrice": {"amount": "36.00"}}]  # fmt: skip
    assert order["events"] == [{"kind": "PLACED", "toStatus": "PENDING_REVIEW"}]
    assert listed["data"]["orders"]["edges"] == [
        {"node": {"number": order["number"], "status": "PENDING_REVIEW"}}
    ]
    assert empty["lines"] == []


async def test_not_enough_stock_says_how_much_there_is(client, shop):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 12}, token=token)

    result = await f.gql(client, PLACE, {"input": place_input()}, token=token, language="en")

    [error] = result["data"]["orderPlace"]["errors"]
    assert error["code"] == "INSUFFICIENT_STOCK"
    assert (error["sku"], error["quantityAvailable"]) == (shop["variant"].sku, 10)
    assert result["data"]["orderPlace"]["order"] is None


async def test_retry_with_the_same_key_returns_the_same_order(client, shop):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 2}, token=token)
    args = {"input": place_input(idempotencyKey="retry-1")}

    first = await f.gql(client, PLACE, args, token=token)
    second = await f.gql(client, PLACE, args, token=token)

    assert (
        first["data"]["orderPlace"]["order"]["number"]
        == (second["data"]["orderPlace"]["order"]["number"])
    )


async def test_staff_review_chain_by_role(client, shop, policy):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 2}, token=token)
    order = (await f.gql(client, PLACE, {"input": place_input()}, token=token))["data"][
        "orderPlace"
    ]["order"]
    review = """mutation($id: ID!) { orderReviewPass(input: {id: $id}) {
      order { status reviewStep } errors { code } } }"""
    sales = await f.login(client, await f.staff(policy, "sales"))
    finance = await f.login(client, await f.staff(policy, "finance"))
    warehouse = await f.login(client, await f.staff(policy, "warehouse"))

    early = await f.gql(client, review, {"id": order["id"]}, token=finance)
    steps = [
        (await f.gql(client, review, {"id": order["id"]}, token=t))["data"]["orderReviewPass"]
        for t in (sales, finance, warehouse)
    ]

    assert early["data"]["orderReviewPass"]["errors"] == [{"code": "FORBIDDEN"}]
    assert [s["order"] for s in steps] == [
        {"status": "PENDING_REVIEW", "reviewStep": "FINANCE"},
        {"status": "PENDING_REVIEW", "reviewStep": "OUTBOUND"},
        {"status": "CONFIRMED", "reviewStep": None},
    ]


async def test_other_companies_never_see_or_touch_the_order(client, shop, policy):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 2}, token=token)
    order = (await f.gql(client, PLACE, {"input": place_input()}, token=token))["data"][
        "orderPlace"
    ]["order"]
    stranger = await f.login(client, await f.buyer(policy, await f.company(), role="owner"))

    node = await f.gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": order["id"]},
                       token=stranger)  # fmt: skip
    listed = await f.gql(client, "{ orders { edges { node { id } } } }", token=stranger)
    cancel = await f.gql(
        client,
        "mutation($id: ID!) { orderCancel(input: {id: $id}) { errors { code } } }",
        {"id": order["id"]},
        token=stranger,
    )
    reorder = await f.gql(
        client,
        "mutation($id: ID!) { cartReorder(input: {orderId: $id}) { errors { code field } } }",
        {"id": order["id"]},
        token=stranger,
    )

    assert node["data"]["node"] is None
    assert listed["data"]["orders"]["edges"] == []
    assert cancel["data"]["orderCancel"]["errors"] == [{"code": "NOT_FOUND"}]
    assert reorder["data"]["cartReorder"]["errors"] == [{"code": "NOT_FOUND", "field": ["orderId"]}]


async def test_viewers_cannot_order_and_pending_companies_cannot_either(client, shop, policy):
    viewer = await f.login(client, await f.buyer(policy, shop["company"], role="viewer"))
    pending = await f.login(
        client, await f.buyer(policy, await f.company(status="pending"), role="owner")
    )
    for token, refusal in ((viewer, "FORBIDDEN"), (pending, "COMPANY_NOT_ACTIVE")):
        result = await f.gql(client, SET, {"v": shop["vid"], "q": 2}, token=token)
        assert result["errors"][0]["extensions"]["code"] == refusal


async def test_reorder_copies_lines_into_the_cart(client, shop):
    token = await f.login(client, shop["buyer"])
    await f.gql(client, SET, {"v": shop["vid"], "q": 2}, token=token)
    order = (await f.gql(client, PLACE, {"input": place_input()}, token=token))["data"][
        "orderPlace"
    ]["order"]

    result = await f.gql(
        client,
        """mutation($id: ID!) { cartReorder(input: {orderId: $id}) {
          problems { code } cart { lines { quantity } } } }""",
        {"id": order["id"]},
        token=token,
    )

    assert result["data"]["cartReorder"] == {"problems": [], "cart": {"lines": [{"quantity": 2}]}}


async def test_owner_sets_approval_and_the_approver_releases_the_order(client, shop, policy):
    owner = await f.login(client, await f.buyer(policy, shop["company"], role="owner"))
    approver = await f.login(client, await f.buyer(policy, shop["company"], role="approver"))
    purchaser = await f.login(client, shop["buyer"])
    rule = await f.gql(
        client,
        """mutation { companyOrderApprovalSet(input: {approvalThreshold: "100.00",
          approvalForPurchasers: false}) { company { approvalThreshold { amount } } } }""",
        token=owner,
    )
    await f.gql(client, SET, {"v": shop["vid"], "q": 4}, token=purchaser)
    order = (await f.gql(client, PLACE, {"input": place_input()}, token=purchaser))["data"][
        "orderPlace"
    ]["order"]
    refused = await f.gql(client, APPROVE, {"id": order["id"]}, token=purchaser)
    approved = await f.gql(client, APPROVE, {"id": order["id"]}, token=approver)

    assert rule["data"]["companyOrderApprovalSet"]["company"] == {
        "approvalThreshold": {"amount": "100.00"}
    }
    assert order["status"] == "PENDING_APPROVAL"
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert approved["data"]["orderApprove"]["order"]["status"] == "PENDING_REVIEW"


APPROVE = """mutation($id: ID!) { orderApprove(input: {id: $id, comment: "同意"}) {
  order { status } errors { code } } }"""


async def test_address_book_and_sales_rep_filters(client, shop, policy):
    admin = await f.login(client, await f.staff(policy, "admin"))
    rep = await f.staff(policy, "sales")
    purchaser = await f.login(client, shop["buyer"])
    assigned = await f.gql(
        client,
        """mutation($id: ID!, $r: ID) { companySalesRepSet(input: {id: $id, salesRepId: $r}) {
          company { salesRep { email } } errors { code } } }""",
        {"id": to_base64("Company", shop["company"].id), "r": to_base64("User", rep.id)},
        token=admin,
    )
    added = await f.gql(
        client,
        """mutation { companyAddressCreate(input: {recipient: "仓库", phone: "021-1",
          region: "上海市", line: "张江路 1 号", label: "总仓"}) {
          address { id isDefault } errors { code } } }""",
        token=purchaser,
    )
    address_id = added["data"]["companyAddressCreate"]["address"]["id"]
    await f.gql(client, SET, {"v": shop["vid"], "q": 2}, token=purchaser)
    placed = await f.gql(
        client,
        """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) {
          order { shippingAddress { recipient line } } errors { code } } }""",
        {"i": {"paymentMethod": "BANK_TRANSFER", "shipTo": {"addressId": address_id}}},
        token=purchaser,
    )
    by_rep = await f.gql(
        client,
        "query($r: ID) { orders(filter: {salesRepId: $r}) { edges { node { number } } } }",
        {"r": to_base64("User", rep.id)},
        token=admin,
    )
    stranger = await f.login(client, await f.buyer(policy, await f.company(), role="owner"))
    foreign = await f.gql(
        client,
        """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) { errors { code field } } }""",
        {"i": {"paymentMethod": "BANK_TRANSFER", "shipTo": {"addressId": address_id}}},
        token=stranger,
    )

    assert assigned["data"]["companySalesRepSet"]["company"]["salesRep"] == {"email": rep.email}
    assert added["data"]["companyAddressCreate"]["address"]["isDefault"] is True
    assert placed["data"]["orderPlace"]["order"]["shippingAddress"] == {
        "recipient": "仓库",
        "line": "张江路 1 号",
    }
    assert len(by_rep["data"]["orders"]["edges"]) == 1
    assert foreign["data"]["orderPlace"]["errors"] == [
        {"code": "NOT_FOUND", "field": ["shipTo", "addressId"]}
    ]


async def test_an_order_list_costs_the_same_statements_for_one_order_or_three(client, shop, caplog):
    import logging

    token = await f.login(client, shop["buyer"])
    for _ in range(3):
        await f.order_via_api(client, token, shop["variant"], 2)
    query = """query($n: Int) { orders(first: $n) { edges { node { number
      lines { sku } events { kind } amountDue { amount } invoice { number }
      payments { status refunds { status } }
      shipments { number lines { sku } tracking { description } } } } } }"""
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()

    one = await f.gql(client, query, {"n": 1}, token=token)
    three = await f.gql(client, query, {"n": 3}, token=token)

    assert len(one["data"]["orders"]["edges"]) == 1
    assert len(three["data"]["orders"]["edges"]) == 3
    [few, many] = f.sql_statements(caplog)
    assert few == many
