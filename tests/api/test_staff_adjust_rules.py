"""Staff line adjustments follow the rules of placing, like the buyer's own change: quantity
rules, and the company's approval threshold sends a larger order back to its approver."""

from db.accounts import Company
from db.catalog import Variant
from db.orders import OrderLine
from tests import factories as f
from tests.api.test_order_changes import ADJUST, MODIFY, placed

__all__ = ["placed"]  # the fixture, shared with the order change tests


async def test_staff_raising_past_the_threshold_sends_the_order_to_approval(client, placed, policy):
    await Company.filter(id=placed["company"].id).update(approval_threshold=10000)
    sales = await f.login(client, await f.staff(policy, "sales"))
    args = {"id": placed["id"], "sku": placed["water"].sku, "q": 15, "r": "客户来电追加"}

    result = await f.gql(client, ADJUST, args, token=sales)

    order = result["data"]["orderLineAdjust"]["order"]
    assert result["data"]["orderLineAdjust"]["errors"] == []
    assert (order["status"], order["total"]) == ("PENDING_APPROVAL", {"amount": "150.00"})


async def test_staff_and_buyer_changes_end_in_the_same_place(client, placed, policy):
    await Company.filter(id=placed["company"].id).update(approval_threshold=10000)
    lines = [{"sku": placed["water"].sku, "quantity": 15}]

    by_buyer = await f.gql(
        client, MODIFY, {"id": placed["id"], "lines": lines}, token=placed["token"]
    )

    assert by_buyer["data"]["orderModify"]["order"]["status"] == "PENDING_APPROVAL"


async def test_staff_quantities_follow_the_quantity_rules(client, placed, policy):
    await Variant.filter(id=placed["water"].id).update(order_multiple=5, min_order_qty=5)
    sales = await f.login(client, await f.staff(policy, "sales"))
    sku = placed["water"].sku

    not_multiple = await f.gql(
        client, ADJUST, {"id": placed["id"], "sku": sku, "q": 7, "r": "电话"}, token=sales
    )
    below = await f.gql(
        client, ADJUST, {"id": placed["id"], "sku": sku, "q": 3, "r": "电话"}, token=sales
    )
    fits = await f.gql(
        client, ADJUST, {"id": placed["id"], "sku": sku, "q": 10, "r": "电话"}, token=sales
    )

    codes = [
        [e["code"] for e in r["data"]["orderLineAdjust"]["errors"]]
        for r in (not_multiple, below, fits)
    ]
    assert codes == [["NOT_A_MULTIPLE"], ["BELOW_MINIMUM"], []]
    assert (await OrderLine.get(variant_id=placed["water"].id)).quantity == 10


async def test_only_admin_and_sales_adjust_lines(client, placed, policy):
    sku = placed["water"].sku
    codes = {}
    for role in ("admin", "sales", "warehouse", "finance"):
        token = await f.login(client, await f.staff(policy, role))
        args = {"id": placed["id"], "sku": sku, "q": 6, "r": "电话"}
        result = await f.gql(client, ADJUST, args, token=token)
        payload = (result.get("data") or {}).get("orderLineAdjust")
        errors = payload["errors"] if payload else result["errors"]
        codes[role] = [e.get("code") or e["extensions"]["code"] for e in errors]
    assert codes["admin"] == codes["sales"] == []
    assert codes["warehouse"] == codes["finance"] == ["FORBIDDEN"]
