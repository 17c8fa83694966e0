"""Signing webhook payloads as Stripe does, and paying like Stripe.js would."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import stripe

SECRET = "whsec_test_secret_for_dinghuo"


def signed(payload: dict, secret: str = SECRET, timestamp: int | None = None) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    ts = timestamp or int(time.time())
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={ts},v1={digest}"


def event(event_id: str, kind: str, obj: dict) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "data": {"object": obj},
        "created": int(time.time()),
        "api_version": "2024-06-20",
        "livemode": False,
    }


async def pay_with_card(base: str, intent_id: str, card: str = "4242424242424242") -> dict:
    """What the buyer's browser does with the client secret: add a card and confirm."""
    http = stripe.HTTPXClient()
    client = stripe.StripeClient("sk_test_dinghuo", base_addresses={"api": base}, http_client=http)
    try:
        method = await client.v1.payment_methods.create_async(
            params={
                "type": "card",
                "card": {"number": card, "exp_month": 12, "exp_year": 2030, "cvc": "123"},
            }
        )
        await client.v1.payment_intents.update_async(
            intent_id, params={"payment_method": method.id}
        )
        await client.v1.payment_intents.confirm_async(intent_id)
        intent = await client.v1.payment_intents.retrieve_async(intent_id)
        return intent.to_dict()
    finally:
        await http.close_async()


async def charge_of(base: str, intent: dict) -> dict:
    http = stripe.HTTPXClient()
    client = stripe.StripeClient("sk_test_dinghuo", base_addresses={"api": base}, http_client=http)
    try:
        charge = intent["latest_charge"]
        charge_id = charge["id"] if isinstance(charge, dict) else charge
        return (await client.v1.charges.retrieve_async(charge_id)).to_dict()
    finally:
        await http.close_async()
