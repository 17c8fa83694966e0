"""Modifying an order places its changed lines again: the same rules, today's price for the
new quantity, the approval the new order needs, and never after money came in."""

import pytest
from strawberry.relay import from_base64

from db.inventory import StockLevel
from db.orders import Order
from tests import factories as f

LINES = """order { status total { amount } lines { sku quantity unitPrice { amount } priceSource }
  events { kind data } }
  errors { code field ... on CreditLimitError { availableCredit { amount currency } } }"""
MODIFY = f"""mutation($id: ID!, $lines: [OrderLineInput!]!) {{
  orderModify(input: {{id: $id, lines: $lines}}) {{ {LINES} }} }}"""
ADJUST = f"""mutation($id: ID!, $sku: String!, $q: Int, $p: Decimal, $r: String!) {{
  orderLineAdjust(input: {{id: $id, sku: $sku, quantity: $q, unitPrice: $p, reason: $r}}) {{
    {LINES} }} }}"""
PASS = "mutation($id: ID!) { orderReviewPass(input: {id: $id}) { errors { code } } }"
RECORD = """mutation($id: ID!, $a: Decimal!) { paymentRecord(input: {orderId: $id, amount: $a,
  receivedOn: "2026-06-15", reference: "TT-1"}) { errors { code } } }"""


@pytest.fixture
async def shop(client, db, policy, pinned_clock):
    company = await f.company(approval_threshold=10000)  # 100.00
    buyer = await f.buyer(policy, company, role="purchaser")
    water = await f.variant(await f.product(), base_price=3772)
    warehouse = await f.warehouse("SH")
    await f.stock(water, warehouse, 200)
    token = await f.login(client, buyer)
    order = await f.order_via_api(client, token, water, 1)
    admin = await f.login(client, await f.staff(policy, "admin"))
    return {"client": client, "token": token, "id": order["id"], "water": water,
            "warehouse": warehouse, "admin": admin}  # fmt: skip


async def modify(shop, sku: str, quantity: int) -> dict:
    lines = [{"sku": sku, "quantity": quantity}]
    result = await f.gql(
        shop["client"], MODIFY, {"id": shop["id"], "lines": lines}, token=shop["token"]
    )
    return result["data"]["orderModify"]


async def stored(shop) -> Order:
    return await Order.get(id=int(from_base64(shop["id"])[1]))


async def test_growing_past_the_threshold_sends_the_order_back_to_the_approver(shop):
    placed = await stored(shop)

    changed = await modify(shop, shop["water"].sku, 92)  # 3,470.24

    assert placed.status == "pending_review"
    assert changed["errors"] == []
    assert changed["order"]["status"] == "PENDING_APPROVAL"
    assert [e["kind"] for e in changed["order"]["events"]][-2:] == ["MODIFIED", "REQUIRE_APPROVAL"]


async def test_a_change_after_a_passed_review_step_restarts_the_review(shop):
    await f.gql(shop["client"], PASS, {"id": shop["id"]}, token=shop["admin"])

    changed = await modify(shop, shop["water"].sku, 2)

    assert changed["order"]["status"] == "PENDING_REVIEW"
    assert ((await stored(shop)).review_step, changed["order"]["events"][-1]["kind"]) == (
        "order",
        "RESTART_REVIEW",
    )


@pytest.mark.parametrize("hidden", ["draft", "archived", "inactive"])
async def test_variants_the_cart_refuses_are_refused(shop, hidden):
    product = await f.product(status="published" if hidden == "inactive" else hidden)
    variant = await f.variant(product, is_active=hidden != "inactive")
    await f.stock(variant, shop["warehouse"], 10)

    changed = await modify(shop, variant.sku, 1)

    assert changed["errors"] == [{"code": "NOT_FOUND", "field": ["sku"]}]
    assert (await StockLevel.get(variant=variant)).reserved == 0


async def test_quantity_rules_of_placing_apply(shop):
    boxed = await f.variant(await f.product(), min_order_qty=6, order_multiple=6)
    await f.stock(boxed, shop["warehouse"], 100)

    below, odd = await modify(shop, boxed.sku, 3), await modify(shop, boxed.sku, 8)

    assert below["errors"][0]["code"] == "BELOW_MINIMUM"
    assert odd["errors"][0]["code"] == "NOT_A_MULTIPLE"


