"""Invoices at confirmation, numbered per year; PDFs for the company and staff only;
statements whose PDF shows the same figures; receivables aging."""

import asyncio
import io
from datetime import date, timedelta

import httpx
import pytest
from pypdf import PdfReader

from db.invoices import Invoice
from db.orders import Order
from dinghuo.app import create_app
from domain.ordering import states as order_states
from domain.ordering.policy import OrderingPolicy
from domain.shared import clock
from tests import factories as f
from tests.conftest import make_settings

ADDRESS = {"recipient": "王", "phone": "1", "region": "上海", "line": "路 1 号"}
REVIEW = "mutation($id: ID!) { orderReviewPass(input: {id: $id}) { errors { code } } }"
RECORD = """mutation($o: ID!, $a: Decimal!) { paymentRecord(input: {orderId: $o, amount: $a,
  receivedOn: "2026-06-15", reference: "T"}) { errors { code } } }"""

# The payments above are received on the pinned business day.
pytestmark = pytest.mark.usefixtures("pinned_clock")


def pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
async def confirmed(client, db, policy):
    company = await f.company(name="鲜达食品", payment_terms_days=30)
    buyer = await f.buyer(policy, company, role="owner")
    product = await f.product(names={"zh-Hans": "农夫山泉饮用天然水", "en": "Nongfu Spring"})
    variant = await f.variant(product, base_price=3600)
    await f.stock(variant, await f.warehouse("SH"), 100)
    token = await f.login(client, buyer)
    placed_order = await f.order_via_api(client, token, variant, 5, "BANK_TRANSFER")
    order_id = placed_order["id"]
    admin = await f.login(client, await f.staff(policy, "admin"))
    for _ in range(3):
        await f.gql(client, REVIEW, {"id": order_id}, token=admin)
    return {"order": order_id, "token": token, "admin": admin, "company": company}


async def test_confirmation_issues_an_invoice_due_after_the_terms(client, confirmed):
    seen = await f.gql(
        client,
        """query($id: ID!) { node(id: $id) { ... on Order { status
      invoice { number status issuedOn dueOn amount { amount } } } } }""",
        {"id": confirmed["order"]},
        token=confirmed["token"],
    )
    paid = await f.gql(
        client, RECORD, {"o": confirmed["order"], "a": "180.00"}, token=confirmed["admin"]
    )
    invoice = await Invoice.get()

    node = seen["data"]["node"]
    assert node["status"] == "CONFIRMED"
    year = clock.today().year
    assert node["invoice"]["number"] == f"INV-{year}-000001"
    assert node["invoice"]["status"] == "OPEN"
    assert node["invoice"]["amount"] == {"amount": "180.00"}
    issued = date.fromisoformat(node["invoice"]["issuedOn"])
    assert date.fromisoformat(node["invoice"]["dueOn"]) == issued + timedelta(days=30)
    assert paid["data"]["paymentRecord"]["errors"] == []
    assert invoice.status == "paid"


async def test_invoice_pdf_has_the_chinese_name_and_only_its_company_gets_it(
    client, confirmed, policy
):
    invoice = await Invoice.get()
    url = f"/documents/invoices/{invoice.number}.pdf"
    stranger = await f.login(client, await f.buyer(policy, await f.company()))

    own = await client.get(url, headers={"authorization": f"Bearer {confirmed['token']}"})
    staff = await client.get(url, headers={"authorization": f"Bearer {confirmed['admin']}"})
    other = await client.get(url, headers={"authorization": f"Bearer {stranger}"})
    anonymous = await client.get(url)

    assert own.status_code == 200 and own.headers["content-type"] == "application/pdf"
    text = pdf_text(own.content)
    assert "农夫山泉饮用天然水" in text and "Nongfu Spring" in text
    assert invoice.number in text
    assert staff.status_code == 200
    assert (other.status_code, anonymous.status_code) == (404, 401)


async def test_statement_query_and_pdf_show_the_same_figures(client, confirmed):
    await f.gql(client, RECORD, {"o": confirmed["order"], "a": "50.00"}, token=confirmed["admin"])
    today = clock.today()
    query = """query($s: Date!, $e: Date!) { statement(start: $s, end: $e) {
      openingBalance { amount } closingBalance { amount } pdfUrl
      entries { kind reference debit { amount } credit { amount } balance { amount } } } }"""

    result = await f.gql(
        client,
        query,
        {"s": str(today - timedelta(days=30)), "e": str(today)},
        token=confirmed["token"],
    )
    statement = result["data"]["statement"]
    pdf = await client.get(
        statement["pdfUrl"], headers={"authorization": f"Bearer {confirmed['token']}"}
    )

    assert statement["openingBalance"] == {"amount": "0.00"}
    assert [(e["kind"], e["balance"]["amount"]) for e in statement["entries"]] == [
        ("INVOICE", "180.00"),
        ("PAYMENT", "130.00"),
    ]
    assert statement["closingBalance"] == {"amount": "130.00"}
    balance = await f.gql(
        client, "{ me { company { balance { amount } } } }", token=confirmed["token"]
    )
    assert balance["data"]["me"]["company"]["balance"] == statement["closingBalance"]
    text = pdf_text(pdf.content)
    assert "130.00" in text and "180.00" in text and "鲜达食品" in text


