"""Card payments against a real Stripe-compatible server, and its webhooks: signed, replayed,
reordered, tampered, unknown, and for the wrong amount."""

import httpx
import pytest

from db.orders import Order
from db.payments import Payment, StripeEvent
from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings
from tests.webhooks.helpers import SECRET, charge_of, event, pay_with_card, signed

INTENT = """mutation($o: ID!) { orderPaymentIntentCreate(input: {orderId: $o}) {
  clientSecret payment { id status amount { amount } } errors { code message } } }"""
STATUS = """query($id: ID!) { node(id: $id) { ... on Order { paymentStatus amountDue { amount }
  payments { status flagged refunds { status amount { amount } } } } } }"""


@pytest.fixture
async def card_shop(db, policy, localstripe_url):
    settings = make_settings(
        stripe_api_key="sk_test_dinghuo",
        stripe_api_base=localstripe_url,
        stripe_webhook_secret=SECRET,
    )
    app = create_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        company = await f.company()
        buyer = await f.buyer(policy, company, role="purchaser")
        variant = await f.variant(await f.product(), base_price=3600)
        await f.stock(variant, await f.warehouse("SH"), 10)
        token = await f.login(client, buyer)
        placed_order = await f.order_via_api(client, token, variant, 4, "CARD")
        yield {
            "client": client,
            "token": token,
            "base": localstripe_url,
            "order": placed_order["id"],
        }


async def post_event(client, payload: dict, secret: str = SECRET, signature: str | None = None):
    body, header = signed(payload, secret)
    headers = {
        "stripe-signature": signature if signature is not None else header,
        "content-type": "application/json",
    }
    return await client.post("/webhooks/stripe", content=body, headers=headers)


async def status(shop) -> dict:
    result = await f.gql(shop["client"], STATUS, {"id": shop["order"]}, token=shop["token"])
    return result["data"]["node"]


async def start_payment(shop) -> tuple[str, dict]:
    created = await f.gql(shop["client"], INTENT, {"o": shop["order"]}, token=shop["token"])
    payload = created["data"]["orderPaymentIntentCreate"]
    assert payload["errors"] == [], payload
    payment = await Payment.get(id=f.row_id(payload["payment"]["id"]))
    return payload["clientSecret"], await pay_with_card(shop["base"], payment.stripe_intent_id)


async def test_card_payment_then_partial_refund(card_shop, policy):
    shop = card_shop
    secret, intent = await start_payment(shop)
    before = await status(shop)
    answer = await post_event(shop["client"], event("evt_1", "payment_intent.succeeded", intent))
    paid = await status(shop)
    finance = await f.login(shop["client"], await f.staff(policy, "finance"))
    payment = await Payment.get()
    refunded = await f.gql(
        shop["client"],
        """mutation($p: ID!) { paymentRefund(input: {paymentId: $p, amount: "44.00",
          reason: "破损"}) {
          errors { code } payment { refunds { status } } } }""",
        {"p": f.gid("Payment", payment.id)},
        token=finance,
    )
    charge = await charge_of(shop["base"], intent)
    await post_event(shop["client"], event("evt_2", "charge.refunded", charge))
    after = await status(shop)

    assert secret.startswith(intent["id"])
    assert intent["status"] == "succeeded" and intent["amount"] == 14400
    assert before["paymentStatus"] == "UNPAID"
    assert answer.status_code == 200
    assert paid["paymentStatus"] == "PAID" and paid["amountDue"] == {"amount": "0.00"}
    assert refunded["data"]["paymentRefund"]["payment"]["refunds"] == [{"status": "PENDING"}]
    assert after["paymentStatus"] == "PARTIALLY_REFUNDED"
    assert after["payments"][0]["refunds"] == [
        {"status": "SUCCEEDED", "amount": {"amount": "44.00"}}
    ]


async def test_a_replayed_event_changes_nothing(card_shop):
    shop = card_shop
    _, intent = await start_payment(shop)
    payload = event("evt_replay", "payment_intent.succeeded", intent)

    first = await post_event(shop["client"], payload)
    second = await post_event(shop["client"], payload)

    assert (first.status_code, second.status_code) == (200, 200)
    assert await StripeEvent.filter(id="evt_replay").count() == 1
    order = await Order.get()
    assert order.payment_status == "paid"


