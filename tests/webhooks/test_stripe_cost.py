"""What a Stripe event costs: the statements of a payment's processing and succeeded events,
of a late and of a duplicate one, and that their effects are the same as ever."""

import logging
from datetime import date

import httpx

from db.audit import AuditEntry
from db.orders import Order
from db.payments import Payment, StripeEvent
from dinghuo.app import create_app
from domain.accounts.permissions import Principal
from domain.ordering import cart
from domain.ordering import place as ordering
from domain.ordering.policy import OrderingPolicy
from tests import factories as f
from tests.conftest import make_settings
from tests.webhooks.helpers import SECRET, event, signed

DAY = date(2026, 11, 27)
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市浦东新区",
           "line": "张江路 100 号"}  # fmt: skip
# The event id (ON CONFLICT DO NOTHING, no savepoint), the payment locked, its move (update and
# audit entry); a move into succeeded then settles: the order locked, its records in one
# statement, its payment status (update and timeline), the invoice. On PostgreSQL the event id
# and the payment's lock are one statement.
EVENT_STATEMENTS = {
    "sqlite": {"processing": 4, "succeeded": 9},
    "postgres": {"processing": 3, "succeeded": 8},
}
DUPLICATE_STATEMENTS = 1  # the event id's insert finds it
LATE_STATEMENTS = {"sqlite": 2, "postgres": 1}  # the event id and the payment: nothing moves


class Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(("Created connection", "Closed connection")):
            self.sql.append(message[:160])


async def _card_order(policy) -> Payment:
    company = await f.company()
    user = await f.buyer(policy, company, role="owner")
    variant = await f.variant(await f.product(), base_price=2500, order_multiple=1)
    await f.stock(variant, await f.warehouse("SH"), 10)
    await cart.set_quantity(cart.Buyer(user.id, company.id, None), variant.id, 2, DAY)
    actor = Principal(user.id, user.email, "buyer", company_id=company.id,
                      company_role="owner", company_status=company.status)  # fmt: skip
    order = await ordering.place(
        OrderingPolicy(review_steps=("order",)),
        ordering.Placement(
            actor=actor,
            company_id=company.id,
            payment_method="card",
            shipping_address=ADDRESS,
            on=DAY,
        ),  # fmt: skip
        user.id,
    )
    return await Payment.create(order_id=order.id, company_id=company.id, method="card",
                                status="pending", amount=order.total, currency="CNY",
                                stripe_intent_id=f"pi_cost_{order.id}")  # fmt: skip


async def _post(client, payload: dict) -> list[str]:
    log = Statements()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(log)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        body, header = signed(payload)
        headers = {"stripe-signature": header, "content-type": "application/json"}
        answer = await client.post("/webhooks/stripe", content=body, headers=headers)
    finally:
        logger.removeHandler(log)
        logger.setLevel(level)
    assert answer.status_code == 200
    return log.sql


async def test_a_payment_event_costs_a_fixed_number_of_statements(db, policy):
    payment = await _card_order(policy)
    amount = payment.amount
    intent = {"id": payment.stripe_intent_id, "object": "payment_intent", "amount": amount,
              "amount_received": amount, "currency": "cny"}  # fmt: skip
    settings = make_settings(stripe_webhook_secret=SECRET)
    app = create_app(settings, manage_db=False)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        processing = await _post(client, event("evt_p", "payment_intent.processing", intent))
        succeeded = await _post(client, event("evt_s", "payment_intent.succeeded", intent))
        duplicate = await _post(client, event("evt_s", "payment_intent.succeeded", intent))
        late = await _post(client, event("evt_p2", "payment_intent.processing", intent))

    assert (await Payment.get(id=payment.id)).status == "succeeded"
    assert (await Order.get(id=payment.order_id)).payment_status == "paid"
    assert await StripeEvent.all().count() == 3
    moves = await AuditEntry.filter(action__startswith="payment").values_list("action", flat=True)
    assert len(moves) == 2, moves
    costs = {"processing": len(processing), "succeeded": len(succeeded)}
    assert costs == EVENT_STATEMENTS[db], "\n".join(processing + ["--"] + succeeded)
    assert len(duplicate) == DUPLICATE_STATEMENTS, "\n".join(duplicate)
    assert len(late) == LATE_STATEMENTS[db], "\n".join(late)
