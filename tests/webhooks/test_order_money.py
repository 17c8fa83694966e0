"""Money per order through the API and signed Stripe events: a total that grows after
payment, a refunded return, concurrent refunds, top-ups in the wrong currency."""

import asyncio

import httpx
import pytest

from db.audit import AuditEntry
from db.balances import BalanceTopUp
from db.orders import Order
from db.payments import Payment, Refund
from dinghuo.app import create_app
from domain.billing import settlement
from domain.payments.policy import PaymentsPolicy
from tests import factories as f
from tests.conftest import make_settings
from tests.webhooks.helpers import SECRET, charge_of, event, pay_with_card, signed

INTENT = """mutation($o: ID!) { orderPaymentIntentCreate(input: {orderId: $o}) {
  clientSecret payment { id amount { amount } } errors { code } } }"""
ORDER = """query($id: ID!) { node(id: $id) { ... on Order { status paymentStatus
  total { amount } amountDue { amount } invoice { status amount { amount } } } } }"""
MODIFY = """mutation($id: ID!, $sku: String!, $q: Int!) {
  orderModify(input: {id: $id, lines: [{sku: $sku, quantity: $q}]}) { errors { code } } }"""
ADJUST = """mutation($id: ID!, $sku: String!, $q: Int!) { orderLineAdjust(input: {id: $id,
  sku: $sku, quantity: $q, reason: "客户追加"}) { errors { code } } }"""
PASS = """mutation($id: ID!) { orderReviewPass(input: {id: $id}) { order { status reviewStep }
  errors { code } } }"""
REFUND = """mutation($p: ID!) {
  paymentRefund(input: {paymentId: $p, amount: "10.00", reason: "退款"}) { errors { code } } }"""
STATEMENT = """query { statement(start: "2020-01-01", end: "2030-12-31") {
  closingBalance { amount } } }"""


async def shop(policy, localstripe_url, steps: str, price: int, quantity: int):
    settings = make_settings(
        stripe_api_key="sk_test_dinghuo",
        stripe_api_base=localstripe_url,
        stripe_webhook_secret=SECRET,
        order_review_steps=steps,
    )
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(settings, manage_db=False)),
        base_url="http://test",
    )
    company = await f.company()
    buyer = await f.buyer(policy, company, role="owner")
    variant = await f.variant(await f.product(), base_price=price)
    warehouse = await f.warehouse("SH")
    await f.stock(variant, warehouse, 10)
    token = await f.login(client, buyer)
    placed = await f.order_via_api(client, token, variant, quantity, "CARD")
    return {
        "client": client,
        "token": token,
        "admin": await f.login(client, await f.staff(policy, "admin")),
        "base": localstripe_url,
        "order": placed["id"],
        "variant": variant,
        "warehouse": warehouse,
        "company": company,
    }


async def post_event(client, payload: dict):
    body, header = signed(payload)
    headers = {"stripe-signature": header, "content-type": "application/json"}
    answer = await client.post("/webhooks/stripe", content=body, headers=headers)
    assert answer.status_code == 200


async def pay(ctx, event_id: str) -> dict:
    created = await f.gql(ctx["client"], INTENT, {"o": ctx["order"]}, token=ctx["token"])
    payload = created["data"]["orderPaymentIntentCreate"]
    assert payload["errors"] == [], payload
    payment = await Payment.get(id=f.row_id(payload["payment"]["id"]))
    intent = await pay_with_card(ctx["base"], payment.stripe_intent_id)
    await post_event(ctx["client"], event(event_id, "payment_intent.succeeded", intent))
    return intent


async def order_view(ctx) -> dict:
    result = await f.gql(ctx["client"], ORDER, {"id": ctx["order"]}, token=ctx["token"])
    return result["data"]["node"]


async def staff(ctx, query: str, variables: dict) -> dict:
    result = await f.gql(ctx["client"], query, variables, token=ctx["admin"])
    return next(iter(result["data"].values()))


