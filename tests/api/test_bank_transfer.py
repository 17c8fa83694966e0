"""对公转账: the order shows where to pay; finance records what arrived."""

import pytest

from db.audit import AuditEntry
from tests import factories as f

# Transfers are received on the pinned business day.
pytestmark = pytest.mark.usefixtures("pinned_clock")

RECORD = """mutation($o: ID!, $a: Decimal!) { paymentRecord(input: {orderId: $o, amount: $a,
  receivedOn: "2026-06-15", reference: "工行流水 8812"}) {
  payment { method status amount { amount } } errors { code message } } }"""
ORDER = """query($id: ID!) { node(id: $id) { ... on Order { number paymentStatus
  amountDue { amount } bankTransfer { accountNumber reference } } } }"""


@pytest.fixture
async def order(client, db, policy):
    return await place_order(client, policy)


async def place_order(client, policy) -> dict:
    company = await f.company()
    buyer = await f.buyer(policy, company, role="purchaser")
    variant = await f.variant(await f.product(), base_price=5000)
    await f.stock(variant, await f.warehouse("SH"), 10)
    token = await f.login(client, buyer)
    placed_order = await f.order_via_api(client, token, variant, 2, "BANK_TRANSFER")
    return {"id": placed_order["id"], "token": token}


async def test_partial_then_full_transfer_and_overpayment_refused(client, order, policy):
    finance = await f.login(client, await f.staff(policy, "finance"))

    part = await f.gql(client, RECORD, {"o": order["id"], "a": "40.00"}, token=finance)
    after_part = await f.gql(client, ORDER, {"id": order["id"]}, token=order["token"])
    too_much = await f.gql(
        client, RECORD, {"o": order["id"], "a": "60.01"}, token=finance, language="en"
    )
    rest = await f.gql(client, RECORD, {"o": order["id"], "a": "60.00"}, token=finance)
    paid = await f.gql(client, ORDER, {"id": order["id"]}, token=order["token"])

    assert part["data"]["paymentRecord"]["payment"] == {
        "method": "BANK_TRANSFER",
        "status": "SUCCEEDED",
        "amount": {"amount": "40.00"},
    }
    assert after_part["data"]["node"]["paymentStatus"] == "PARTIALLY_PAID"
    assert after_part["data"]["node"]["amountDue"] == {"amount": "60.00"}
    [error] = too_much["data"]["paymentRecord"]["errors"]
    assert error["code"] == "OVERPAYMENT" and "60.00" in error["message"]
    assert rest["data"]["paymentRecord"]["errors"] == []
    assert paid["data"]["node"]["paymentStatus"] == "PAID"
    assert await AuditEntry.filter(action="payment.record").count() == 2


async def test_only_finance_and_admins_record_payments(client, order, policy):
    for token in (order["token"], await f.login(client, await f.staff(policy, "sales"))):
        result = await f.gql(client, RECORD, {"o": order["id"], "a": "1.00"}, token=token)
        assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_the_order_shows_where_to_transfer(db, policy):
    import httpx

    from dinghuo.app import create_app
    from tests.conftest import make_settings

    app = create_app(
        make_settings(
            bank_name="工商银行上海分行",
            bank_account_name="订货贸易",
            bank_account_number="1001 2002 3003",
        ),
        manage_db=False,
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        placed = await place_order(client, policy)
        seen = await f.gql(client, ORDER, {"id": placed["id"]}, token=placed["token"])
    node = seen["data"]["node"]
    assert node["bankTransfer"] == {"accountNumber": "1001 2002 3003", "reference": node["number"]}
