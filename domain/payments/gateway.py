"""Stripe, the only payment provider: PaymentIntents and refunds through its async client.
Amounts cross this boundary as integer minor units."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import stripe

from domain.payments.policy import PaymentsPolicy
from domain.shared.errors import DomainError, ErrorCode

if TYPE_CHECKING:
    # Stripe types the client's base addresses but does not export the type.
    from stripe._base_address import BaseAddresses


async def _call(policy: PaymentsPolicy, work):
    if not policy.cards_enabled:
        raise DomainError(ErrorCode.CARD_PAYMENTS_UNAVAILABLE, "paymentMethod")
    http = stripe.HTTPXClient()
    base = policy.stripe_api_base
    addresses: BaseAddresses = {"api": base} if base else {}
    client = stripe.StripeClient(policy.stripe_api_key, base_addresses=addresses, http_client=http)
    try:
        return await work(client)
    except stripe.StripeError as exc:
        raise DomainError(ErrorCode.PAYMENT_PROVIDER_ERROR, None) from exc
    finally:
        await http.close_async()


def answered(error: DomainError) -> bool:
    """Whether a failed call was refused by Stripe (nothing was done) rather than left without
    an answer (no connection, a timeout, a server error: Stripe may have done it)."""
    cause = error.__cause__
    if isinstance(cause, stripe.APIConnectionError):
        return False
    status = getattr(cause, "http_status", None)
    return not (isinstance(status, int) and status >= 500)


async def create_intent(
    policy: PaymentsPolicy, amount: int, currency: str, order_id: int, key: str
) -> tuple[str, str]:
    """A PaymentIntent for the amount due: (its id, the client secret for Stripe.js)."""

    async def work(client):
        return await client.v1.payment_intents.create_async(
            params={
                "amount": amount,
                "currency": currency.lower(),
                "metadata": {"order_id": str(order_id)},
            },
            options={"idempotency_key": key},
        )

    intent = await _call(policy, work)
    return intent.id, intent.client_secret


async def client_secret(policy: PaymentsPolicy, intent_id: str) -> str:
    async def work(client):
        return await client.v1.payment_intents.retrieve_async(intent_id)

    return (await _call(policy, work)).client_secret


# The metadata key naming the refund row a Stripe refund was made for: a refund whose answer
# was lost (the process stopped during the call) is found again by it, and the webhook matches
# it to its row instead of counting the money twice.
REFUND_KEY = "dinghuo_refund"


class StripeRefund(NamedTuple):
    id: str
    # pending, requires_action, succeeded, failed or canceled
    status: str


async def refund(
    policy: PaymentsPolicy, intent_id: str, amount: int, refund_id: int
) -> StripeRefund:
    async def work(client):
        return await client.v1.refunds.create_async(
            params={
                "payment_intent": intent_id,
                "amount": amount,
                "metadata": {REFUND_KEY: str(refund_id)},
            },
            options={"idempotency_key": f"refund-{refund_id}"},
        )

    made = await _call(policy, work)
    return StripeRefund(made.id, made.status)


async def find_refund(policy: PaymentsPolicy, intent_id: str, refund_id: int) -> str | None:
    """The id of the Stripe refund made for our row `refund_id`, if Stripe has one."""
    found = await look_up_refund(policy, intent_id, refund_id)
    return found.id if found else None


async def look_up_refund(
    policy: PaymentsPolicy, intent_id: str, refund_id: int, stripe_id: str | None = None
) -> StripeRefund | None:
    """The Stripe refund made for our row `refund_id` (or known as `stripe_id`), if Stripe has
    one. Searched rather than retried on the idempotency key alone, which Stripe keeps for
    24 hours only."""

    async def work(client):
        page = await client.v1.refunds.list_async(
            params={"payment_intent": intent_id, "limit": 100}
        )
        async for item in page.auto_paging_iter():
            ours = (item.to_dict().get("metadata") or {}).get(REFUND_KEY) == str(refund_id)
            if ours or item.id == stripe_id:
                return StripeRefund(item.id, item.status)
        return None

    return await _call(policy, work)