async def test_a_staff_price_does_not_follow_the_buyer_to_another_quantity(shop):
    args = {"id": shop["id"], "sku": shop["water"].sku, "p": "0.01", "r": "样品价"}
    await f.gql(shop["client"], ADJUST, args, token=shop["admin"])

    changed = (await modify(shop, shop["water"].sku, 2))["order"]

    assert changed["lines"][0]["unitPrice"] == {"amount": "37.72"}
    assert changed["lines"][0]["priceSource"] != "STAFF"
    assert changed["total"] == {"amount": "75.44"}
    assert changed["events"][-1]["data"]["staffPricesDropped"] == [shop["water"].sku]


async def test_a_staff_quantity_change_without_a_price_drops_the_staff_price(shop):
    sku = shop["water"].sku
    price = {"id": shop["id"], "sku": sku, "p": "0.01", "r": "样品价"}
    await f.gql(shop["client"], ADJUST, price, token=shop["admin"])

    more = {"id": shop["id"], "sku": sku, "q": 3, "r": "多要两箱"}
    result = await f.gql(shop["client"], ADJUST, more, token=shop["admin"])

    line = result["data"]["orderLineAdjust"]["order"]["lines"][0]
    assert (line["quantity"], line["unitPrice"]) == (3, {"amount": "37.72"})


async def test_buyers_cannot_change_a_confirmed_order(shop):
    for _ in range(3):
        await f.gql(shop["client"], PASS, {"id": shop["id"]}, token=shop["admin"])

    changed = await modify(shop, shop["water"].sku, 40)

    assert changed["errors"] == [{"code": "INVALID_STATE", "field": ["id"]}]


async def test_buyers_cannot_change_an_order_that_received_money(shop):
    paid = await f.gql(shop["client"], RECORD, {"id": shop["id"], "a": "1.00"}, token=shop["admin"])

    changed = await modify(shop, shop["water"].sku, 40)

    assert paid["data"]["paymentRecord"]["errors"] == []
    assert changed["errors"] == [{"code": "ORDER_HAS_PAYMENTS", "field": ["id"]}]
    assert (await StockLevel.get(variant=shop["water"])).reserved == 1


async def test_staff_may_still_change_an_order_that_received_money(shop):
    await f.gql(shop["client"], RECORD, {"id": shop["id"], "a": "37.72"}, token=shop["admin"])
    paid = await stored(shop)
    args = {"id": shop["id"], "sku": shop["water"].sku, "q": 2, "r": "客户来电加量"}

    result = await f.gql(shop["client"], ADJUST, args, token=shop["admin"])

    payload = result["data"]["orderLineAdjust"]
    assert payload["errors"] == []
    assert payload["order"]["total"] == {"amount": "75.44"}
    # What is due is derived again from the new total and the money received.
    assert (paid.payment_status, (await stored(shop)).payment_status) == ("paid", "partially_paid")


async def test_the_cart_refuses_an_inactive_variant_as_the_order_does(shop):
    variant = await f.variant(await f.product(), is_active=False)
    args = {"v": f.gid("Variant", variant.id), "q": 1}

    result = await f.gql(shop["client"], f.SET_LINE, args, token=shop["token"])

    assert result["data"]["cartLineSet"]["errors"] == [{"code": "NOT_FOUND"}]


async def test_credit_follows_the_change_and_a_change_beyond_it_changes_nothing(
    client, db, policy, pinned_clock
):
    company = await f.company(payment_terms_days=30, credit_limit=20000, credit_available=20000)
    buyer = await f.buyer(policy, company, role="owner")
    water = await f.variant(await f.product(), base_price=3772)
    await f.stock(water, await f.warehouse("SH"), 100)
    token = await f.login(client, buyer)
    placed = await f.order_via_api(client, token, water, 2, "CREDIT_TERMS")
    shop = {"client": client, "token": token, "id": placed["id"]}

    too_much = await modify(shop, water.sku, 6)  # 226.32 > 200.00
    fewer = await modify(shop, water.sku, 1)

    assert too_much["errors"][0]["code"] == "CREDIT_LIMIT_EXCEEDED"
    # 200.00 less the 75.44 the order already holds.
    assert too_much["errors"][0]["availableCredit"] == {"amount": "124.56", "currency": "CNY"}
    assert fewer["errors"] == []
    await company.refresh_from_db()
    assert (company.credit_used, company.credit_available) == (3772, 20000 - 3772)
    assert (await StockLevel.get(variant=water)).reserved == 1
