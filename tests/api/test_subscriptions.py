"""Order updates over graphql-transport-ws on a real server and a real websocket."""

import asyncio
import contextlib
import json
import socket

import httpx
import pytest
import uvicorn
import websockets
from strawberry.relay import to_base64

from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings
from tests.services import REDIS_URL, require_redis

SUBSCRIBE = "subscription { orderUpdates { kind order { number status company { name } } } }"
PLACE = """mutation($input: OrderPlaceInput!) { orderPlace(input: $input) {
  order { number } errors { code } } }"""
ADDRESS = {"recipient": "王", "phone": "1", "region": "上海", "line": "路 1 号"}
SET_LINE = (
    """mutation($v: ID!) { cartLineSet(input: {variantId: $v, quantity: 1}) { errors { code } } }"""
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.asynccontextmanager
async def serving(app):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning"))  # fmt: skip
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
        await app.state.broker.close()


@contextlib.asynccontextmanager
async def subscribed(address: str, token: str | None):
    async with websockets.connect(f"ws://{address}/graphql",
                                  subprotocols=["graphql-transport-ws"]) as ws:  # fmt: skip
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await ws.send(json.dumps({"type": "connection_init", "payload": payload}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        await asyncio.sleep(0.3)  # the protocol has no "subscribed" answer to wait for
        yield ws


async def next_update(ws, timeout: float = 5) -> dict:
    message = json.loads(await asyncio.wait_for(ws.recv(), timeout))
    assert message["type"] == "next", message
    return message["payload"]["data"]["orderUpdates"]


async def place_order(address: str, policy, company, variant) -> str:
    buyer = await f.buyer(policy, company, role="purchaser")
    async with httpx.AsyncClient(base_url=f"http://{address}") as client:
        token = await f.login(client, buyer)
        await f.gql(client, SET_LINE, {"v": to_base64("Variant", variant.id)}, token=token)
        order = {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": ADDRESS}}
        result = await f.gql(client, PLACE, {"input": order}, token=token)
    return result["data"]["orderPlace"]["order"]["number"]


@pytest.fixture
async def market(db, policy):
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse("SH"), 100)
    return variant, await f.company(name="甲公司"), await f.company(name="乙公司")


async def test_buyers_get_their_company_orders_only_and_staff_get_all(market, policy):
    variant, mine, theirs = market
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        buyer_token = await f.login(c, await f.buyer(policy, mine, role="viewer"))
        staff_token = await f.login(c, await f.staff(policy, "sales"))
        async with (
            subscribed(address, buyer_token) as buyer_ws,
            subscribed(address, staff_token) as staff_ws,
        ):
            other = await place_order(address, policy, theirs, variant)
            own = await place_order(address, policy, mine, variant)

            seen_by_buyer = await next_update(buyer_ws)
            seen_by_staff = [await next_update(staff_ws), await next_update(staff_ws)]

    assert seen_by_buyer == {"kind": "PLACED", "order": {
        "number": own, "status": "PENDING_REVIEW", "company": {"name": "甲公司"}}}  # fmt: skip
    assert [u["order"]["number"] for u in seen_by_staff] == [other, own]


async def test_a_bad_token_is_refused_at_connection(db):
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address:
        async with websockets.connect(f"ws://{address}/graphql",
                                      subprotocols=["graphql-transport-ws"]) as ws:  # fmt: skip
            await ws.send(json.dumps({"type": "connection_init",
                                      "payload": {"authorization": "Bearer nope"}}))  # fmt: skip
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd.code == 4403


async def test_anonymous_subscriptions_are_refused(db):
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, subscribed(address, None) as ws:
        message = json.loads(await asyncio.wait_for(ws.recv(), 5))
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_event_published_by_one_process_reaches_a_subscriber_of_another(market, policy):
    await require_redis()
    variant, mine, _ = market
    first = create_app(make_settings(redis_url=REDIS_URL), manage_db=False)
    second = create_app(make_settings(redis_url=REDIS_URL), manage_db=False)
    async with serving(first) as address_a, serving(second) as address_b:
        async with httpx.AsyncClient(base_url=f"http://{address_a}") as c:
            token = await f.login(c, await f.staff(policy, "admin"))
        async with subscribed(address_a, token) as ws:
            number = await place_order(address_b, policy, mine, variant)
            update = await next_update(ws)
    assert update["order"]["number"] == number


@pytest.mark.parametrize("authorization", [5, ["Bearer x"], {"a": 1}, True])
async def test_an_authorization_that_is_not_text_is_refused_with_a_close_code(
    db, caplog, authorization
):
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address:
        async with websockets.connect(f"ws://{address}/graphql",
                                      subprotocols=["graphql-transport-ws"]) as ws:  # fmt: skip
            init = {"type": "connection_init", "payload": {"authorization": authorization}}
            await ws.send(json.dumps(init))
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
    assert closed.value.rcvd.code == 4403
    assert not [r for r in caplog.records if r.exc_info]
