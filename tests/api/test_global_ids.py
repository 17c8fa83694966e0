"""Every object a client names is a Node: node(id:) finds it under the rules of its own query,
and every ID argument refuses another type's id, or a raw number, with INVALID_ID."""

import pytest

from db.accounts import CompanyAddress, Invitation
from db.after_sales import ReturnRequest, Ticket
from db.audit import AuditEntry
from db.fulfilment import Shipment
from db.invoices import CreditNote, Invoice
from db.orders import Order
from db.outbox import OutboxMessage
from db.payments import Payment, Refund
from domain.billing import invoices
from domain.shared import clock
from tests import factories as f
from tests.api.test_after_sales import delivered, receive_shipment, request  # noqa: F401

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"

# Types a buyer of the owning company may read; the others are staff-only.
COMPANY_TYPES = (
    "Invoice",
    "CreditNote",
    "Payment",
    "Refund",
    "Shipment",
    "ReturnRequest",
    "Ticket",
    "CompanyAddress",
)
STAFF_TYPES = ("Warehouse", "PriceList", "AuditEntry", "OutboxMessage")


async def run(ctx, query: str, variables: dict, token: str | None) -> dict:
    return await f.gql(ctx["client"], query, variables, token=token)


@pytest.fixture
async def everything(delivered):  # noqa: F811
    """One object of each type, all belonging to the delivered order's company."""
    ctx = delivered
    staff, buyer = ctx["staff"], ctx["token"]
    await receive_shipment(ctx)
    await request(ctx, 1)
    await run(
        ctx,
        'mutation($o: ID!) { ticketCreate(input: {category: DELIVERY, subject: "晚到",'
        ' message: "..", orderId: $o}) { errors { code } } }',
        {"o": ctx["order"]},
        buyer,
    )
    paid = await run(
        ctx,
        """mutation($o: ID!) { paymentRecord(input: {orderId: $o, amount: "10.00",
        receivedOn: "2026-01-05", reference: "B1"}) { payment { id } errors { code } } }""",
        {"o": ctx["order"]},
        staff,
    )
    payment_id = paid["data"]["paymentRecord"]["payment"]["id"]
    await run(
        ctx,
        """mutation($p: ID!) { paymentRefund(input: {paymentId: $p, amount: "1.00", reason: "差价"})
        { errors { code } } }""",
        {"p": payment_id},
        staff,
    )
    await run(
        ctx,
        """mutation { companyAddressCreate(input: {label: "仓", recipient: "王",
        phone: "13800000000", region: "上海", line: "路 1 号", postalCode: "200000"})
        { errors { code } } }""",
        {},
        buyer,
    )
    await run(
        ctx,
        """mutation { invitationCreate(input: {email: "new@example.com", role: PURCHASER})
        { errors { code } } }""",
        {},
        buyer,
    )
    price_list = await f.price_list(tier="gold")
    if await Invoice.first() is None:  # issued on confirmation; this order skipped review
        await invoices.issue(await Order.get(), clock.today())
    rows = {
        "Invoice": await Invoice.first(),
        "CreditNote": await CreditNote.first(),
        "Payment": await Payment.first(),
        "Refund": await Refund.first(),
        "Shipment": await Shipment.first(),
        "ReturnRequest": await ReturnRequest.first(),
        "Ticket": await Ticket.first(),
        "CompanyAddress": await CompanyAddress.first(),
        "Invitation": await Invitation.first(),
        "Warehouse": ctx["warehouse"],
        "PriceList": price_list,
        "AuditEntry": await AuditEntry.first(),
        "OutboxMessage": await OutboxMessage.first(),
    }
    missing = [name for name, row in rows.items() if row is None]
    assert missing == []
    ctx["ids"] = {name: f.gid(name, row.id) for name, row in rows.items()}
    return ctx


async def test_node_round_trips_every_type_for_staff(everything):
    ids = everything["ids"]
    for name in COMPANY_TYPES + STAFF_TYPES:
        result = await run(everything, NODE, {"id": ids[name]}, everything["staff"])
        assert result["data"]["node"] == {"__typename": name, "id": ids[name]}, name


