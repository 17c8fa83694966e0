"""A change of an order's payment status reaches its subscribers, whatever caused it, once the
change has committed; a change that fails announces nothing."""

import asyncio
from decimal import Decimal

from db.orders import Order
from domain.accounts.permissions import Principal
from domain.ordering import actions as order_actions
from domain.payments import pay as payments
from domain.shared import clock
from tests import factories as f
from tests.api.test_placing_once import place, shop
from tests.integration.test_credit import POLICY, STEPS

__all__ = ["shop"]

CANCEL = """mutation($id: ID!, $r: String!) { orderCancel(input: {id: $id, reason: $r}) {
  order { status paymentStatus } errors { code } } }"""
WRITE_OFF = """mutation($id: ID!, $a: Decimal!) {
  orderWriteOff(input: {id: $id, amount: $a, reason: "坏账"}) {
    order { paymentStatus } errors { code } } }"""


async def finance(policy) -> tuple[Principal, str]:
    user = await f.staff(policy, "finance")
    return Principal(user.id, user.email, "staff", staff_role="finance"), user.email


async def settle_down() -> None:
    for _ in range(5):
        await asyncio.sleep(0.01)  # the in-process broker delivers on the next turns


async def test_cancelling_a_part_paid_order_publishes_its_payment_status(shop, policy):
    placed = (await place(shop))["data"]["orderPlace"]["order"]
    order = await Order.get(number=placed["number"])
    who, _ = await finance(policy)
    await payments.record_transfer(who, order.id, Decimal("10.00"), clock.today(), "T1")
    shop["published"].clear()

    cancelled = await f.gql(shop["client"], CANCEL, {"id": placed["id"], "r": ""},
                            token=shop["token"])  # fmt: skip
    await settle_down()

    assert cancelled["data"]["orderCancel"]["order"] == {
        "status": "CANCELLED",
        "paymentStatus": "PAID",  # nothing left to pay: the 10.00 received waits to go back
    }
    assert [m["kind"] for m in shop["published"]] == ["cancel", "pay_all"]


async def test_a_write_off_publishes_once_and_a_refused_one_not_at_all(shop, policy):
    placed = (await place(shop))["data"]["orderPlace"]["order"]
    admin = await f.staff(policy, "admin")
    boss = Principal(admin.id, admin.email, "staff", staff_role="admin")
    order = await Order.get(number=placed["number"])
    for _ in STEPS:  # confirmed, so invoiced: only an invoiced amount can be written off
        await order_actions.review_pass(POLICY, boss, order.id)
    user = await f.staff(policy, "finance")
    token = await f.login(shop["client"], user)
    shop["published"].clear()

    too_much = await f.gql(shop["client"], WRITE_OFF, {"id": placed["id"], "a": "30.01"},
                           token=token)  # fmt: skip
    await settle_down()
    refused_published = list(shop["published"])
    written = await f.gql(shop["client"], WRITE_OFF, {"id": placed["id"], "a": "30.00"},
                          token=token)  # fmt: skip
    await settle_down()

    assert too_much["data"]["orderWriteOff"]["errors"] == [{"code": "WRITE_OFF_TOO_LARGE"}]
    assert refused_published == []
    assert written["data"]["orderWriteOff"] == {"order": {"paymentStatus": "PAID"}, "errors": []}
    assert sorted(m["kind"] for m in shop["published"]) == ["pay_all", "write_off"]
