"""Money under concurrent requests: a return resolved many times at once refunds once, and
many payment intents asked for at once give one open intent, so an order cannot be paid twice."""

import asyncio

from db.after_sales import ReturnRequest
from db.payments import Payment, Refund
from tests import factories as f
from tests.webhooks.helpers import event, pay_with_card
from tests.webhooks.test_order_money import INTENT, PASS, order_view, pay, post_event, shop, staff

SHIP = """mutation($o: ID!, $w: ID!, $s: String!) { shipmentCreate(input: {orderId: $o,
  warehouseId: $w, carrier: "own", lines: [{sku: $s, quantity: 4}]}) {
  shipment { id } errors { code } } }"""
RECEIVE_SHIPMENT = (
    """mutation($s: ID!) { shipmentReceive(input: {shipmentId: $s}) { errors { code } } }"""
)
RETURN = """mutation($o: ID!, $s: String!) { returnCreate(input: {orderId: $o,
  lines: [{sku: $s, quantity: 1}], reason: DAMAGED, description: "破损", photoUrls: []}) {
  returnRequest { id } errors { code } } }"""
APPROVE = "mutation($id: ID!) { returnApprove(input: {id: $id}) { errors { code } } }"
RECEIVE = """mutation($id: ID!, $s: String!) { returnReceive(input: {id: $id,
  lines: [{sku: $s, condition: SCRAP}]}) { errors { code } } }"""
RESOLVE = """mutation($id: ID!) { returnResolve(input: {id: $id, resolution: REFUND}) {
  errors { code } } }"""


async def received_return(ctx) -> str:
    await pay(ctx, "evt_rr_1")
    await staff(ctx, PASS, {"id": ctx["order"]})
    sku = ctx["variant"].sku
    variables = {"o": ctx["order"], "w": f.gid("Warehouse", ctx["warehouse"].id), "s": sku}
    shipment = await staff(ctx, SHIP, variables)
    await f.gql(
        ctx["client"], RECEIVE_SHIPMENT, {"s": shipment["shipment"]["id"]}, token=ctx["token"]
    )
    requested = await f.gql(
        ctx["client"], RETURN, {"o": ctx["order"], "s": sku}, token=ctx["token"]
    )
    ret = requested["data"]["returnCreate"]["returnRequest"]["id"]
    await staff(ctx, APPROVE, {"id": ret})
    await staff(ctx, RECEIVE, {"id": ret, "s": sku})
    return ret


async def test_a_return_resolved_concurrently_is_refunded_once(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "order", 9000, 4)
    ret = await received_return(ctx)

    results = await asyncio.gather(*(staff(ctx, RESOLVE, {"id": ret}) for _ in range(6)))
    await ctx["client"].aclose()

    codes = sorted([e["code"] for e in r["errors"]] for r in results)
    assert codes == [[]] + [["INVALID_STATE"]] * 5
    assert await Refund.all().values_list("amount", flat=True) == [9000]
    assert (await Payment.get(method="card")).refunded == 9000
    assert (await ReturnRequest.get()).status == "resolved"


async def test_concurrent_intents_give_one_open_intent(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "order", 9000, 4)

    results = await asyncio.gather(
        *(f.gql(ctx["client"], INTENT, {"o": ctx["order"]}, token=ctx["token"]) for _ in range(6))
    )
    payloads = [r["data"]["orderPaymentIntentCreate"] for r in results]
    for i, payment in enumerate(await Payment.all()):
        intent = await pay_with_card(ctx["base"], payment.stripe_intent_id)
        await post_event(ctx["client"], event(f"evt_once_{i}", "payment_intent.succeeded", intent))
    view = await order_view(ctx)
    await ctx["client"].aclose()

    assert all(p["errors"] == [] for p in payloads), payloads
    assert len({p["payment"]["id"] for p in payloads}) == 1
    assert await Payment.all().count() == 1
    assert view["paymentStatus"] == "PAID"
    assert view["amountDue"] == {"amount": "0.00"}
