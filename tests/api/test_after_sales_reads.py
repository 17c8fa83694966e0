"""Lists of shipments, returns and tickets cost the same SQL statements for one item or three."""

import logging

from tests import factories as f
from tests.api import test_after_sales
from tests.api.test_after_sales import REPLY, REQUEST, TICKET, receive_shipment

delivered = test_after_sales.delivered  # the same fixture: 4 of 6 shipped, not yet received

SHIPMENTS = """query($id: ID!) { node(id: $id) { ... on Order {
  shipments { number lines { sku quantity } tracking { description } } } } }"""
# The links back to the order (and shipment) go through loaders too.
RETURNS = """{ returns { totalCount edges { node { number lines { sku quantity condition }
  events { kind } order { number } } } } }"""
TICKETS = """{ tickets { edges { node { number messages { body internal }
  order { number invoice { order { number } company { name } } } shipment { number } } } } }"""


async def statements(ctx, caplog, query: str, variables: dict | None = None) -> tuple[dict, int]:
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()
    result = await f.gql(ctx["client"], query, variables, token=ctx["token"])
    [count] = f.sql_statements(caplog)
    return result["data"], count


async def ship_one(ctx) -> None:
    result = await f.gql(
        ctx["client"],
        """mutation($o: ID!, $w: ID!, $s: String!) {
        shipmentCreate(input: {orderId: $o, warehouseId: $w, carrier: "own",
        lines: [{sku: $s, quantity: 1}]}) { errors { code } } }""",
        {"o": ctx["order"], "w": f.gid("Warehouse", ctx["warehouse"].id), "s": ctx["variant"].sku},
        token=ctx["staff"],
    )
    assert result["data"]["shipmentCreate"]["errors"] == []


async def request_return(ctx) -> None:
    variables = {"o": ctx["order"], "q": 1, "sku": ctx["variant"].sku}
    result = await f.gql(ctx["client"], REQUEST, variables, token=ctx["token"])
    assert result["data"]["returnCreate"]["errors"] == []


async def open_ticket(ctx) -> None:
    result = await f.gql(ctx["client"], TICKET, {"o": ctx["order"]}, token=ctx["token"])
    ticket = result["data"]["ticketCreate"]["ticket"]
    for body, internal in (("司机堵车", True), ("明天到", False)):
        variables = {"id": ticket["id"], "m": body, "i": internal}
        await f.gql(ctx["client"], REPLY, variables, token=ctx["staff"])


async def test_an_orders_shipments_cost_the_same_for_one_or_three(delivered, caplog):
    order = {"id": delivered["order"]}
    one, few = await statements(delivered, caplog, SHIPMENTS, order)
    await ship_one(delivered)
    await ship_one(delivered)
    three, many = await statements(delivered, caplog, SHIPMENTS, order)

    assert len(one["node"]["shipments"]) == 1 and len(three["node"]["shipments"]) == 3
    assert [s["lines"] for s in three["node"]["shipments"]] == [
        [{"sku": delivered["variant"].sku, "quantity": q}] for q in (4, 1, 1)
    ]
    assert few == many


async def test_a_list_of_returns_costs_the_same_for_one_or_three(delivered, caplog):
    await receive_shipment(delivered)
    await request_return(delivered)
    one, few = await statements(delivered, caplog, RETURNS)
    await request_return(delivered)
    await request_return(delivered)
    three, many = await statements(delivered, caplog, RETURNS)

    assert len(f.nodes(one["returns"])) == 1 and len(f.nodes(three["returns"])) == 3
    assert f.nodes(three["returns"])[0]["lines"] == [
        {"sku": delivered["variant"].sku, "quantity": 1, "condition": None}
    ]
    assert f.nodes(three["returns"])[0]["events"] == [{"kind": "REQUESTED"}]
    assert one["returns"]["totalCount"] == 1 and three["returns"]["totalCount"] == 3
    assert len({r["order"]["number"] for r in f.nodes(three["returns"])}) == 1
    assert few == many


async def test_a_list_of_tickets_costs_the_same_for_one_or_three(delivered, caplog):
    await open_ticket(delivered)
    one, few = await statements(delivered, caplog, TICKETS)
    await open_ticket(delivered)
    await open_ticket(delivered)
    three, many = await statements(delivered, caplog, TICKETS)

    assert len(f.nodes(one["tickets"])) == 1 and len(f.nodes(three["tickets"])) == 3
    # The buyer never receives the staff note.
    assert f.nodes(three["tickets"])[0]["messages"] == [
        {"body": "三天没到", "internal": False},
        {"body": "明天到", "internal": False},
    ]
    assert few == many
