"""Carrier webhooks: whatever a carrier sends answers 2xx or a clear 4xx, never 500."""

from datetime import datetime

import pytest

from db.fulfilment import Shipment, TrackingEvent
from domain.shared import clock
from tests.api import test_fulfilment
from tests.api.test_fulfilment import SECRET, carrier_post, ship, status

shop = test_fulfilment.shop  # the same shop fixture
pytestmark = pytest.mark.usefixtures("pinned_clock")


def events(number: str, *items: tuple[str, str]) -> dict:
    return {
        "trackingNumber": number,
        "events": [
            {"id": event_id, "status": state, "time": "2026-06-15T15:00:00+08:00"}
            for event_id, state in items
        ],
    }


@pytest.mark.parametrize(
    "state", ["out_for_delivery", "exception_customs_held_at_border", "已到达派件网点"]
)
async def test_statuses_the_platform_does_not_know_are_stored_and_change_nothing(shop, state):
    await ship(shop, 10, shop["sh"], "SF800")

    answer = await carrier_post(shop["client"], events("SF800", ("e1", state)))

    assert answer.status_code == 200 and answer.json() == {"stored": 1, "duplicates": 0}
    assert (await TrackingEvent.get(external_id="e1")).status == state
    assert (await Shipment.get(tracking_number="SF800")).status == "shipped"
    assert (await status(shop))["status"] == "SHIPPED"


async def test_known_statuses_still_move_the_shipment(shop):
    await ship(shop, 10, shop["sh"], "SF810")

    await carrier_post(shop["client"], events("SF810", ("e1", "Exception")))
    after_exception = (await Shipment.get(tracking_number="SF810")).status
    await carrier_post(shop["client"], events("SF810", ("e2", "delivered")))

    assert after_exception == "exception"
    assert (await status(shop))["status"] == "DELIVERED"


async def test_a_number_shared_by_two_shipments_of_one_carrier_reaches_both(shop):
    await ship(shop, 4, shop["sh"], "SF820")
    await ship(shop, 6, shop["sh"], "SF820")  # entered twice, or reused by the carrier

    answer = await carrier_post(shop["client"], events("SF820", ("d1", "delivered")))

    assert answer.status_code == 200 and answer.json() == {"stored": 2, "duplicates": 0}
    assert {s.status for s in await Shipment.all()} == {"delivered"}
    assert (await status(shop))["status"] == "DELIVERED"


async def test_a_reused_number_goes_to_the_shipment_still_on_its_way(shop):
    await ship(shop, 4, shop["sh"], "SF830")
    await carrier_post(shop["client"], events("SF830", ("d1", "delivered")))
    await ship(shop, 6, shop["sh"], "SF830")

    answer = await carrier_post(shop["client"], events("SF830", ("t2", "in_transit")))

    first, second = await Shipment.all().order_by("id")
    assert answer.status_code == 200 and answer.json() == {"stored": 1, "duplicates": 0}
    assert await TrackingEvent.filter(shipment=first).count() == 1
    assert await TrackingEvent.filter(shipment=second).count() == 1


async def test_the_same_number_at_another_carrier_is_another_shipment(shop):
    await ship(shop, 10, shop["sh"], "X900")

    at_jd = await carrier_post(shop["client"], events("X900", ("d1", "delivered")), carrier="jd")

    assert at_jd.status_code == 404 and at_jd.json() == {"error": "unknown tracking number"}
    assert (await Shipment.get(tracking_number="X900")).status == "shipped"


