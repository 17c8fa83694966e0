"""The storefront sorts and filters by price in SQL (domain/catalog/search.py); that SQL must
give the price the pricing function gives, for any lists, breaks, tiers and dates."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.catalog.search import PRICE, ProductSearch, search_products
from domain.pricing import prices as pricing
from tests import factories as f

ON = date(2026, 6, 15)

breaks = st.dictionaries(
    st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=10**9), max_size=4
)
validity = st.sampled_from(["open", "current", "expired", "future", "inactive"])


def _window(kind: str) -> dict:
    return {
        "open": {},
        "current": {"valid_from": ON - timedelta(days=3), "valid_to": ON + timedelta(days=3)},
        "expired": {"valid_from": ON - timedelta(days=30), "valid_to": ON - timedelta(days=1)},
        "future": {"valid_from": ON + timedelta(days=1)},
        "inactive": {"is_active": False},
    }[kind]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    base_price=st.integers(min_value=1, max_value=10**9),
    min_order_qty=st.integers(min_value=1, max_value=50),
    contract=breaks,
    contract_window=validity,
    tier=breaks,
    tier_window=validity,
    has_tier=st.booleans(),
)
async def test_sql_price_equals_the_pricing_function(
    db, base_price, min_order_qty, contract, contract_window, tier, tier_window, has_tier
):
    company = await f.company(price_tier="wholesale" if has_tier else None)
    product = await f.product()
    variant = await f.variant(product, base_price=base_price, min_order_qty=min_order_qty)
    own = await f.price_list(company=company, **_window(contract_window))
    await f.breaks(own, variant, *contract.items())
    tiered = await f.price_list(tier="wholesale", **_window(tier_window))
    await f.breaks(tiered, variant, *tier.items())

    contract_lists, tier_lists = await pricing.applicable_lists(company.id, company.price_tier, ON)
    rows = await search_products(
        ProductSearch(
            language="zh-Hans",
            text=variant.sku,
            sort=PRICE,
            contract_lists=contract_lists,
            tier_lists=tier_lists,
        )
    )
    expected = await pricing.price_for(
        company.id, company.price_tier, variant.id, base_price, min_order_qty, ON
    )

    assert rows == [(product.id, expected.unit_price)]
