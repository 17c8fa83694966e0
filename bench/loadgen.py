"""A load generator that costs little CPU: raw HTTP/1.1 over kept-alive asyncio streams (no
HTTP client library), request bytes built once per kind, and a buyer's mix of storefront
requests for the scale-out bench (`bench/scale.py`)."""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field

# The storefront's product page as bench/storefront.py asks for it.
PAGE = """query Page { products(first: 50) { edges { node {
  id name variants { id sku price { unitPrice { amount currency } }
  availability { quantity } quantityRules { minimum multiple } } } } } }"""
ORDERS = """query Orders { orders(first: 20) { edges { node {
  id number status paymentStatus total { amount currency } createdAt } } } }"""
SET_LINE = """mutation SetLine($v: ID!, $q: Int!) {
  cartLineSet(input: {variantId: $v, quantity: $q}) {
  cart { subtotal { amount } canPlace } errors { code } } }"""
PLACE = """mutation Place($i: OrderPlaceInput!) { orderPlace(input: $i) {
  order { number } errors { code } } }"""
ADDRESS = {"recipient": "收货部", "phone": "13800000000", "region": "上海市", "line": "张江路 1 号"}
# Share of each kind in a buyer's requests; an order is placed only after a line was set.
MIX = {"page": 45, "orders": 20, "cart": 30, "place": 5}


class Connection:
    """One kept-alive HTTP/1.1 connection; reopens once when the peer closed an idle one."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self.writer:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.writer is None:
                await self._open()
            try:
                return await self._exchange(raw)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, raw: bytes) -> tuple[int, bytes]:
        assert self.reader and self.writer
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            body = b""
            while size := int((await self.reader.readline()).strip(), 16):
                body += await self.reader.readexactly(size)
                await self.reader.readline()
            await self.reader.readline()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body


def post(path: str, payload: dict, token: str | None = None) -> bytes:
    body = json.dumps(payload).encode()
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"{auth}Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


@dataclass
class Tally:
    """What the buyers saw in one measured phase."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    placed: list[str] = field(default_factory=list)  # order numbers the API answered with
    examples: list[str] = field(default_factory=list)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.examples) < 3:
            self.examples.append(f"{kind}: {detail[:200]}")


async def login(connection: Connection, email: str, password: str) -> str:
    query = """mutation($e: String!, $p: String!) {
      tokenCreate(input: {email: $e, password: $p}) { accessToken } }"""
    status, body = await connection.request(
        post("/graphql", {"query": query, "variables": {"e": email, "p": password}})
    )
    assert status == 200, body[:300]
    return json.loads(body)["data"]["tokenCreate"]["accessToken"]


def payload_errors(kind: str, data: dict) -> list:
    if kind == "cart":
        return data["cartLineSet"]["errors"]
    if kind == "place":
        return data["orderPlace"]["errors"]
    return []


async def buyer(
    connection: Connection,
    token: str,
    variants: list[tuple[str, int]],
    seed: int,
    until: float,
    measure_from: float,
    tally: Tally,
) -> None:
    """One signed-in buyer's loop until `until`; requests that start before `measure_from`
    (the warm-up) are not counted."""
    rng = random.Random(seed)
    page, orders = (
        post("/graphql", {"query": PAGE}, token),
        post("/graphql", {"query": ORDERS}, token),
    )
    place = post(
        "/graphql",
        {
            "query": PLACE,
            "variables": {"i": {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": ADDRESS}}},
        },
        token,
    )
    kinds, weights = list(MIX), list(MIX.values())
    has_lines = False
    while (start := time.perf_counter()) < until:
        kind = rng.choices(kinds, weights)[0]
        if kind == "place" and not has_lines:
            kind = "cart"
        if kind == "cart":
            variant, minimum = rng.choice(variants)
            variables = {"v": variant, "q": minimum * rng.randint(1, 3)}
            raw = post("/graphql", {"query": SET_LINE, "variables": variables}, token)
        else:
            raw = {"page": page, "orders": orders, "place": place}[kind]
        try:
            status, body = await connection.request(raw)
        except (OSError, asyncio.IncompleteReadError) as exc:
            status, body = 0, repr(exc).encode()
        took = time.perf_counter() - start
        answer = json.loads(body) if status == 200 else {}
        problems = answer.get("errors") or (
            payload_errors(kind, answer["data"]) if answer.get("data") else None
        )
        failed = status != 200 or bool(problems)
        if not failed and kind == "place":
            # Counted in the warm-up too: the check afterwards compares with every stored order.
            tally.placed.append(answer["data"]["orderPlace"]["order"]["number"])
        if not failed:
            has_lines = kind == "cart" or (has_lines and kind != "place")
        if start < measure_from:
            continue
        if failed:
            tally.error(kind, f"{status} {problems or body[:200]!r}")
        else:
            tally.latencies.setdefault(kind, []).append(took)