async def received_return(ctx) -> str:
    """The paid order shipped and signed for, one case of it returned, approved and received:
    the return's id."""
    sku = ctx["variant"].sku
    shipment = await staff(
        ctx,
        """mutation($o: ID!, $w: ID!, $s: String!) { shipmentCreate(input: {orderId: $o,
        warehouseId: $w, carrier: "own", lines: [{sku: $s, quantity: 4}]}) {
        shipment { id } errors { code } } }""",
        {"o": ctx["order"], "w": f.gid("Warehouse", ctx["warehouse"].id), "s": sku},
    )
    await f.gql(
        ctx["client"],
        "mutation($s: ID!) { shipmentReceive(input: {shipmentId: $s}) { errors { code } } }",
        {"s": shipment["shipment"]["id"]},
        token=ctx["token"],
    )
    requested = await f.gql(
        ctx["client"],
        """mutation($o: ID!, $s: String!) { returnCreate(input: {orderId: $o,
        lines: [{sku: $s, quantity: 1}], reason: DAMAGED, description: "破损", photoUrls: []}) {
        returnRequest { id } errors { code } } }""",
        {"o": ctx["order"], "s": sku},
        token=ctx["token"],
    )
    ret = requested["data"]["returnCreate"]["returnRequest"]["id"]
    await staff(
        ctx,
        "mutation($id: ID!) { returnApprove(input: {id: $id}) { errors { code } } }",
        {"id": ret},
    )
    await staff(
        ctx,
        """mutation($id: ID!, $s: String!) { returnReceive(input: {id: $id,
        lines: [{sku: $s, condition: SCRAP}]}) { errors { code } } }""",
        {"id": ret, "s": sku},
    )
    return ret


async def test_a_paid_card_order_that_grows_is_owed_again(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "order,finance,outbound", 3600, 4)
    await pay(ctx, "evt_grow_1")
    paid = await order_view(ctx)

    by_buyer = await f.gql(
        ctx["client"],
        MODIFY,
        {"id": ctx["order"], "sku": ctx["variant"].sku, "q": 10},
        token=ctx["token"],
    )
    by_staff = await staff(ctx, ADJUST, {"id": ctx["order"], "sku": ctx["variant"].sku, "q": 10})
    grown = await order_view(ctx)
    order_step = await staff(ctx, PASS, {"id": ctx["order"]})
    refused = await staff(ctx, PASS, {"id": ctx["order"]})
    again = await f.gql(ctx["client"], INTENT, {"o": ctx["order"]}, token=ctx["token"])
    await pay(ctx, "evt_grow_2")
    accepted = await staff(ctx, PASS, {"id": ctx["order"]})
    await ctx["client"].aclose()

    assert paid["paymentStatus"] == "PAID"
    assert by_buyer["data"]["orderModify"]["errors"] == [{"code": "ORDER_HAS_PAYMENTS"}]
    assert by_staff["errors"] == []
    assert grown["total"] == {"amount": "360.00"}
    assert grown["paymentStatus"] == "PARTIALLY_PAID"
    assert grown["amountDue"] == {"amount": "216.00"}
    assert order_step["order"]["reviewStep"] == "FINANCE"
    assert [e["code"] for e in refused["errors"]] == ["PAYMENT_REQUIRED"]
    assert again["data"]["orderPaymentIntentCreate"]["payment"]["amount"] == {"amount": "216.00"}
    assert accepted["errors"] == []
    assert (await Order.get()).payment_status == "paid"


