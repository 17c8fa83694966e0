"""orderPlace sent over the websocket (graphql-transport-ws runs mutations too): the connection
signed in once, but placement must still see the company and prices as they are now."""

import asyncio
import json
from decimal import Decimal

import httpx
import websockets

from dinghuo.app import create_app
from domain.accounts import companies
from domain.pricing import price_lists
from domain.pricing.price_lists import Break
from tests import factories as f
from tests.api.test_place_prices import ORDER, PLACE
from tests.api.test_place_prices import shop as _shop
from tests.api.test_subscriptions import serving
from tests.conftest import make_settings


async def _connect(address: str, token: str):
    ws = await websockets.connect(f"ws://{address}/graphql", subprotocols=["graphql-transport-ws"])
    init = {"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}
    await ws.send(json.dumps(init))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    return ws


async def _place(ws) -> dict:
    payload = {"query": PLACE, "variables": ORDER}
    await ws.send(json.dumps({"id": "p", "type": "subscribe", "payload": payload}))
    message = json.loads(await asyncio.wait_for(ws.recv(), 10))
    assert message["type"] == "next", message
    assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "complete"
    return message["payload"]


async def test_a_company_suspended_after_the_socket_signed_in_cannot_place(db, policy):
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        company, token, staff, _ = await _shop(policy, c)
        ws = await _connect(address, token)
        try:
            await companies.suspend(staff, company.id, "逾期未付")
            result = await _place(ws)
        finally:
            await ws.close()
    assert result["data"]["orderPlace"]["order"] is None, result
    assert result["data"]["orderPlace"]["errors"] == [{"code": "COMPANY_NOT_ACTIVE"}]


async def test_a_price_changed_after_the_socket_signed_in_is_charged(db, policy):
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        company, token, staff, variant = await _shop(policy, c)
        contract = await price_lists.create(staff, "合同价", company_id=company.id)
        await price_lists.set_breaks(staff, contract.id, variant.id, [Break(1, Decimal("9"))])
        ws = await _connect(address, token)
        try:
            first = await _place(ws)
            await price_lists.set_breaks(staff, contract.id, variant.id, [Break(1, Decimal("8"))])
            await f.gql(c, f.SET_LINE, {"v": f.gid("Variant", variant.id), "q": 2}, token=token)
            second = await _place(ws)
        finally:
            await ws.close()
    assert first["data"]["orderPlace"] == {"order": {"subtotal": {"amount": "18.00"}},
                                           "errors": []}  # fmt: skip
    assert second["data"]["orderPlace"] == {"order": {"subtotal": {"amount": "16.00"}},
                                            "errors": []}  # fmt: skip
