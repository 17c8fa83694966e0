"""Changing placed orders: buyers until confirmation, staff with a reason, and 代客下单."""

import pytest
from strawberry.relay import to_base64

from db.audit import AuditEntry
from db.inventory import StockLevel
from tests import factories as f

ADDRESS = {"recipient": "王", "phone": "1", "region": "上海", "line": "路 1 号"}
ORDER_FIELDS = """order { status total { amount } placedByStaff
  lines { sku quantity unitPrice { amount } priceSource } events { kind data } }
  errors { code field }"""
MODIFY = f"""mutation($id: ID!, $lines: [OrderLineInput!]!) {{
  orderModify(input: {{id: $id, lines: $lines}}) {{ {ORDER_FIELDS} }} }}"""
ADJUST = f"""mutation($id: ID!, $sku: String!, $q: Int, $p: Decimal, $r: String!) {{
  orderLineAdjust(input: {{id: $id, sku: $sku, quantity: $q, unitPrice: $p, reason: $r}}) {{
  {ORDER_FIELDS} }} }}"""


FOR_COMPANY = f"""mutation($i: OrderPlaceForCompanyInput!) {{
  orderPlaceForCompany(input: $i) {{ {ORDER_FIELDS} }} }}"""


@pytest.fixture
async def placed(client, db, policy):
    company = await f.company()
    buyer = await f.buyer(policy, company, role="purchaser")
    water = await f.variant(await f.product(), base_price=1000)
    tea = await f.variant(await f.product(), base_price=2000)
    warehouse = await f.warehouse("SH")
    await f.stock(water, warehouse, 20)
    await f.stock(tea, warehouse, 20)
    token = await f.login(client, buyer)
    result_order = await f.order_via_api(client, token, water, 5, "BANK_TRANSFER")
    order_id = result_order["id"]
    return {"token": token, "id": order_id, "water": water, "tea": tea, "company": company}


async def reserved(variant) -> int:
    return (await StockLevel.get(variant=variant)).reserved


async def test_buyer_changes_quantities_adds_and_removes_lines(client, placed):
    lines = [{"sku": placed["water"].sku, "quantity": 0}, {"sku": placed["tea"].sku, "quantity": 3}]

    result = await f.gql(
        client, MODIFY, {"id": placed["id"], "lines": lines}, token=placed["token"]
    )

    order = result["data"]["orderModify"]["order"]
    assert [(x["sku"], x["quantity"]) for x in order["lines"]] == [(placed["tea"].sku, 3)]
    assert order["total"] == {"amount": "60.00"}
    assert order["events"][-1]["kind"] == "MODIFIED"
    # Timeline amounts are Money, as everywhere else in the API (the row keeps fen).
    assert order["events"][-1]["data"]["total"] == {"amount": "60.00", "currency": "CNY"}
    assert (await reserved(placed["water"]), await reserved(placed["tea"])) == (0, 3)


async def test_modifying_beyond_stock_changes_nothing(client, placed):
    lines = [{"sku": placed["water"].sku, "quantity": 50}]
    result = await f.gql(
        client, MODIFY, {"id": placed["id"], "lines": lines}, token=placed["token"]
    )
    assert result["data"]["orderModify"]["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    assert await reserved(placed["water"]) == 5


async def test_staff_discount_with_a_reason_is_on_the_timeline_and_audited(client, placed, policy):
    sales = await f.login(client, await f.staff(policy, "sales"))
    args = {"id": placed["id"], "sku": placed["water"].sku, "q": 8, "p": "9.50", "r": "年度促销"}

    result = await f.gql(client, ADJUST, args, token=sales)
    seen = await f.gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Order { total { amount } events { kind } } } }",
        {"id": placed["id"]},
        token=placed["token"],
    )

    order = result["data"]["orderLineAdjust"]["order"]
    assert order["lines"][0]["unitPrice"] == {"amount": "9.50"}
    assert order["lines"][0]["priceSource"] == "STAFF"
    assert order["events"][-1]["data"]["reason"] == "年度促销"
    assert seen["data"]["node"]["total"] == {"amount": "76.00"}
    assert await reserved(placed["water"]) == 8
    assert await AuditEntry.filter(action="order.line_adjust").count() == 1


async def test_staff_cannot_adjust_after_the_order_review(client, placed, policy):
    sales = await f.login(client, await f.staff(policy, "sales"))
    await f.gql(
        client,
        "mutation($id: ID!) { orderReviewPass(input: {id: $id}) { errors { code } } }",
        {"id": placed["id"]},
        token=sales,
    )
    args = {"id": placed["id"], "sku": placed["water"].sku, "p": "1.00", "r": "太晚"}
    result = await f.gql(client, ADJUST, args, token=sales)
    assert result["data"]["orderLineAdjust"]["errors"] == [
        {"code": "INVALID_STATE", "field": ["id"]}
    ]


async def test_staff_place_an_order_for_a_company(client, placed, policy):
    sales = await f.login(client, await f.staff(policy, "sales"))
    result = await f.gql(
        client,
        FOR_COMPANY,
        {
            "i": {
                "companyId": to_base64("Company", placed["company"].id),
                "lines": [{"sku": placed["tea"].sku, "quantity": 2}],
                "paymentMethod": "BANK_TRANSFER",
                "shipTo": {"address": ADDRESS},
            },
        },
        token=sales,
    )
    order = result["data"]["orderPlaceForCompany"]["order"]
    assert order["placedByStaff"] is True
    assert order["events"][0]["kind"] == "PLACED_ON_BEHALF"
    assert order["total"] == {"amount": "40.00"}
    buyer_view = await f.gql(
        client, "{ orders { edges { node { placedByStaff } } } }", token=placed["token"]
    )
    assert {"node": {"placedByStaff": True}} in buyer_view["data"]["orders"]["edges"]