async def test_a_refunded_return_leaves_nothing_owing(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "order", 9000, 4)
    intent = await pay(ctx, "evt_ret_1")
    await staff(ctx, PASS, {"id": ctx["order"]})  # confirmed: the invoice is issued
    ret = await received_return(ctx)
    resolved = await staff(
        ctx,
        """mutation($id: ID!) { returnResolve(input: {id: $id, resolution: REFUND}) {
        errors { code } } }""",
        {"id": ret},
    )
    charge = await charge_of(ctx["base"], intent)
    await post_event(ctx["client"], event("evt_ret_2", "charge.refunded", charge))

    after = await order_view(ctx)
    offered = await f.gql(ctx["client"], INTENT, {"o": ctx["order"]}, token=ctx["token"])
    statement = await f.gql(ctx["client"], STATEMENT, {}, token=ctx["token"])
    await ctx["client"].aclose()
    orders = await Order.filter(company_id=ctx["company"].id)
    balances = await settlement.figures_for(orders)

    assert resolved["errors"] == []
    assert (await Refund.get()).status == "succeeded"
    assert after["status"] == "COMPLETED"
    assert after["amountDue"] == {"amount": "0.00"}
    assert after["paymentStatus"] == "PARTIALLY_REFUNDED"
    assert after["invoice"]["status"] == "PAID"
    codes = [e["code"] for e in offered["data"]["orderPaymentIntentCreate"]["errors"]]
    assert codes == ["NOTHING_DUE"]
    closing = statement["data"]["statement"]["closingBalance"]["amount"]
    assert closing == "0.00"
    assert sum(b.account_balance for b in balances.values()) == 0


async def test_concurrent_refunds_never_give_back_more_than_was_paid(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "", 1000, 1)
    await pay(ctx, "evt_race_1")
    finance = await f.login(ctx["client"], await f.staff(policy, "finance"))
    payment = await Payment.get()

    results = await asyncio.gather(
        *(
            f.gql(ctx["client"], REFUND, {"p": f.gid("Payment", payment.id)}, token=finance)
            for _ in range(10)
        )
    )
    await ctx["client"].aclose()

    codes = [[e["code"] for e in r["data"]["paymentRefund"]["errors"]] for r in results]
    assert sorted(codes) == [[]] + [["REFUND_TOO_LARGE"]] * 9
    assert sum(await Refund.all().values_list("amount", flat=True)) == 1000
    assert (await Payment.get()).refunded == 1000


async def test_a_refund_stripe_refuses_gives_its_claim_back(db, policy, localstripe_url):
    from domain.accounts.permissions import Principal
    from domain.payments import pay as payments
    from domain.shared.errors import DomainError, ErrorCode

    ctx = await shop(policy, localstripe_url, "", 1000, 1)
    await pay(ctx, "evt_fail_1")
    await ctx["client"].aclose()
    payment = await Payment.get()
    await Payment.filter(id=payment.id).update(stripe_intent_id="pi_unknown_to_stripe")
    user = await f.staff(policy, "finance")
    actor = Principal(user.id, user.email, "staff", staff_role="finance")
    cards = PaymentsPolicy("sk_test_dinghuo", localstripe_url)

    with pytest.raises(DomainError) as refused:
        await payments.refund(cards, actor, payment.id, "10.00", "退款")

    assert refused.value.code is ErrorCode.PAYMENT_PROVIDER_ERROR
    assert (await Payment.get()).refunded == 0
    assert await Refund.all().count() == 0


async def test_a_top_up_event_in_another_currency_is_not_credited(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "", 1000, 1)
    company = ctx["company"]
    top_up = await BalanceTopUp.create(
        company=company, amount=5000, currency="CNY", stripe_intent_id="pi_top_up_1"
    )
    wrong = {"id": "pi_top_up_1", "amount": 5000, "amount_received": 5000, "currency": "usd"}
    right = dict(wrong, currency="cny")

    await post_event(ctx["client"], event("evt_top_1", "payment_intent.succeeded", wrong))
    await company.refresh_from_db()
    refused = await BalanceTopUp.get(id=top_up.id)
    balance_after_wrong = company.prepaid_balance
    await post_event(ctx["client"], event("evt_top_2", "payment_intent.succeeded", right))
    await ctx["client"].aclose()
    await company.refresh_from_db()

    assert balance_after_wrong == 0
    assert refused.status == "pending" and "USD" in refused.flag_reason
    assert company.prepaid_balance == 5000
    actions = await AuditEntry.filter(object_type="BalanceTopUp").values_list("action", flat=True)
    assert sorted(actions) == [
        "balance.card_top_up",
        "balance.card_top_up_refused",
        "balance_top_up.succeed",  # the status move, audited like every payment's
    ]
