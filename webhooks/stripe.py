"""POST /webhooks/stripe: signature checked with the webhook secret before anything else."""

from __future__ import annotations

import logging

import stripe
from starlette.requests import Request
from starlette.responses import JSONResponse

from domain.ordering import feed as order_feed
from domain.payments import stripe_events

log = logging.getLogger("dinghuo.webhooks")


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
    changed = await stripe_events.handle(event.to_dict())
    if changed:
        # Committed by now: subscribers hear about it after the fact, as for mutations.
        try:
            for channel in order_feed.channels(changed["companyId"]):
                await request.app.state.broker.publish(channel, changed)
        except Exception:  # noqa: BLE001 - the payment is recorded; a lost notice is logged
            log.exception("could not publish payment update")
    return JSONResponse({"received": True})