BAD_BODIES = [
    b"not json",
    b"[1, 2]",
    b'"SF840"',
    b'{"events": []}',
    b'{"trackingNumber": {"a": 1}, "events": []}',
    b'{"trackingNumber": "SF840", "events": {"id": "e1"}}',
    b'{"trackingNumber": "SF840", "events": ["e1"]}',
    b'{"trackingNumber": "SF840", "events": [{"time": "2026-06-15T15:00:00+08:00"}]}',
    b'{"trackingNumber": "SF840", "events": [{"id": "e1"}]}',
    b'{"trackingNumber": "SF840", "events": [{"id": "e1", "time": 1781510400}]}',
    b'{"trackingNumber": "SF840", "events": [{"id": "e1", "time": "yesterday"}]}',
    b'{"trackingNumber": "SF840", "events": [{"id": ["e1"], "time": "2026-06-15T15:00:00"}]}',
    b'{"trackingNumber": "SF840", "events": [{"id": "e1", "time": "2026-06-15T15:00:00",'
    b' "status": {"code": 3}}]}',
    b'{"trackingNumber": "SF840", "events": [{"id": "e1", "time": "2026-06-15T15:00:00",'
    b' "description": "a\\u0000b"}]}',
    b"\xff\xfe",
    b"[" * 100_000,
]


OUT_OF_RANGE = [
    ("time", b'{"id": "e1", "time": "0001-01-01T00:00:00+05:00"}'),
    ("time", b'{"id": "e1", "time": "9999-12-31T23:59:59-05:00"}'),
    ("time", b'{"id": "e1", "time": "0001-01-01T00:00:00"}'),
    ("id", b'{"id": "\\ud800", "time": "2026-06-15T15:00:00"}'),
    ("status", b'{"id": "e1", "time": "2026-06-15T15:00:00", "status": "a\\udfffb"}'),
]


@pytest.mark.parametrize(("field", "event"), OUT_OF_RANGE, ids=range(len(OUT_OF_RANGE)))
async def test_times_beyond_the_calendar_and_lone_surrogates_answer_400_naming_the_field(
    shop, field, event
):
    await ship(shop, 10, shop["sh"], "SF845")
    body = b'{"trackingNumber": "SF845", "events": [' + event + b"]}"

    answer = await carrier_post_raw(shop["client"], body)

    assert answer.status_code == 400
    assert answer.json() == {"error": "malformed payload", "field": field}
    assert not await TrackingEvent.exists()


@pytest.mark.parametrize("body", BAD_BODIES, ids=range(len(BAD_BODIES)))
async def test_a_signed_body_that_is_not_a_tracking_payload_answers_400(shop, body):
    await ship(shop, 10, shop["sh"], "SF840")

    answer = await carrier_post_raw(shop["client"], body)

    assert answer.status_code == 400
    assert answer.json()["error"] == "malformed payload"
    assert not await TrackingEvent.exists()


async def test_a_tampered_body_is_refused_before_it_is_read(shop):
    await ship(shop, 10, shop["sh"], "SF850")
    body = b'{"trackingNumber": "SF850", "events": [{"id": "e1", "status": "delivered",'
    body += b' "time": "2026-06-15T15:00:00+08:00"}]}'

    answer = await carrier_post_raw(shop["client"], body.replace(b"SF850", b"SF851"), sign=body)

    assert answer.status_code == 401
    assert (await Shipment.get(tracking_number="SF850")).status == "shipped"


async def test_a_time_without_an_offset_is_the_suppliers_local_time(shop):
    await ship(shop, 10, shop["sh"], "SF860")
    body = b'{"trackingNumber": "SF860", "events": [{"id": 7, "time": "2026-06-15T15:00:00"}]}'

    answer = await carrier_post_raw(shop["client"], body)

    stored = await TrackingEvent.get(external_id="7")
    assert answer.status_code == 200
    assert stored.occurred_at == datetime(2026, 6, 15, 15, tzinfo=clock.zone())


def carrier_post_raw(client, body: bytes, sign: bytes | None = None):
    import hashlib
    import hmac

    digest = hmac.new(SECRET.encode(), sign or body, hashlib.sha256).hexdigest()
    return client.post(
        "/webhooks/carriers/sf", content=body, headers={"x-dinghuo-signature": f"sha256={digest}"}
    )