async def test_aging_puts_unpaid_invoices_in_buckets(client, confirmed):
    invoice = await Invoice.get()
    await Invoice.filter(id=invoice.id).update(due_on=clock.today() - timedelta(days=45))

    result = await f.gql(
        client,
        """{ receivablesAging { companyName current { amount }
      days31To60 { amount } total { amount } } }""",
        token=confirmed["admin"],
    )
    refused = await f.gql(
        client, "{ receivablesAging { total { amount } } }", token=confirmed["token"]
    )

    assert result["data"]["receivablesAging"] == [
        {
            "companyName": "鲜达食品",
            "current": {"amount": "0.00"},
            "days31To60": {"amount": "180.00"},
            "total": {"amount": "180.00"},
        }
    ]
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_invoice_numbers_have_no_gaps_under_concurrent_confirmations(db, policy):
    company = await f.company(payment_terms_days=15)
    buyer = await f.buyer(policy, company)
    orders = [
        await Order.create(
            number=f"SO-T-{n}",
            company=company,
            placed_by=buyer,
            status="pending_review",
            review_step="order",
            payment_method="bank_transfer",
            shipping_address=ADDRESS,
            currency="CNY",
            subtotal=1000,
            total=1000,
        )
        for n in range(30)
    ]

    one_step = OrderingPolicy(review_steps=("order",))
    await asyncio.gather(
        *(order_states.apply(o, "pass_review", None, policy=one_step) for o in orders)
    )

    numbers = sorted(await Invoice.all().values_list("number", flat=True))
    year = clock.today().year
    assert numbers == [f"INV-{year}-{n:06d}" for n in range(1, 31)]


async def test_a_refund_writes_a_credit_note_into_the_ledger(client, confirmed):
    from db.invoices import CreditNote
    from db.payments import Payment

    await f.gql(client, RECORD, {"o": confirmed["order"], "a": "180.00"}, token=confirmed["admin"])
    payment = await Payment.get()
    refund = await f.gql(
        client,
        """mutation($p: ID!) { paymentRefund(input: {paymentId: $p, amount: "30.00",
          reason: "破损"}) {
          errors { code } } }""",
        {"p": f.gid("Payment", payment.id)},
        token=confirmed["admin"],
    )
    history = await f.gql(
        client,
        "{ companyTransactions { edges { node { kind reference amount { amount currency } } } } }",
        token=confirmed["token"],
    )
    balance = await f.gql(
        client, "{ me { company { balance { amount } } } }", token=confirmed["token"]
    )

    note = await CreditNote.get()
    assert refund["data"]["paymentRefund"]["errors"] == []
    assert note.number == f"CN-{clock.today().year}-000001" and note.amount == 3000
    rows = f.nodes(history["data"]["companyTransactions"])
    kinds = [t["kind"] for t in rows]
    assert sorted(kinds) == ["CREDIT_NOTE", "INVOICE", "ORDER", "PAYMENT", "REFUND"]
    note_row = next(t for t in rows if t["kind"] == "CREDIT_NOTE")
    assert note_row["amount"] == {"amount": "30.00", "currency": "CNY"}
    # 180 invoiced − 180 paid − 30 credit note + 30 paid back = 0
    assert balance["data"]["me"]["company"]["balance"] == {"amount": "0.00"}


async def test_an_order_confirmed_when_placed_is_invoiced(db, policy):
    app = create_app(make_settings(order_review_steps=""), manage_db=False)
    company = await f.company(payment_terms_days=30)
    buyer = await f.buyer(policy, company, role="owner")
    variant = await f.variant(await f.product(), base_price=3600)
    await f.stock(variant, await f.warehouse("SH"), 10)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        token = await f.login(client, buyer)
        placed = await f.order_via_api(client, token, variant, 2, "BANK_TRANSFER")

    invoice = await Invoice.get_or_none(order__number=placed["number"])
    assert placed["status"] == "CONFIRMED"
    assert invoice is not None and invoice.amount == 7200
