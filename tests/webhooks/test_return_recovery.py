"""A return left `resolving` by a process that stopped mid-refund is resolved again once its
claim's lease runs out, without a second Stripe refund; Stripe's refund event finds its row."""

import asyncio
from datetime import timedelta

import stripe

from db.after_sales import ReturnRequest
from db.payments import Payment, Refund
from domain.accounts.permissions import Principal
from domain.after_sales import returns
from domain.payments import pay as payments
from domain.payments.gateway import REFUND_KEY
from domain.payments.policy import PaymentsPolicy
from domain.shared import clock
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f
from tests.webhooks.helpers import charge_of, event
from tests.webhooks.test_order_money import (
    PASS,
    pay,
    post_event,
    received_return,
    shop,
    staff,
)

RESOLVE = """mutation($id: ID!) { returnResolve(input: {id: $id, resolution: REFUND}) {
  returnRequest { status } errors { code } } }"""


async def received(policy, localstripe_url) -> dict:
    """A card order paid, delivered, and one of its four cases returned and received."""
    ctx = await shop(policy, localstripe_url, "order", 9000, 4)
    ctx["intent"] = await pay(ctx, "evt_rec_1")
    await staff(ctx, PASS, {"id": ctx["order"]})
    ctx["return"] = await received_return(ctx)
    user = await f.staff(policy, "admin")
    ctx["actor"] = Principal(user.id, user.email, "staff", staff_role="admin")
    ctx["policy"] = PaymentsPolicy("sk_test_dinghuo", localstripe_url)
    return ctx


async def stop_after_claim(ctx) -> Refund | None:
    """What a resolve leaves when its process stops after the claim and the refund row: the
    return `resolving`, the amount claimed on the payment, Stripe perhaps asked."""
    ret = await returns._claim(f.row_id(ctx["return"]))
    card = await Payment.get()
    reason, source = f"退货 {ret.number}", f"return:{ret.id}"
    await payments.refund(ctx["policy"], ctx["actor"], card.id, "90.00", reason, "", source)
    return await Refund.get_or_none(source=f"return:{ret.id}")


async def stripe_refunds(ctx) -> list:
    client = stripe.StripeClient(
        "sk_test_dinghuo", base_addresses={"api": ctx["base"]}, http_client=stripe.HTTPXClient()
    )
    page = await client.v1.refunds.list_async(params={"payment_intent": ctx["intent"]["id"]})
    return list(page.data)


async def test_a_return_left_resolving_is_finished_without_refunding_twice(
    db, policy, localstripe_url
):
    ctx = await received(policy, localstripe_url)
    row = await stop_after_claim(ctx)

    too_soon = await staff(ctx, RESOLVE, {"id": ctx["return"]})
    with clock.frozen(clock.now() + returns.CLAIM_LEASE + timedelta(seconds=1)):
        again = await staff(ctx, RESOLVE, {"id": ctx["return"]})
    twice = await staff(ctx, RESOLVE, {"id": ctx["return"]})
    await ctx["client"].aclose()

    assert row is not None and row.stripe_refund_id is not None
    assert [e["code"] for e in too_soon["errors"]] == ["INVALID_STATE"]
    assert again == {"returnRequest": {"status": "RESOLVED"}, "errors": []}
    assert [e["code"] for e in twice["errors"]] == ["INVALID_STATE"]
    assert len(await stripe_refunds(ctx)) == 1
    assert await Refund.all().count() == 1
    assert (await Payment.get()).refunded == 9000


