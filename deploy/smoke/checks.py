"""What the smoke run asks of the deployment, each through nginx as a client would."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
from dataclasses import dataclass

import httpx
import websockets
from pypdf import PdfReader

from tests.webhooks.helpers import event, signed

PRODUCT_NAME = "农夫山泉饮用天然水"
PASSWORD = "Secret123"
LOGIN = """mutation($e: String!, $p: String!) { tokenCreate(input: {email: $e, password: $p}) {
  accessToken errors { code } } }"""
PRODUCTS = "{ products(first: 5) { edges { node { name variants { id sku } } } } }"
SET_LINE = (
    """mutation($v: ID!) { cartLineSet(input: {variantId: $v, quantity: 2}) { errors { code } } }"""
)
PLACE = """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) {
  order { id number status } errors { code } } }"""
INVOICE = """query($id: ID!) { node(id: $id) { ... on Order { invoice { number } } } }"""
SUBSCRIBE = "subscription { orderUpdates { kind order { number } } }"
ADDRESS = {"recipient": "王经理", "phone": "13800000000", "region": "上海市", "line": "张江路 1 号"}


@dataclass
class Site:
    base: str  # http://127.0.0.1:port of nginx
    webhook_secret: str

    @property
    def ws(self) -> str:
        return self.base.replace("http://", "ws://") + "/graphql"


async def gql(client: httpx.AsyncClient, query: str, variables=None, token=None) -> dict:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    response.raise_for_status()
    body = response.json()
    if body.get("errors"):
        raise AssertionError(f"GraphQL errors: {body['errors']}")
    return body["data"]


async def login(client: httpx.AsyncClient, email: str) -> str:
    payload = (await gql(client, LOGIN, {"e": email, "p": PASSWORD}))["tokenCreate"]
    assert payload["errors"] == [], payload
    return payload["accessToken"]


async def query_catalog(client: httpx.AsyncClient) -> str:
    """An anonymous catalog query; returns the variant's global id."""
    edges = (await gql(client, PRODUCTS))["products"]["edges"]
    names = [edge["node"]["name"] for edge in edges]
    assert PRODUCT_NAME in names, names
    return edges[names.index(PRODUCT_NAME)]["node"]["variants"][0]["id"]


@contextlib.asynccontextmanager
async def subscribed(site: Site, token: str):
    async with websockets.connect(site.ws, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}})
        )
        ack = json.loads(await asyncio.wait_for(ws.recv(), 10))
        assert ack["type"] == "connection_ack", ack
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}}))
        yield ws


async def next_update(ws, timeout: float) -> dict:
    message = json.loads(await asyncio.wait_for(ws.recv(), timeout))
    assert message["type"] == "next", message
    return message["payload"]["data"]["orderUpdates"]


async def place_order(client: httpx.AsyncClient, token: str, variant_id: str) -> dict:
    await gql(client, SET_LINE, {"v": variant_id}, token=token)
    order = {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": ADDRESS}}
    payload = (await gql(client, PLACE, {"i": order}, token=token))["orderPlace"]
    assert payload["errors"] == [], payload
    return payload["order"]


async def invoice_pdf(client: httpx.AsyncClient, token: str, order_id: str) -> int:
    """Downloads the order's invoice; returns its size in bytes."""
    invoice = (await gql(client, INVOICE, {"id": order_id}, token=token))["node"]["invoice"]
    assert invoice, "the confirmed order has no invoice"
    response = await client.get(
        f"/documents/invoices/{invoice['number']}.pdf", headers={"authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert PRODUCT_NAME in text and invoice["number"] in text, text[:200]
    return len(response.content)


async def stripe_webhook(client: httpx.AsyncClient, site: Site, event_id: str) -> None:
    """A signed event is accepted once its body reached the app unchanged; a tampered one is
    refused."""
    body, signature = signed(
        event(event_id, "payment_intent.succeeded", {"id": "pi_smoke", "object": "payment_intent"}),
        secret=site.webhook_secret,
    )
    url = "/webhooks/stripe"
    accepted = await client.post(
        url,
        content=body,
        headers={"stripe-signature": signature, "content-type": "application/json"},
    )
    tampered = await client.post(
        url, content=body.replace(b"pi_smoke", b"pi_other"), headers={"stripe-signature": signature}
    )
    assert accepted.status_code == 200 and accepted.json() == {"received": True}, accepted.text
    assert tampered.status_code == 400, tampered.text
