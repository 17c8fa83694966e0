"""The timeline names each step: which side rejected, and no status nobody could see."""

from db.orders import Order, OrderEvent
from domain.fulfilment import ship as fulfilment
from domain.fulfilment.policy import FulfilmentPolicy
from domain.ordering import actions as order_actions
from domain.ordering import place as ordering
from tests import factories as f
from tests.integration.test_ordering import (
    POLICY,
    STEPS,
    fill,
    placement,
    principal,
    shop,  # noqa: F401 - the fixture
    staff_principal,
)


async def kinds(order) -> list[str]:
    return await OrderEvent.filter(order=order).order_by("id").values_list("kind", flat=True)


async def test_the_approver_and_the_supplier_reject_with_different_actions(shop, policy):  # noqa: F811
    company, user, variant, _ = shop
    company.approval_threshold = 100
    await company.save()
    approver = principal(await f.buyer(policy, company, role="approver"), company)
    sales = staff_principal(await f.staff(policy, "sales"))
    await fill(user, company, variant, 1)
    turned_down = await ordering.place(
        POLICY, placement(principal(user, company), company), user.id
    )
    await order_actions.buyer_reject(approver, turned_down.id, "不需要")
    company.approval_threshold = None
    await company.save()
    await fill(user, company, variant, 1)
    refused = await ordering.place(POLICY, placement(principal(user, company), company), user.id)
    await order_actions.review_reject(sales, refused.id, "缺货")

    assert await kinds(turned_down) == ["placed", "reject_approval"]
    assert await kinds(refused) == ["placed", "reject_review"]


async def test_shipping_a_confirmed_order_goes_straight_to_shipped(shop, policy):  # noqa: F811
    company, user, variant, warehouse = shop
    await fill(user, company, variant, 2)
    order = await ordering.place(POLICY, placement(principal(user, company), company), user.id)
    admin = staff_principal(await f.staff(policy, "admin"))
    for _ in STEPS:
        await order_actions.review_pass(POLICY, admin, order.id)

    lines = [fulfilment.ShipLine(variant.sku, 1)]
    await fulfilment.create(FulfilmentPolicy(), admin, order.id, warehouse.id, lines, "own", "")
    await fulfilment.create(FulfilmentPolicy(), admin, order.id, warehouse.id, lines, "own", "")

    assert (await Order.get(id=order.id)).status == "shipped"
    steps = (
        await OrderEvent.filter(order=order).order_by("id").values_list("from_status", "to_status")
    )
    assert steps[-2:] == [("confirmed", "partially_shipped"), ("partially_shipped", "shipped")]
