"""Stripe, the only payment provider: PaymentIntents and refunds through its async client.
Amounts cross this boundary as integer minor units."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


async def refund(policy: PaymentsPolicy, intent_id: str, amount: int, key: str) -> str:
    async def work(client):
        return await client.v1.refunds.create_async(
            params={"payment_intent": intent_id, "amount": amount},
            options={"idempotency_key": key},
        )

    return (await _call(policy, work)).id