async def test_a_buyer_reads_their_company_objects_and_no_staff_ones(everything):
    ids = everything["ids"]
    for name in (*COMPANY_TYPES, "Invitation"):
        result = await run(everything, NODE, {"id": ids[name]}, everything["token"])
        assert result["data"]["node"] == {"__typename": name, "id": ids[name]}, name
    for name in STAFF_TYPES:
        result = await run(everything, NODE, {"id": ids[name]}, everything["token"])
        assert result["data"]["node"] is None, name


async def test_another_company_and_anonymous_callers_get_nothing(everything, policy):
    other = await f.buyer(policy, await f.company(), role="owner")
    stranger = await f.login(everything["client"], other)
    for name, gid in everything["ids"].items():
        for token in (stranger, None):
            result = await run(everything, NODE, {"id": gid}, token)
            assert "errors" not in result, (name, result)
            assert result["data"]["node"] is None, name


async def test_an_id_argument_refuses_another_types_id_and_a_raw_number(everything):
    ids = everything["ids"]
    approve = "mutation($id: ID!) { returnApprove(input: {id: $id}) { errors { code field } } }"
    for wrong in (everything["order"], str(1), ids["Ticket"]):
        result = await run(everything, approve, {"id": wrong}, everything["staff"])
        [error] = result["errors"]
        assert error["extensions"]["code"] == "INVALID_ID"
        assert error["extensions"]["field"] == "id"
    ship = """mutation($o: ID!, $w: ID!) { shipmentCreate(input: {orderId: $o, warehouseId: $w,
      carrier: "own", lines: []}) { errors { code field } } }"""
    result = await run(everything, ship, {"o": everything["order"], "w": "7"}, everything["staff"])
    payload = result.get("data", {}) and result["data"]["shipmentCreate"]
    codes = (
        [(e["extensions"]["code"], [e["extensions"]["field"]]) for e in result["errors"]]
        if "errors" in result
        else [(e["code"], e["field"]) for e in payload["errors"]]
    )
    assert codes == [("INVALID_ID", ["warehouseId"])]


async def test_links_lead_from_documents_back_to_their_order(everything):
    ids = everything["ids"]
    query = """query($i: ID!, $p: ID!, $s: ID!, $r: ID!, $t: ID!) {
      i: node(id: $i) { ... on Invoice { order { id } company { id } } }
      p: node(id: $p) { ... on Payment { order { id } } }
      s: node(id: $s) { ... on Shipment { order { id } } }
      r: node(id: $r) { ... on ReturnRequest { order { id } } }
      t: node(id: $t) { ... on Ticket { order { id } shipment { id } } } }"""
    variables = {
        k: ids[name]
        for k, name in zip(
            "psrti", ("Payment", "Shipment", "ReturnRequest", "Ticket", "Invoice"), strict=True
        )
    }
    data = (await run(everything, query, variables, everything["token"]))["data"]
    order = {"id": everything["order"]}
    assert data["i"]["order"] == order and data["i"]["company"]["id"].startswith("Q29t")
    assert data["p"]["order"] == order and data["s"]["order"] == order
    assert data["r"]["order"] == order
    assert data["t"] == {"order": order, "shipment": None}


async def test_order_by_exact_number_for_its_company_only(everything, policy):
    number = (
        await run(
            everything,
            "query($id: ID!) { node(id: $id) { ... on Order { number } } }",
            {"id": everything["order"]},
            everything["token"],
        )
    )["data"]["node"]["number"]
    query = "query($n: String!) { order(number: $n) { id } }"
    mine = await run(everything, query, {"n": number}, everything["token"])
    partial = await run(everything, query, {"n": number[:-1]}, everything["token"])
    other = await f.login(
        everything["client"], await f.buyer(policy, await f.company(), role="owner")
    )
    theirs = await run(everything, query, {"n": number}, other)

    assert mine["data"]["order"] == {"id": everything["order"]}
    assert partial["data"]["order"] is None
    assert theirs["data"]["order"] is None
