"""`orderUpdates(orderId:)`: one order's updates, for those who may see that order."""

import asyncio
import contextlib
import json

import httpx
import pytest
import websockets
from strawberry.relay import to_base64

from dinghuo.app import create_app
from tests import factories as f
from tests.api.test_subscriptions import place_order, serving
from tests.conftest import make_settings

ONE = """subscription($id: ID!) { orderUpdates(orderId: $id) { kind order { number } } }"""
CANCEL = """mutation($id: ID!) { orderCancel(input: {id: $id, reason: "x"}) { errors { code } } }"""
BY_NUMBER = "query { orders(first: 10) { edges { node { id number } } } }"


@contextlib.asynccontextmanager
async def subscribed_to(address: str, token: str, order_id: str):
    async with websockets.connect(f"ws://{address}/graphql",
                                  subprotocols=["graphql-transport-ws"]) as ws:  # fmt: skip
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        payload = {"query": ONE, "variables": {"id": order_id}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        await asyncio.sleep(0.3)  # the protocol has no "subscribed" answer to wait for
        yield ws


@pytest.fixture
async def market(db, policy):
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse("SH"), 100)
    return variant, await f.company(name="甲公司"), await f.company(name="乙公司")


def _codes(message: dict) -> list[str]:
    """Refused before the first event: an `error` message, or a `next` carrying errors."""
    payload = message["payload"]
    errors = payload if message["type"] == "error" else payload["errors"]
    return [e["extensions"]["code"] for e in errors]


async def _ids(client, token) -> dict[str, str]:
    result = await f.gql(client, BY_NUMBER, token=token)
    return {e["node"]["number"]: e["node"]["id"] for e in result["data"]["orders"]["edges"]}


async def test_a_subscriber_gets_only_the_order_it_named(market, policy):
    variant, mine, _ = market
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        watched = await place_order(address, policy, mine, variant)
        other = await place_order(address, policy, mine, variant)
        owner = await f.login(c, await f.buyer(policy, mine, role="owner"))
        admin = await f.login(c, await f.staff(policy, "admin"))
        ids = await _ids(c, owner)
        async with subscribed_to(address, owner, ids[watched]) as ws:
            await f.gql(c, CANCEL, {"id": ids[other]}, token=admin)
            await f.gql(c, CANCEL, {"id": ids[watched]}, token=admin)
            message = json.loads(await asyncio.wait_for(ws.recv(), 5))

    assert message["payload"]["data"]["orderUpdates"] == {
        "kind": "CANCEL",
        "order": {"number": watched},
    }


async def test_another_companys_order_is_not_found(market, policy):
    variant, mine, theirs = market
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        await place_order(address, policy, theirs, variant)
        admin = await f.login(c, await f.staff(policy, "admin"))
        their_order = next(iter((await _ids(c, admin)).values()))
        stranger = await f.login(c, await f.buyer(policy, mine, role="owner"))
        async with subscribed_to(address, stranger, their_order) as ws:
            message = json.loads(await asyncio.wait_for(ws.recv(), 5))

    assert _codes(message) == ["NOT_FOUND"]


async def test_an_id_of_another_type_is_invalid(market, policy):
    _, mine, _ = market
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        owner = await f.login(c, await f.buyer(policy, mine, role="owner"))
        async with subscribed_to(address, owner, to_base64("Company", mine.id)) as ws:
            message = json.loads(await asyncio.wait_for(ws.recv(), 5))

    assert _codes(message) == ["INVALID_ID"]
