"""A return refunded as a credit note lowers what the order owes, and is audited."""

from db.audit import AuditEntry
from tests import factories as f
from tests.api.test_after_sales import delivered, receive_shipment, request, staff_do

__all__ = ["delivered"]  # the fixture, shared with the after-sales tests

DUE = """query($id: ID!) { node(id: $id) { ... on Order { amountDue { amount } } } }"""


async def test_a_credit_note_from_a_return_lowers_the_amount_due(delivered):
    ctx = delivered
    await receive_shipment(ctx)
    ret = (await request(ctx, 3))["returnRequest"]["id"]
    await staff_do(
        ctx,
        "mutation($id: ID!) { returnApprove(input: {id: $id}) { errors { code } } }",
        {"id": ret},
    )
    await staff_do(
        ctx,
        """mutation($id: ID!, $s: String!) { returnReceive(input: {id: $id,
        lines: [{sku: $s, condition: SCRAP}]}) { errors { code } } }""",
        {"id": ret, "s": ctx["variant"].sku},
    )
    before = await f.gql(ctx["client"], DUE, {"id": ctx["order"]}, token=ctx["token"])

    resolved = await staff_do(
        ctx,
        """mutation($id: ID!) { returnResolve(input: {id: $id, resolution: REFUND}) {
        errors { code } } }""",
        {"id": ret},
    )

    after = await f.gql(ctx["client"], DUE, {"id": ctx["order"]}, token=ctx["token"])
    assert resolved["errors"] == []
    assert before["data"]["node"]["amountDue"] == {"amount": "60.00"}
    assert after["data"]["node"]["amountDue"] == {"amount": "30.00"}
    entry = await AuditEntry.get(action="credit_note.issue")
    assert entry.after["amount"] == 3000 and entry.actor_id is not None
