"""A staff card refund left pending (Stripe's answer lost, or never asked) is finished by the
worker from Stripe's own record: adopted when Stripe made it, asked again when it did not,
given back when Stripe refuses; never refunded twice, whoever runs at once."""

import asyncio
from datetime import timedelta

import stripe

from db.audit import AuditEntry
from db.payments import Payment, Refund
from dinghuo.worker import jobs
from domain.accounts.permissions import Principal
from domain.payments import pay as payments
from domain.payments import refund_claim, unanswered
from domain.payments.gateway import REFUND_KEY
from domain.payments.policy import PaymentsPolicy
from domain.shared import after_commit, clock
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f
from tests.conftest import make_settings
from tests.webhooks.helpers import charge_of, event, pay_with_card
from tests.webhooks.test_order_money import INTENT, pay, post_event, shop

# Nothing listens there: a call fails before reaching Stripe.
UNREACHABLE = PaymentsPolicy("sk_test_dinghuo", "http://127.0.0.1:9")
REFUNDS = """query($s: RefundStatus, $n: Int) { refunds(status: $s, first: $n) { totalCount
  edges { node { status amount { amount } payment { method order { number } } } } } }"""


async def paid(policy, localstripe_url) -> dict:
    """A card order of 90.00 paid through Stripe, and an admin to refund it."""
    ctx = await shop(policy, localstripe_url, "", 9000, 1)
    ctx["intent"] = await pay(ctx, "evt_pend_1")
    user = await f.staff(policy, "finance")
    ctx["actor"] = Principal(user.id, user.email, "staff", staff_role="finance")
    ctx["policy"] = PaymentsPolicy("sk_test_dinghuo", localstripe_url)
    ctx["payment"] = await Payment.get()
    return ctx


async def stripe_refunds(ctx) -> list:
    http = stripe.HTTPXClient()
    client = stripe.StripeClient(
        "sk_test_dinghuo", base_addresses={"api": ctx["base"]}, http_client=http
    )
    try:
        page = await client.v1.refunds.list_async(params={"payment_intent": ctx["intent"]["id"]})
        return list(page.data)
    finally:
        await http.close_async()


async def unanswered_refund(ctx) -> Refund:
    """A refund of 10.00 whose call never reached Stripe: kept pending, its amount claimed."""
    try:
        await payments.refund(UNREACHABLE, ctx["actor"], ctx["payment"].id, "10.00", "退款")
        raise AssertionError("refunded without Stripe")
    except DomainError as exc:
        assert exc.code is ErrorCode.PAYMENT_PROVIDER_ERROR
    return await Refund.get()


def later():
    return clock.frozen(clock.now() + refund_claim.LEASE + timedelta(seconds=1))


async def audit_of(row: Refund) -> list[tuple[str, str | None]]:
    entries = await AuditEntry.filter(object_type="Refund", object_id=str(row.id)).order_by("id")
    return [(e.action, e.actor_id and "staff" or (e.after or {}).get("source")) for e in entries]


