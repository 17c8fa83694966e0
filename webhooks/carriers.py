"""POST /webhooks/carriers/{carrier}: tracking events from a carrier, authenticated with an
HMAC-SHA256 of the raw body in `X-Dinghuo-Signature: sha256=<hex>`.

Answers: 200 with what was stored; 400 for a body that is not the expected JSON; 401 for a bad
signature; 404 for an unknown carrier or tracking number. A carrier retries anything else, so
nothing a carrier can send answers 500: unknown statuses are stored and change nothing."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import JSONResponse

from domain.fulfilment import ship as fulfilment
from domain.ordering import feed
from domain.shared import clock


class Malformed(ValueError):
    """The body is not a tracking payload; the message names what is wrong."""


def _valid(secret: str, body: bytes, header: str) -> bool:
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def _text(data: dict, key: str, limit: int, required: bool = True) -> str:
    value = data.get(key, "")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)  # some carriers send numeric ids and numbers
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > limit:
        raise Malformed(key)
    if "\x00" in value:  # PostgreSQL text cannot hold it
        raise Malformed(key)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate ("\ud800") decodes from JSON but is no text
        raise Malformed(key) from None
    return value.strip()


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise Malformed("time")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Malformed("time") from None
    # A time without an offset is the supplier's local time, as on the carrier's own page.
    moment = moment if moment.tzinfo else moment.replace(tzinfo=clock.zone())
    try:
        # Years 1 and 9999 with an offset parse but fall outside datetime once in UTC.
        return moment.astimezone(UTC)
    except OverflowError:
        raise Malformed("time") from None


def parse(body: bytes) -> tuple[str, list[fulfilment.Tracking]]:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise Malformed("body") from None
    if not isinstance(payload, dict):
        raise Malformed("body")
    events = payload.get("events", [])
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise Malformed("events")
    return _text(payload, "trackingNumber", 64), [
        fulfilment.Tracking(
            external_id=_text(e, "id", 100),
            occurred_at=_moment(e.get("time")),
            location=_text(e, "location", 1000, False),
            description=_text(e, "description", 5000, False),
            status=_text(e, "status", 1000, False) or "in_transit",
        )
        for e in events
    ]


async def carrier_webhook(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    carrier = request.path_params["carrier"]
    if carrier not in request.app.state.policies.fulfilment.carriers:
        return JSONResponse({"error": "unknown carrier"}, status_code=404)
    body = await request.body()
    secret = settings.carrier_webhook_secrets.get(carrier) or settings.carrier_webhook_secret
    if not _valid(secret, body, request.headers.get("x-dinghuo-signature", "")):
        return JSONResponse({"error": "invalid signature"}, status_code=401)
    try:
        tracking_number, events = parse(body)
    except Malformed as problem:
        return JSONResponse({"error": "malformed payload", "field": str(problem)}, 400)
    shipments = await fulfilment.by_tracking(carrier, tracking_number)
    if not shipments:
        return JSONResponse({"error": "unknown tracking number"}, status_code=404)
    stored = duplicates = 0
    for shipment in shipments:
        # Each event commits on its own; subscribers hear of them as they do of API changes.
        async with feed.announcing(request.app.state.broker):
            outcomes = [await fulfilment.add_tracking(shipment, e, "carrier") for e in events]
        stored += sum(1 for x in outcomes if x)
        duplicates += outcomes.count(None)
    return JSONResponse({"stored": stored, "duplicates": duplicates})
