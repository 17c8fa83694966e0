"""Signed Stripe events carrying values no column can hold, or no event at all, answer 400 and
store nothing."""

import hashlib
import hmac
import time

import pytest

from db.payments import Payment, StripeEvent
from tests.webhooks.helpers import SECRET, event
from tests.webhooks.test_stripe import card_shop, post_event, start_payment

__all__ = ["card_shop"]


async def test_a_lone_surrogate_in_the_event_id_answers_400(card_shop):
    answer = await post_event(
        card_shop["client"], event("evt_\ud800", "customer.created", {"id": "c"})
    )

    assert answer.status_code == 400
    assert answer.json() == {"error": "malformed payload"}
    assert not await StripeEvent.exists()


@pytest.mark.parametrize("field", ["amount_received", "amount"])
async def test_an_amount_past_bigint_answers_400_and_changes_nothing(card_shop, field):
    _, intent = await start_payment(card_shop)
    huge = dict(intent, **{field: 10**30})

    answer = await post_event(
        card_shop["client"], event("evt_huge", "payment_intent.succeeded", huge)
    )

    assert answer.status_code == 400
    assert not await StripeEvent.exists()
    payment = await Payment.get()
    assert payment.status != "succeeded" and not payment.flagged


def _signed_text(body: bytes) -> dict:
    stamp = int(time.time())
    digest = hmac.new(SECRET.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"stripe-signature": f"t={stamp},v1={digest}", "content-type": "application/json"}


@pytest.mark.parametrize(
    "body",
    [b"[]", b'"evt"', b"{not json", b'{"id": 7, "type": "payment_intent.succeeded"}', b"{}"],
)
async def test_a_signed_body_that_is_no_event_answers_400(card_shop, body):
    answer = await card_shop["client"].post("/webhooks/stripe", content=body,
                                            headers=_signed_text(body))  # fmt: skip

    assert answer.status_code == 400
    assert answer.json() == {"error": "malformed payload"}
    assert not await StripeEvent.exists()


async def test_a_nul_in_a_value_answers_400(card_shop):
    answer = await post_event(
        card_shop["client"], event("evt_nul", "customer.created", {"id": "c\x00"})
    )

    assert answer.status_code == 400
    assert answer.json() == {"error": "malformed payload"}
    assert not await StripeEvent.exists()


async def test_a_body_signed_with_another_secret_answers_400_before_it_is_read(card_shop):
    answer = await post_event(
        card_shop["client"], event("evt_other", "customer.created", {"id": "c"}), secret="whsec_x"
    )

    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid signature"}
    assert not await StripeEvent.exists()
