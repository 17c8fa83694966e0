"""Returns of delivered goods and complaint tickets."""

import asyncio
import contextlib

import httpx
import pytest

from db.inventory import StockLevel, StockMovement
from db.invoices import CreditNote
from db.orders import Order
from dinghuo.app import create_app
from domain.ordering.feed import STAFF_FEED
from tests import factories as f
from tests.conftest import make_settings

REQUEST = """mutation($o: ID!, $q: Int!, $sku: String!) { returnCreate(input: {orderId: $o,
  lines: [{sku: $sku, quantity: $q}], reason: DAMAGED, description: "外箱破损",
  photoUrls: ["https://img.example/1.jpg"]}) {
  returnRequest { id number status lines { sku quantity } } errors { code message } } }"""


@pytest.fixture
async def delivered(db, policy):
    app = create_app(make_settings(order_review_steps=""), manage_db=False)
    published: list[dict] = []

    async def listen():
        async for message in app.state.broker.subscribe(STAFF_FEED):
            published.append(message)

    listener = asyncio.create_task(listen())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        company = await f.company()
        buyer = await f.buyer(policy, company, role="owner")
        variant = await f.variant(await f.product(), base_price=1000)
        warehouse = await f.warehouse("SH")
        await f.stock(variant, warehouse, 10)
        token = await f.login(client, buyer)
        staff = await f.login(client, await f.staff(policy, "admin"))
        placed_order = await f.order_via_api(client, token, variant, 6, "BANK_TRANSFER")
        order_id = placed_order["id"]
        shipped = await f.gql(
            client,
            """mutation($o: ID!, $w: ID!, $s: String!) {
            shipmentCreate(input: {orderId: $o, warehouseId: $w, carrier: "own",
            lines: [{sku: $s, quantity: 4}]}) { shipment { id } errors { code } } }""",
            {"o": order_id, "w": f.gid("Warehouse", warehouse.id), "s": variant.sku},
            token=staff,
        )
        yield {
            "client": client,
            "token": token,
            "staff": staff,
            "order": order_id,
            "variant": variant,
            "warehouse": warehouse,
            "shipment": shipped["data"]["shipmentCreate"]["shipment"]["id"],
            "published": published,
        }
    listener.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await listener


async def receive_shipment(ctx):
    await f.gql(
        ctx["client"],
        "mutation($s: ID!) { shipmentReceive(input: {shipmentId: $s}) { errors { code } } }",
        {"s": ctx["shipment"]},
        token=ctx["token"],
    )


async def request(ctx, quantity: int) -> dict:
    result = await f.gql(
        ctx["client"],
        REQUEST,
        {"o": ctx["order"], "q": quantity, "sku": ctx["variant"].sku},
        token=ctx["token"],
    )
    return result["data"]["returnCreate"]


async def staff_do(ctx, mutation: str, variables: dict) -> dict:
    result = await f.gql(ctx["client"], mutation, variables, token=ctx["staff"])
    return next(iter(result["data"].values()))


async def test_only_delivered_goods_can_be_returned_and_not_more(delivered):
    before = await request(delivered, 1)
    await receive_shipment(delivered)
    too_many = await request(delivered, 5)
    fine = await request(delivered, 4)
    again = await request(delivered, 1)

    assert before["errors"][0]["code"] == "OVER_RETURN"
    assert too_many["errors"][0]["code"] == "OVER_RETURN"
    assert fine["errors"] == [] and fine["returnRequest"]["status"] == "REQUESTED"
    assert again["errors"][0]["code"] == "OVER_RETURN"


async def test_return_restocked_then_refunded_as_a_credit_note(delivered):
    ctx = delivered
    await receive_shipment(ctx)
    ret = (await request(ctx, 3))["returnRequest"]
    level_before = await StockLevel.get(variant=ctx["variant"])

    await staff_do(
        ctx,
        'mutation($id: ID!) { returnApprove(input: {id: $id, instructions: "寄回上海仓"}) '
        "{ errors { code } } }",
        {"id": ret["id"]},
    )
    received = await staff_do(
        ctx,
        """mutation($id: ID!, $w: ID!, $s: String!) {
      returnReceive(input: {id: $id, lines: [{sku: $s, condition: RESTOCK, warehouseId: $w}]}) {
      returnRequest { status lines { condition } } errors { code } } }""",
        {"id": ret["id"], "w": f.gid("Warehouse", ctx["warehouse"].id), "s": ctx["variant"].sku},
    )
    resolved = await staff_do(
        ctx,
        """mutation($id: ID!) { returnResolve(input: {id: $id,
      resolution: REFUND}) { returnRequest { status resolution events { kind } }
      errors { code } } }""",
        {"id": ret["id"]},
    )

    level = await StockLevel.get(variant=ctx["variant"])
    moves = await StockMovement.filter(variant=ctx["variant"]).values_list(
        "on_hand_delta", "reserved_delta"
    )
    assert (level.on_hand, level.reserved) == (sum(m[0] for m in moves), sum(m[1] for m in moves))
    assert received["returnRequest"] == {"status": "RECEIVED", "lines": [{"condition": "RESTOCK"}]}
    assert level.on_hand == level_before.on_hand + 3
    assert resolved["returnRequest"]["status"] == "RESOLVED"
    assert [e["kind"] for e in resolved["returnRequest"]["events"]] == [
        "REQUESTED",
        "APPROVED",
        "RECEIVED",
        "RESOLVED",
    ]
    note = await CreditNote.get()
    assert note.amount == 3000


