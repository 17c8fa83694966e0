"""POST /webhooks/stripe: signature checked with the webhook secret before anything else."""

from __future__ import annotations

import json

import stripe
from starlette.requests import Request
from starlette.responses import JSONResponse

from domain.ordering import feed as order_feed
from domain.payments import stripe_events

BIGINT = 2**63 - 1  # the widest integer column; amounts are stored in minor units
# Stripe's own default; the timestamp is signed, so an old request cannot be replayed later.
TOLERANCE = stripe.Webhook.DEFAULT_TOLERANCE


class Unstorable(ValueError):
    """A value no column can hold: a lone surrogate or NUL in text, an integer past bigint.
    Stripe never sends these; signed or not, they must answer 400, not fail the database."""


def _integer(text: str) -> int:
    value = int(text)
    if abs(value) > BIGINT:
        raise Unstorable(text)
    return value


def decode(body: str) -> dict:
    """The event as plain JSON: ValueError when it is not an event object, Unstorable when a
    value cannot be stored. Text can only hold a NUL or a lone surrogate through a `\\u`
    escape (raw control characters are invalid JSON and raw surrogates invalid UTF-8), so
    only such a body has its strings looked at."""
    payload = json.loads(body, parse_int=_integer)
    if not isinstance(payload, dict) or not (
        isinstance(payload.get("id"), str) and isinstance(payload.get("type"), str)
    ):
        raise ValueError("not an event")
    _check_shape(payload)
    if "\\u" in body and _bad_text(payload):
        raise Unstorable("text")
    return payload


def _check_shape(payload: dict) -> None:
    """ValueError unless what the handlers read is of the type they read it as (domain/
    payments/stripe_events.py): an object, its ids text, a charge's refunds each with an id
    and an integer amount. Stripe sends nothing else; anything else would fail the handler."""
    data = payload.get("data", {})
    obj = data.get("object", {}) if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        raise ValueError("not an event object")
    if any(not isinstance(obj.get(k), str | None) for k in ("id", "payment_intent")):
        raise ValueError("not an id")
    refunds = obj.get("refunds") or {}
    items = refunds.get("data", []) if isinstance(refunds, dict) else None
    if not isinstance(items, list) or not all(_refund_item(item) for item in items):
        raise ValueError("not a refund list")


def _refund_item(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and type(item.get("amount")) is int
        and isinstance(item.get("metadata") or {}, dict)
    )


def _bad_text(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and ("\x00" in item or not item.isascii() and not _utf8(item)):
            return True
    return False


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


async def stripe_webhook(request: Request) -> JSONResponse:
    secret = request.app.state.settings.stripe_webhook_secret
    body = await request.body()
    signature = request.headers.get("stripe-signature", "")
    if not secret or not signature:
        return JSONResponse({"error": "missing signature"}, status_code=400)
    try:
        # Stripe signs the text of the body: verified (in constant time, with its timestamp
        # tolerance) before it is parsed, then parsed once into plain dicts.
        text = body.decode("utf-8")
        stripe.WebhookSignature.verify_header(text, signature, secret, TOLERANCE)
    except (ValueError, stripe.SignatureVerificationError):
        return JSONResponse({"error": "invalid signature"}, status_code=400)
    try:
        payload = decode(text)
    except (ValueError, RecursionError):
        return JSONResponse({"error": "malformed payload"}, status_code=400)
    # Subscribers hear what the event changed once it has committed, as for mutations.
    async with order_feed.announcing(request.app.state.broker):
        await stripe_events.handle(payload)
    return JSONResponse({"received": True})
