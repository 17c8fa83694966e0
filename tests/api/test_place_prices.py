"""orderPlace reads the cart's price lists from the API's memory under the pricing version
read with the sign-in: a change to the lists is charged from the next request on."""

from decimal import Decimal

from domain.accounts.permissions import Principal
from domain.pricing import price_lists
from domain.pricing.price_lists import Break
from tests import factories as f

PLACE = """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) {
  order { subtotal { amount } } errors { code } } }"""
ORDER = {"i": {"paymentMethod": "BANK_TRANSFER", "shipTo": {"address": f.ADDRESS}}}


async def shop(policy, client):
    """A buyer with two of a 10.00 variant in the cart, and an admin to change its price."""
    company = await f.company()
    buyer = await f.buyer(policy, company, role="owner")
    token = await f.login(client, buyer)
    admin = await f.staff(policy, "admin")
    staff = Principal(admin.id, admin.email, "staff", staff_role=admin.staff_role)
    variant = await f.variant(await f.product(), base_price=1000, order_multiple=1)
    await f.stock(variant, await f.warehouse(), 100)
    await f.gql(client, f.SET_LINE, {"v": f.gid("Variant", variant.id), "q": 2}, token=token)
    return company, token, staff, variant


async def test_an_order_placed_after_a_price_change_takes_the_new_price(client, policy):
    company, token, staff, variant = await shop(policy, client)
    line = {"v": f.gid("Variant", variant.id), "q": 2}

    first = await f.gql(client, PLACE, ORDER, token=token)
    contract = await price_lists.create(staff, "合同价", company_id=company.id)
    await price_lists.set_breaks(staff, contract.id, variant.id, [Break(1, Decimal("8.00"))])
    await f.gql(client, f.SET_LINE, line, token=token)
    second = await f.gql(client, PLACE, ORDER, token=token)

    assert first["data"]["orderPlace"] == {"order": {"subtotal": {"amount": "20.00"}},
                                           "errors": []}  # fmt: skip
    assert second["data"]["orderPlace"] == {"order": {"subtotal": {"amount": "16.00"}},
                                            "errors": []}  # fmt: skip


async def test_staff_placing_for_a_company_see_it_suspended_earlier_in_the_same_document(
    client, policy
):
    company = await f.company()
    variant = await f.variant(await f.product(), base_price=1000, order_multiple=1)
    await f.stock(variant, await f.warehouse(), 100)
    token = await f.login(client, await f.staff(policy, "admin"))
    cid = f.gid("Company", company.id)
    order = {"companyId": cid, "paymentMethod": "BANK_TRANSFER", "shipTo": {"address": f.ADDRESS},
             "lines": [{"sku": variant.sku, "quantity": 1}]}  # fmt: skip
    document = """mutation($i: OrderPlaceForCompanyInput!, $c: ID!) {
      first: orderPlaceForCompany(input: $i) { order { company { name } } errors { code } }
      companySuspend(input: {id: $c, reason: "逾期"}) { errors { code } }
      second: orderPlaceForCompany(input: $i) { order { number } errors { code } } }"""

    result = await f.gql(client, document, {"i": order, "c": cid}, token=token)

    assert result["data"]["companySuspend"] == {"errors": []}
    assert result["data"]["second"] == {"order": None, "errors": [{"code": "COMPANY_NOT_ACTIVE"}]}