async def test_a_refund_that_never_reached_stripe_is_asked_again_once(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    kept = await unanswered_refund(ctx)

    async with after_commit.collect() as announced:
        changed = await unanswered.finish_pending(ctx["policy"])
    with later():
        again = await unanswered.finish_pending(ctx["policy"])
    charge = await charge_of(ctx["base"], ctx["intent"])
    await post_event(ctx["client"], event("evt_pend_2", "charge.refunded", charge))
    await ctx["client"].aclose()

    made = await stripe_refunds(ctx)
    row = await Refund.get()
    assert kept.status == "pending" and kept.claimed_at is None
    assert (changed, again) == (1, 0)
    assert [m["kind"] for m in announced] == ["refund", "refund_part"]
    assert len(made) == 1 and made[0].metadata[REFUND_KEY] == str(kept.id)
    assert made[0].amount == 1000
    assert row.status == "succeeded" and row.stripe_refund_id == made[0].id
    assert (await Payment.get()).refunded == 1000  # claimed once, Stripe's event adds nothing
    assert await Refund.all().count() == 1
    assert await audit_of(row) == [
        ("payment.refund", "worker"),
        ("payment.refund_succeeded", "worker"),
    ]


async def test_a_refund_stripe_made_is_adopted_not_made_again(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    await payments.refund(ctx["policy"], ctx["actor"], ctx["payment"].id, "10.00", "退款")
    # The process stopped during the call: Stripe refunded, the answer was never recorded.
    await Refund.all().update(stripe_refund_id=None, claimed_at=refund_claim.now())
    await AuditEntry.filter(object_type="Refund").delete()

    too_soon = await unanswered.finish_pending(ctx["policy"])
    with later():
        taken = await unanswered.finish_pending(ctx["policy"])
    await ctx["client"].aclose()

    made = await stripe_refunds(ctx)
    row = await Refund.get()
    assert (too_soon, taken) == (0, 1)
    assert len(made) == 1
    assert row.status == "succeeded" and row.stripe_refund_id == made[0].id
    assert (await Payment.get()).refunded == 1000
    assert await audit_of(row) == [
        ("payment.refund", "stripe"),
        ("payment.refund_succeeded", "stripe"),
    ]


async def test_stripes_event_audits_the_row_whose_answer_was_lost(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    await payments.refund(ctx["policy"], ctx["actor"], ctx["payment"].id, "10.00", "退款")
    await Refund.all().update(stripe_refund_id=None, claimed_at=None)
    await AuditEntry.filter(object_type="Refund").delete()

    charge = await charge_of(ctx["base"], ctx["intent"])
    for event_id in ("evt_pend_3", "evt_pend_4"):  # a second event for it adds nothing
        await post_event(ctx["client"], event(event_id, "charge.refunded", charge))
    await ctx["client"].aclose()

    row = await Refund.get()
    assert row.status == "succeeded" and row.stripe_refund_id is not None
    assert await audit_of(row) == [
        ("payment.refund", "stripe"),
        ("payment.refund_succeeded", "stripe"),
    ]
    assert (await Payment.get()).refunded == 1000


async def test_an_answered_refund_whose_event_never_came_is_settled(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    await payments.refund(ctx["policy"], ctx["actor"], ctx["payment"].id, "10.00", "退款")
    asked = await Refund.get()

    waiting = await unanswered.finish_pending(ctx["policy"])  # Stripe's event may still come
    with later():
        settled = await unanswered.finish_pending(ctx["policy"])
    await ctx["client"].aclose()

    row = await Refund.get()
    assert asked.status == "pending" and asked.stripe_refund_id is not None
    assert (waiting, settled) == (0, 1)
    assert row.status == "succeeded" and row.stripe_refund_id == asked.stripe_refund_id
    assert len(await stripe_refunds(ctx)) == 1
    assert await audit_of(row) == [
        ("payment.refund", "staff"),
        ("payment.refund_succeeded", "stripe"),
    ]


async def test_concurrent_workers_refund_once(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    await unanswered_refund(ctx)

    results = await asyncio.gather(*(unanswered.finish_pending(ctx["policy"]) for _ in range(4)))
    await ctx["client"].aclose()

    assert sorted(results) == [0, 0, 0, 1]
    assert len(await stripe_refunds(ctx)) == 1
    assert (await Payment.get()).refunded == 1000
    assert [r.status for r in await Refund.all()] == ["succeeded"]


async def test_a_worker_and_a_return_resolve_do_not_both_ask_stripe(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    row = await unanswered_refund(ctx)
    assert await refund_claim.take(row.id)  # the worker is asking Stripe about it

    try:
        await payments.resume(ctx["policy"], ctx["actor"], row)
        raise AssertionError("resumed a refund another process holds")
    except DomainError as exc:
        refused = exc.code
    await ctx["client"].aclose()

    assert refused is ErrorCode.INVALID_STATE
    assert await stripe_refunds(ctx) == []


async def test_a_refund_stripe_refuses_gives_its_amount_back(db, policy, localstripe_url):
    ctx = await shop(policy, localstripe_url, "", 9000, 1)
    created = await f.gql(ctx["client"], INTENT, {"o": ctx["order"]}, token=ctx["token"])
    payment = await Payment.get(
        id=f.row_id(created["data"]["orderPaymentIntentCreate"]["payment"]["id"])
    )
    try:  # declined at Stripe: a refund of it is refused
        await pay_with_card(ctx["base"], payment.stripe_intent_id, "4000000000000341")
    except stripe.StripeError:
        pass
    # As if it had succeeded here, with a refund of it left pending.
    await Payment.filter(id=payment.id).update(status="succeeded", refunded=1000)
    await Refund.create(payment_id=payment.id, amount=1000, status="pending", reason="退款")

    changed = await unanswered.finish_pending(PaymentsPolicy("sk_test_dinghuo", ctx["base"]))
    admin = ctx["admin"]
    listed = await f.gql(ctx["client"], REFUNDS, {"s": "FAILED", "n": 10}, token=admin)
    await ctx["client"].aclose()

    row = await Refund.get()
    assert changed == 1
    assert row.status == "failed" and row.stripe_refund_id is None
    assert (await Payment.get()).refunded == 0  # refundable again
    assert await audit_of(row) == [("payment.refund_failed", "worker")]
    assert listed["data"]["refunds"]["totalCount"] == 1


async def test_staff_list_pending_refunds(db, policy, localstripe_url):
    ctx = await paid(policy, localstripe_url)
    await unanswered_refund(ctx)
    finance = await f.login(ctx["client"], await f.staff(policy, "finance"))
    sales = await f.login(ctx["client"], await f.staff(policy, "sales"))

    pending = await f.gql(ctx["client"], REFUNDS, {"s": "PENDING"}, token=finance)
    done = await f.gql(ctx["client"], REFUNDS, {"s": "SUCCEEDED"}, token=finance)
    refused = await f.gql(ctx["client"], REFUNDS, {}, token=sales)
    buyer = await f.gql(ctx["client"], REFUNDS, {}, token=ctx["token"])
    await ctx["client"].aclose()

    [node] = f.nodes(pending["data"]["refunds"])
    assert node["status"] == "PENDING" and node["amount"]["amount"] == "10.00"
    assert node["payment"]["method"] == "CARD" and node["payment"]["order"]["number"]
    assert done["data"]["refunds"]["totalCount"] == 0
    for answer in (refused, buyer):
        assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_the_worker_finishes_card_refunds_only_with_stripe():
    assert "card-refunds" in [j.name for j in jobs(make_settings(stripe_api_key="sk_test"))]
    assert "card-refunds" not in [j.name for j in jobs(make_settings(stripe_api_key=""))]


async def test_stripe_event_before_the_answer_audits_the_refund_once(
    db, policy, localstripe_url, monkeypatch
):
    """Stripe's charge.refunded can arrive while the staff call still awaits its answer: the
    event adopts the row (and audits it), and the call's answer then adds nothing."""
    ctx = await paid(policy, localstripe_url)
    asked = payments.payment_gateway.refund

    async def answered_after_the_event(*args, **kwargs):
        made = await asked(*args, **kwargs)
        charge = await charge_of(ctx["base"], ctx["intent"])
        await post_event(ctx["client"], event("evt_pend_early", "charge.refunded", charge))
        return made

    monkeypatch.setattr(payments.payment_gateway, "refund", answered_after_the_event)
    await payments.refund(ctx["policy"], ctx["actor"], ctx["payment"].id, "10.00", "退款")
    await ctx["client"].aclose()

    row = await Refund.get()
    assert row.status == "succeeded"
    assert [action for action, _ in await audit_of(row)].count("payment.refund") == 1
