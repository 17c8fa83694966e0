"""POST /webhooks/carriers/{carrier}: tracking events from a carrier, authenticated with an
HMAC-SHA256 of the raw body in `X-Dinghuo-Signature: sha256=<hex>`."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime

from starlette.requests import Request
from starlette.responses import JSONResponse

from domain.fulfilment import ship as fulfilment
from domain.fulfilment.carriers import CARRIERS


def _valid(secret: str, body: bytes, header: str) -> bool:
    if not secret or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


async def carrier_webhook(request: Request) -> JSONResponse:
    settings = request.app.state.settings
    carrier = request.path_params["carrier"]
    if carrier not in CARRIERS:
        return JSONResponse({"error": "unknown carrier"}, status_code=404)
    body = await request.body()
    secret = settings.carrier_webhook_secrets.get(carrier) or settings.carrier_webhook_secret
    if not _valid(secret, body, request.headers.get("x-dinghuo-signature", "")):
        return JSONResponse({"error": "invalid signature"}, status_code=401)
    try:
        payload = json.loads(body)
        tracking_number = str(payload["trackingNumber"])
        events = [
            fulfilment.Tracking(
                external_id=str(e["id"]),
                occurred_at=datetime.fromisoformat(e["time"]),
                location=str(e.get("location", "")),
                description=str(e.get("description", "")),
                status=str(e.get("status", "in_transit")),
            )
            for e in payload.get("events", [])
        ]
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": "malformed payload"}, status_code=400)
    shipment = await fulfilment.by_tracking(carrier, tracking_number)
    if shipment is None:
        return JSONResponse({"error": "unknown tracking number"}, status_code=404)
    stored = 0
    steps = settings.review_steps()
    for event in events:
        shipment = await fulfilment.reload(shipment)
        stored += await fulfilment.add_tracking(shipment, event, "carrier", steps)
    return JSONResponse({"stored": stored, "duplicates": len(events) - stored})
