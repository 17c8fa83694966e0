"""The viewer's remembered prices (resolvers/pricing/price_cache.py) are never stale: a
changed break, a new contract list or a changed company tier shows on the next request."""

from decimal import Decimal

import pytest

from db.accounts import Company
from domain.accounts.permissions import Principal
from domain.pricing import price_lists
from tests import factories as f

PAGE = """{ products(first: 10) { edges { node { variants { sku
  price { unitPrice { amount } source } } } } } }"""


@pytest.fixture
async def shop(db, policy):
    tier = await f.price_list(tier="wholesale")
    variant = await f.variant(await f.product(), base_price=1500)
    await f.breaks(tier, variant, (1, 1200))
    company = await f.company(price_tier="wholesale")
    buyer = await f.buyer(policy, company, role="purchaser")
    admin = await f.staff(policy)
    return (
        buyer,
        company,
        variant,
        tier,
        Principal(admin.id, admin.email, "staff", staff_role="admin"),
    )


async def _price(client, token) -> tuple[str, str]:
    result = await f.gql(client, PAGE, token=token)
    assert "errors" not in result, result
    [price] = [
        v["price"] for e in result["data"]["products"]["edges"] for v in e["node"]["variants"]
    ]
    return str(Decimal(price["unitPrice"]["amount"])), price["source"]


async def test_a_changed_break_shows_on_the_next_request(client, shop):
    buyer, _, variant, tier, admin = shop
    token = await f.login(client, buyer)
    assert await _price(client, token) == ("12.00", "TIER")
    assert await _price(client, token) == ("12.00", "TIER")  # now remembered

    await price_lists.set_breaks(admin, tier.id, variant.id, [price_lists.Break(1, Decimal("11"))])

    assert await _price(client, token) == ("11.00", "TIER")


async def test_a_new_contract_list_shows_on_the_next_request(client, shop):
    buyer, company, variant, _, admin = shop
    token = await f.login(client, buyer)
    assert await _price(client, token) == ("12.00", "TIER")

    contract = await price_lists.create(admin, "合同价", company_id=company.id)
    await price_lists.set_breaks(
        admin, contract.id, variant.id, [price_lists.Break(1, Decimal("10"))]
    )

    assert await _price(client, token) == ("10.00", "CONTRACT")


async def test_a_changed_company_tier_shows_on_the_next_request(client, shop):
    buyer, company, _, _, _ = shop
    token = await f.login(client, buyer)
    assert await _price(client, token) == ("12.00", "TIER")

    await Company.filter(id=company.id).update(price_tier="retail")

    assert await _price(client, token) == ("15.00", "BASE")
