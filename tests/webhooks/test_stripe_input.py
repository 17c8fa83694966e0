"""Signed Stripe events carrying values no column can hold answer 400 and store nothing."""

import pytest

from db.payments import Payment, StripeEvent
from tests.webhooks.helpers import event
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
