"""Each action is refused or allowed as the permission table says, whatever the route to it."""

import httpx
import pytest

from db.outbox import OutboxMessage
from dinghuo.app import create_app
from tests import factories as f
from tests.conftest import make_settings

RESOLVE = """mutation($id: ID!, $r: ReturnResolution!) {
  returnResolve(input: {id: $id, resolution: $r}) { errors { code } } }"""
RECEIVE = """mutation($id: ID!) { shipmentReceive(input: {shipmentId: $id}) { errors { code } } }"""
INTENT = (
    """mutation($o: ID!) { orderPaymentIntentCreate(input: {orderId: $o}) { errors { code } } }"""
)
INVITE = """mutation($e: String!) { invitationCreate(input: {email: $e, role: VIEWER}) {
  errors { code } } }"""
APPROVAL = """mutation { companyOrderApprovalSet(input: {approvalForPurchasers: true,
  approvalThreshold: "100.00"}) { errors { code } } }"""
NODE = """query($id: ID!) { node(id: $id) { id } }"""


def code(result: dict) -> str | None:
    if result.get("errors"):
        return result["errors"][0]["extensions"]["code"]
    [payload] = result["data"].values()
    return payload["errors"][0]["code"] if payload["errors"] else None


@pytest.mark.parametrize(
    ("role", "refused"),
    [("warehouse", True), ("sales", True), ("finance", False), ("admin", False)],
)
async def test_only_finance_and_admins_resolve_a_return_with_a_refund(
    client, policy, role, refused
):
    token = await f.login(client, await f.staff(policy, role))
    result = await f.gql(client, RESOLVE, {"id": "999", "r": "REFUND"}, token=token)
    # Those allowed get past the permission check and learn there is no such return.
    assert (code(result) == "FORBIDDEN") is refused


async def test_warehouse_may_still_resolve_a_return_with_a_replacement(client, policy):
    token = await f.login(client, await f.staff(policy, "warehouse"))
    result = await f.gql(client, RESOLVE, {"id": "999", "r": "REPLACEMENT"}, token=token)
    assert code(result) != "FORBIDDEN"


@pytest.mark.parametrize(
    ("role", "refused"), [("viewer", True), ("approver", True), ("purchaser", False)]
)
async def test_only_purchasers_and_owners_sign_for_a_shipment(client, policy, role, refused):
    token = await f.login(client, await f.buyer(policy, await f.company(), role=role))
    result = await f.gql(client, RECEIVE, {"id": "999"}, token=token)
    assert (code(result) == "FORBIDDEN") is refused


async def test_a_purchaser_may_not_pay_for_the_owners_order(client, policy):
    company = await f.company()
    owner = await f.buyer(policy, company)
    purchaser = await f.buyer(policy, company, role="purchaser")
    variant = await f.variant(await f.product())
    await f.stock(variant, await f.warehouse(), 5)
    order = await f.order_via_api(client, await f.login(client, owner), variant, 1, "CARD")

    by_purchaser = await f.gql(
        client, INTENT, {"o": order["id"]}, token=await f.login(client, purchaser)
    )
    by_owner = await f.gql(client, INTENT, {"o": order["id"]}, token=await f.login(client, owner))

    assert code(by_purchaser) == "FORBIDDEN"
    # The owner gets past the permission: no Stripe key is configured in this test.
    assert code(by_owner) == "CARD_PAYMENTS_UNAVAILABLE"


async def test_a_suspended_companys_owner_can_neither_invite_nor_change_approval(client, policy):
    company = await f.company(status="suspended")
    token = await f.login(client, await f.buyer(policy, company))

    invite = await f.gql(client, INVITE, {"e": "new@example.com"}, token=token)
    approval = await f.gql(client, APPROVAL, token=token)

    assert code(invite) == "COMPANY_NOT_ACTIVE"
    assert code(approval) == "COMPANY_NOT_ACTIVE"
    assert await OutboxMessage.all().count() == 0
    await company.refresh_from_db()
    assert company.approval_threshold is None


async def test_a_closed_catalog_hides_products_variants_and_categories_by_id(db, policy):
    from db.catalog import Category

    category = await Category.create(slug="drinks")
    product = await f.product(category=category)
    variant = await f.variant(product)
    buyer = await f.buyer(policy, await f.company())
    ids = [
        f.gid("Product", product.id),
        f.gid("Variant", variant.id),
        f.gid("Category", category.id),
    ]
    app = create_app(make_settings(catalog_requires_login=True), manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        anonymous = [(await f.gql(client, NODE, {"id": i}))["data"]["node"] for i in ids]
        token = await f.login(client, buyer)
        signed_in = [
            (await f.gql(client, NODE, {"id": i}, token=token))["data"]["node"] for i in ids
        ]

    assert anonymous == [None, None, None]
    assert signed_in == [{"id": i} for i in ids]