async def test_a_refund_whose_answer_was_lost_is_taken_from_stripe_not_made_again(
    db, policy, localstripe_url
):
    ctx = await received(policy, localstripe_url)
    await stop_after_claim(ctx)
    # The answer never reached us: the row has no Stripe id, as if the process stopped in the call.
    await Refund.all().update(stripe_refund_id=None)

    with clock.frozen(clock.now() + returns.CLAIM_LEASE + timedelta(minutes=1)):
        again = await staff(ctx, RESOLVE, {"id": ctx["return"]})
    await ctx["client"].aclose()

    made = await stripe_refunds(ctx)
    assert again["errors"] == []
    assert len(made) == 1 and made[0].metadata[REFUND_KEY] == str((await Refund.get()).id)
    assert (await Refund.get()).stripe_refund_id == made[0].id
    assert (await ReturnRequest.get()).status == "resolved"


async def test_stripes_refund_event_finds_the_row_whose_answer_was_lost(
    db, policy, localstripe_url
):
    ctx = await received(policy, localstripe_url)
    await stop_after_claim(ctx)
    await Refund.all().update(stripe_refund_id=None)

    charge = await charge_of(ctx["base"], ctx["intent"])
    await post_event(ctx["client"], event("evt_rec_2", "charge.refunded", charge))
    await ctx["client"].aclose()

    made = await stripe_refunds(ctx)
    row = await Refund.get()
    assert await Refund.all().count() == 1
    assert row.stripe_refund_id == made[0].id and row.status == "succeeded"
    assert (await Payment.get()).refunded == 9000  # counted once, not again for the event


async def test_a_stale_claim_with_nothing_paid_resolves_as_new(db, policy, localstripe_url):
    ctx = await received(policy, localstripe_url)
    await returns._claim(f.row_id(ctx["return"]))  # stopped before any refund was recorded

    with clock.frozen(clock.now() + returns.CLAIM_LEASE + timedelta(seconds=1)):
        again = await staff(ctx, RESOLVE, {"id": ctx["return"]})
    await ctx["client"].aclose()

    assert again["errors"] == []
    assert len(await stripe_refunds(ctx)) == 1
    assert (await Payment.get()).refunded == 9000


async def test_two_resolves_taking_over_a_stale_claim_refund_once(db, policy, localstripe_url):
    ctx = await received(policy, localstripe_url)
    await stop_after_claim(ctx)
    await Refund.all().update(stripe_refund_id=None)

    with clock.frozen(clock.now() + returns.CLAIM_LEASE + timedelta(seconds=1)):
        results = await asyncio.gather(
            *(staff(ctx, RESOLVE, {"id": ctx["return"]}) for _ in range(4))
        )
    await ctx["client"].aclose()

    codes = sorted([e["code"] for e in r["errors"]] for r in results)
    assert codes == [[]] + [["INVALID_STATE"]] * 3
    assert len(await stripe_refunds(ctx)) == 1
    assert (await Payment.get()).refunded == 9000


async def test_a_refund_call_without_an_answer_keeps_its_row_and_is_resumed(
    db, policy, localstripe_url
):
    ctx = await received(policy, localstripe_url)
    # Nothing listens there: the call fails with no answer, as a timeout after Stripe
    # refunded would. Deleting the row would let a retry refund again under a new row.
    unreachable = PaymentsPolicy("sk_test_dinghuo", "http://127.0.0.1:9")
    ret_id = f.row_id(ctx["return"])
    try:
        await returns.resolve(unreachable, ctx["actor"], ret_id, "refund")
        raise AssertionError("resolved without Stripe")
    except DomainError as exc:
        failed = exc.code
    kept = await Refund.get_or_none(source=f"return:{ret_id}")
    claimed = (await Payment.get()).refunded

    again = await staff(ctx, RESOLVE, {"id": ctx["return"]})
    await ctx["client"].aclose()

    made = await stripe_refunds(ctx)
    assert failed is ErrorCode.PAYMENT_PROVIDER_ERROR
    assert kept is not None and kept.status == "pending" and claimed == 9000
    assert again == {"returnRequest": {"status": "RESOLVED"}, "errors": []}
    assert len(made) == 1 and made[0].metadata[REFUND_KEY] == str(kept.id)
    assert [r.id for r in await Refund.all()] == [kept.id]
    assert (await Payment.get()).refunded == 9000
