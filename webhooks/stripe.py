"""POST /webhooks/stripe: signature checked with the webhook secret before anything else."""

from __future__ import annotations

import stripe
from starlette.requests import Request
from starlette.responses import JSONResponse

from domain.ordering import feed as order_feed
from domain.payments import stripe_events

BIGINT = 2**63 - 1  # the widest integer column; amounts are stored in minor units


def _unstorable(value: object) -> bool:
    """A value no column can hold: a lone surrogate or NUL in text, an integer past bigint.
    Stripe never sends these; signed or not, they must answer 400, not fail the database."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item or not item.isascii() and not _utf8(item):
                return True
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > BIGINT:
            return True
    return False


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


async def stripe_webhook(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    body = await request.body()
    signature = request.headers.get("stripe-signature", "")
    if not settings.stripe_webhook_secret or not signature:
        return JSONResponse({"error": "missing signature"}, status_code=400)
    try:
        event = stripe.Webhook.construct_event(body, signature, settings.stripe_webhook_secret)
    except (ValueError, stripe.SignatureVerificationError):
        return JSONResponse({"error": "invalid signature"}, status_code=400)
    except RecursionError:
        return JSONResponse({"error": "malformed payload"}, status_code=400)
    payload = event.to_dict()
    if _unstorable(payload):
        return JSONResponse({"error": "malformed payload"}, status_code=400)
    # Subscribers hear what the event changed once it has committed, as for mutations.
    async with order_feed.announcing(request.app.state.broker):
        await stripe_events.handle(payload)
    return JSONResponse({"received": True})