async def test_a_late_processing_event_does_not_undo_success(card_shop):
    shop = card_shop
    _, intent = await start_payment(shop)
    await post_event(shop["client"], event("evt_a", "payment_intent.succeeded", intent))
    late = dict(intent, status="processing")

    await post_event(shop["client"], event("evt_b", "payment_intent.processing", late))

    assert (await Payment.get()).status == "succeeded"
    assert (await status(shop))["paymentStatus"] == "PAID"


async def test_missing_or_bad_signatures_get_400_and_change_nothing(card_shop):
    shop = card_shop
    _, intent = await start_payment(shop)
    payload = event("evt_bad", "payment_intent.succeeded", intent)

    unsigned = await post_event(shop["client"], payload, signature="")
    wrong_key = await post_event(shop["client"], payload, secret="whsec_someone_else")
    body, header = signed(payload)
    tampered = await shop["client"].post(
        "/webhooks/stripe",
        content=body.replace(b'"amount": 14400', b'"amount": 1'),
        headers={"stripe-signature": header},
    )

    assert (unsigned.status_code, wrong_key.status_code, tampered.status_code) == (400, 400, 400)
    assert await StripeEvent.all().count() == 0
    assert (await status(shop))["paymentStatus"] == "UNPAID"


async def test_unknown_event_types_are_acknowledged_and_ignored(card_shop):
    answer = await post_event(card_shop["client"], event("evt_x", "customer.created", {"id": "c"}))
    assert answer.status_code == 200
    assert (await Payment.all().count(), (await status(card_shop))["paymentStatus"]) == (
        0,
        "UNPAID",
    )


async def test_a_wrong_amount_is_flagged_not_paid(card_shop):
    shop = card_shop
    _, intent = await start_payment(shop)
    short = dict(intent, amount=100, amount_received=100)

    await post_event(shop["client"], event("evt_short", "payment_intent.succeeded", short))

    seen = await status(shop)
    assert seen["paymentStatus"] == "UNPAID"
    assert seen["payments"][0]["flagged"] is True
    assert "expected 14400" in (await Payment.get()).flag_reason


async def test_finance_review_waits_for_a_card_payment(card_shop, policy):
    shop = card_shop
    client = shop["client"]
    review = "mutation($id: ID!) { orderReviewPass(input: {id: $id}) { errors { code } } }"
    sales = await f.login(client, await f.staff(policy, "sales"))
    finance = await f.login(client, await f.staff(policy, "finance"))
    await f.gql(client, review, {"id": shop["order"]}, token=sales)

    early = await f.gql(client, review, {"id": shop["order"]}, token=finance)
    _, intent = await start_payment(shop)
    await post_event(client, event("evt_pay", "payment_intent.succeeded", intent))
    later = await f.gql(client, review, {"id": shop["order"]}, token=finance)

    assert early["data"]["orderReviewPass"]["errors"] == [{"code": "PAYMENT_REQUIRED"}]
    assert later["data"]["orderReviewPass"]["errors"] == []


async def test_without_a_stripe_key_card_payment_is_unavailable(client, policy):
    company = await f.company()
    buyer = await f.buyer(policy, company, role="purchaser")
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse("SH"), 5)
    token = await f.login(client, buyer)
    placed_order = await f.order_via_api(client, token, variant, 1, "CARD")
    order_id = placed_order["id"]

    result = await f.gql(client, INTENT, {"o": order_id}, token=token, language="en")

    [error] = result["data"]["orderPaymentIntentCreate"]["errors"]
    assert error["code"] == "CARD_PAYMENTS_UNAVAILABLE"


async def test_a_card_top_up_credits_the_prepaid_balance_once(card_shop):
    from db.accounts import Company
    from db.balances import BalanceTopUp

    shop = card_shop
    created = await f.gql(
        shop["client"],
        'mutation { balanceTopUpIntentCreate(input: {amount: "200.00"}) {'
        " clientSecret errors { code } } }",
        token=shop["token"],
    )
    top_up = await BalanceTopUp.get()
    intent = await pay_with_card(shop["base"], top_up.stripe_intent_id)
    payload = event("evt_top_up", "payment_intent.succeeded", intent)

    await post_event(shop["client"], payload)
    await post_event(shop["client"], payload)

    assert created["data"]["balanceTopUpIntentCreate"]["errors"] == []
    company = await Company.get(id=top_up.company_id)
    assert company.prepaid_balance == 20000
    assert (await BalanceTopUp.get()).status == "succeeded"