async def test_a_replacement_is_a_zero_priced_order(delivered):
    ctx = delivered
    await receive_shipment(ctx)
    ret = (await request(ctx, 2))["returnRequest"]
    await staff_do(
        ctx,
        "mutation($id: ID!) { returnApprove(input: {id: $id}) { errors { code } } }",
        {"id": ret["id"]},
    )
    await staff_do(
        ctx,
        """mutation($id: ID!, $s: String!) { returnReceive(input: {id: $id,
      lines: [{sku: $s, condition: SCRAP}]}) { errors { code } } }""",
        {"id": ret["id"], "s": ctx["variant"].sku},
    )
    await staff_do(
        ctx,
        """mutation($id: ID!) { returnResolve(input: {id: $id, resolution: REPLACEMENT})
      { errors { code } } }""",
        {"id": ret["id"]},
    )

    await asyncio.sleep(0.05)  # the in-process broker delivers on the next turns

    replacement = await Order.filter(total=0).first()
    assert replacement is not None and replacement.status == "confirmed"
    assert "replacement" in replacement.note
    # Subscribers hear of the new order as of any order staff place for the company.
    heard = [m["kind"] for m in ctx["published"] if m["orderId"] == replacement.id]
    assert heard == ["placed_on_behalf"]


async def test_rejected_returns_free_the_quantity_again(delivered):
    ctx = delivered
    await receive_shipment(ctx)
    ret = (await request(ctx, 4))["returnRequest"]
    rejected = await staff_do(
        ctx,
        """mutation($id: ID!) { returnReject(input: {id: $id,
      reason: "超过退货期"}) { returnRequest { status } errors { code } } }""",
        {"id": ret["id"]},
    )
    again = await request(ctx, 4)
    assert rejected["returnRequest"] == {"status": "REJECTED"}
    assert again["errors"] == []


TICKET = """mutation($o: ID) { ticketCreate(input: {category: DELIVERY, subject: "到货延迟",
  message: "三天没到", orderId: $o}) { ticket { id number status } errors { code } } }"""
REPLY = """mutation($id: ID!, $m: String!, $i: Boolean!) { ticketReply(input: {id: $id, message: $m,
  internal: $i}) { ticket { status firstResponseAt } errors { code } } }"""
MESSAGES = "{ tickets { edges { node { number status messages { body internal fromStaff } } } } }"


async def test_tickets_threads_internal_notes_and_visibility(delivered, policy):
    ctx = delivered
    client = ctx["client"]
    opened = (await f.gql(client, TICKET, {"o": ctx["order"]}, token=ctx["token"]))["data"][
        "ticketCreate"
    ]["ticket"]
    note = await f.gql(
        client, REPLY, {"id": opened["id"], "m": "司机堵车", "i": True}, token=ctx["staff"]
    )
    answer = await f.gql(
        client, REPLY, {"id": opened["id"], "m": "明天送达", "i": False}, token=ctx["staff"]
    )
    buyer_note = await f.gql(
        client, REPLY, {"id": opened["id"], "m": "x", "i": True}, token=ctx["token"]
    )
    stranger = await f.login(client, await f.buyer(policy, await f.company(), role="owner"))
    seen_by_buyer = await f.gql(client, MESSAGES, token=ctx["token"])
    seen_by_staff = await f.gql(client, MESSAGES, token=ctx["staff"])
    seen_by_stranger = await f.gql(client, MESSAGES, token=stranger)
    stranger_reply = await f.gql(
        client, REPLY, {"id": opened["id"], "m": "hi", "i": False}, token=stranger
    )

    assert opened["status"] == "OPEN"
    assert note["data"]["ticketReply"]["ticket"]["firstResponseAt"] is None
    assert answer["data"]["ticketReply"]["ticket"]["status"] == "IN_PROGRESS"
    assert answer["data"]["ticketReply"]["ticket"]["firstResponseAt"] is not None
    assert buyer_note["data"]["ticketReply"]["errors"] == [{"code": "FORBIDDEN"}]
    [ticket] = f.nodes(seen_by_buyer["data"]["tickets"])
    assert [m["body"] for m in ticket["messages"]] == ["三天没到", "明天送达"]
    assert len(f.nodes(seen_by_staff["data"]["tickets"])[0]["messages"]) == 3
    assert f.nodes(seen_by_stranger["data"]["tickets"]) == []
    assert stranger_reply["data"]["ticketReply"]["errors"] == [{"code": "NOT_FOUND"}]


async def test_tickets_resolve_and_reopen(delivered):
    ctx = delivered
    client = ctx["client"]
    opened = (await f.gql(client, TICKET, {"o": None}, token=ctx["token"]))["data"]["ticketCreate"][
        "ticket"
    ]
    change = """mutation($id: ID!, $a: TicketAction!) {
      ticketStatusChange(input: {id: $id, action: $a}) {
        ticket { status resolvedAt } errors { code } } }"""

    by_buyer = await f.gql(client, change, {"id": opened["id"], "a": "RESOLVE"}, token=ctx["token"])
    resolved = await f.gql(client, change, {"id": opened["id"], "a": "RESOLVE"}, token=ctx["staff"])
    reopened = await f.gql(client, change, {"id": opened["id"], "a": "REOPEN"}, token=ctx["token"])

    assert by_buyer["data"]["ticketStatusChange"]["errors"] == [{"code": "FORBIDDEN"}]
    assert resolved["data"]["ticketStatusChange"]["ticket"]["status"] == "RESOLVED"
    assert reopened["data"]["ticketStatusChange"]["ticket"]["status"] == "OPEN"
