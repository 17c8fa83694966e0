"""Document links an SPA can put in an `<a href>`: absolute, signed for one document and one
user, short-lived."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from domain.shared import clock
from tests import factories as f
from tests.conftest import make_settings

REVIEW = "mutation($id: ID!) { orderReviewPass(input: {id: $id}) { errors { code } } }"
INVOICE = """query($id: ID!) { node(id: $id) { ... on Order { invoice { number pdfUrl } } } }"""
STATEMENT = """query($c: ID) { statement(start: "2026-06-01", end: "2026-06-15", companyId: $c) {
  pdfUrl } }"""

pytestmark = pytest.mark.usefixtures("pinned_clock")


@pytest.fixture
def settings():
    return make_settings(document_link_ttl_seconds=300)


async def _confirmed_order(client, policy, company=None) -> tuple[str, str]:
    """An order with an invoice, and its buyer's token."""
    buyer = await f.buyer(policy, company or await f.company())
    variant = await f.variant(await f.product(), base_price=3600)
    await f.stock(variant, await f.warehouse(), 100)
    token = await f.login(client, buyer)
    order = await f.order_via_api(client, token, variant, 5, "BANK_TRANSFER")
    admin = await f.login(client, await f.staff(policy, "admin"))
    for _ in range(3):
        await f.gql(client, REVIEW, {"id": order["id"]}, token=admin)
    return order["id"], token


async def _invoice(client, order_id: str, token: str) -> dict:
    result = await f.gql(client, INVOICE, {"id": order_id}, token=token)
    return result["data"]["node"]["invoice"]


def _code(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


async def test_the_invoice_link_is_absolute_and_works_without_a_header(client, policy):
    order_id, token = await _confirmed_order(client, policy)
    invoice = await _invoice(client, order_id, token)

    response = await client.get(invoice["pdfUrl"])  # no Authorization header

    assert invoice["pdfUrl"].startswith(f"http://test/documents/invoices/{invoice['number']}.pdf?")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"


async def test_a_link_is_refused_once_it_has_expired(client, policy, pinned_clock):
    order_id, token = await _confirmed_order(client, policy)
    url = (await _invoice(client, order_id, token))["pdfUrl"]

    with clock.frozen(pinned_clock + timedelta(seconds=299)):
        in_time = await client.get(url)
    with clock.frozen(pinned_clock + timedelta(seconds=301)):
        late = await client.get(url)

    assert in_time.status_code == 200
    assert (late.status_code, _code(late)) == (403, "LINK_EXPIRED")


async def test_a_signature_does_not_open_another_document(client, policy):
    order_id, token = await _confirmed_order(client, policy)
    other_id, other_token = await _confirmed_order(client, policy)
    mine = await _invoice(client, order_id, token)
    theirs = await _invoice(client, other_id, other_token)

    swapped = mine["pdfUrl"].replace(mine["number"], theirs["number"])
    response = await client.get(swapped)

    assert mine["number"] != theirs["number"]
    assert (response.status_code, _code(response)) == (403, "LINK_INVALID")


async def test_a_statement_signature_does_not_open_another_companys(client, policy):
    order_id, token = await _confirmed_order(client, policy)
    other = await f.company()
    url = (await f.gql(client, STATEMENT, {}, token=token))["data"]["statement"]["pdfUrl"]
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query["company"] = f.gid("Company", other.id)

    own = await client.get(url)
    forged = await client.get(f"{parts.path}?{urlencode(query)}")

    assert own.status_code == 200
    assert (forged.status_code, _code(forged)) == (403, "LINK_INVALID")


async def test_a_password_change_ends_the_users_links(client, policy):
    from db.accounts import User

    order_id, token = await _confirmed_order(client, policy)
    url = (await _invoice(client, order_id, token))["pdfUrl"]
    user_id = int(dict(parse_qsl(urlsplit(url).query))["u"])
    await User.filter(id=user_id).update(token_version=1)

    response = await client.get(url)

    assert (response.status_code, _code(response)) == (403, "LINK_INVALID")


async def test_links_use_the_configured_public_origin(db, policy):
    import httpx

    from dinghuo.app import create_app

    app = create_app(make_settings(public_origin="https://api.example.com/"), manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        order_id, token = await _confirmed_order(client, policy)
        url = (await _invoice(client, order_id, token))["pdfUrl"]

    assert url.startswith("https://api.example.com/documents/invoices/")