async def test_a_dispute_flags_the_payment_for_staff(card_shop):
    shop = card_shop
    _, intent = await start_payment(shop)
    await post_event(shop["client"], event("evt_paid", "payment_intent.succeeded", intent))
    dispute = {"id": "dp_1", "object": "dispute", "payment_intent": intent["id"], "amount": 14400}

    await post_event(shop["client"], event("evt_dispute", "charge.dispute.created", dispute))

    payment = await Payment.get()
    assert payment.flagged and "dp_1" in payment.flag_reason


async def test_an_unreachable_payment_provider_is_a_clear_error(db, policy):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    settings = make_settings(
        stripe_api_key="sk_test_x", stripe_api_base=f"http://127.0.0.1:{closed_port}"
    )
    app = create_app(settings, manage_db=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        company = await f.company()
        buyer = await f.buyer(policy, company, role="purchaser")
        variant = await f.variant(await f.product())
        await f.stock(variant, await f.warehouse("SH"), 5)
        token = await f.login(client, buyer)
        placed_order = await f.order_via_api(client, token, variant, 1, "CARD")
        order_id = placed_order["id"]
        result = await f.gql(client, INTENT, {"o": order_id}, token=token)

    assert result["data"]["orderPaymentIntentCreate"]["errors"][0]["code"] == (
        "PAYMENT_PROVIDER_ERROR"
    )
    assert await Payment.all().count() == 0


async def test_a_returned_card_order_is_refunded_through_stripe(card_shop, policy):
    from db.inventory import Warehouse
    from db.payments import Refund

    shop = card_shop
    client = shop["client"]
    _, intent = await start_payment(shop)
    await post_event(client, event("evt_ret_paid", "payment_intent.succeeded", intent))
    admin = await f.login(client, await f.staff(policy, "admin"))
    for _ in range(3):
        await f.gql(
            client,
            "mutation($id: ID!) { orderReviewPass(input: {id: $id}) { errors { code } } }",
            {"id": shop["order"]},
            token=admin,
        )
    warehouse = await Warehouse.get(code="SH")
    sku = (await Payment.get().prefetch_related("order__lines")).order.lines[0].sku
    shipped = await f.gql(
        client,
        """mutation($o: ID!, $w: ID!, $s: String!) {
        shipmentCreate(input: {orderId: $o, warehouseId: $w, carrier: "own",
        lines: [{sku: $s, quantity: 4}]}) { shipment { id } errors { code } } }""",
        {"o": shop["order"], "w": f.gid("Warehouse", warehouse.id), "s": sku},
        token=admin,
    )
    shipment = shipped["data"]["shipmentCreate"]["shipment"]["id"]
    await f.gql(
        client,
        "mutation($s: ID!) { shipmentReceive(input: {shipmentId: $s}) { errors { code } } }",
        {"s": shipment},
        token=shop["token"],
    )
    requested = await f.gql(
        client,
        """mutation($o: ID!, $s: String!) { returnCreate(input: {orderId: $o,
        lines: [{sku: $s, quantity: 1}], reason: DAMAGED}) { returnRequest { id } } }""",
        {"o": shop["order"], "s": sku},
        token=shop["token"],
    )
    ret = requested["data"]["returnCreate"]["returnRequest"]["id"]
    for mutation in (
        "mutation($id: ID!) { returnApprove(input: {id: $id}) { errors { code } } }",
        """mutation($id: ID!, $s: String!) { returnReceive(input: {id: $id,
           lines: [{sku: $s, condition: SCRAP}]}) { errors { code } } }""",
        """mutation($id: ID!) { returnResolve(input: {id: $id, resolution: REFUND}) {
           returnRequest { status } errors { code } } }""",
    ):
        result = await f.gql(client, mutation, {"id": ret, "s": sku}, token=admin)
        assert next(iter(result["data"].values()))["errors"] == [], result

    refund = await Refund.get()
    assert refund.stripe_refund_id and refund.stripe_refund_id.startswith("re_")
    assert (refund.amount, refund.status) == (3600, "pending")
