"""The stored lowest prices (domain/pricing/lowest_prices.py) give the price sort the order
and keys the computed rule gives, for any lists, breaks, tiers and windows; and every kind of
change keeps them current."""

import asyncio
import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tortoise import Tortoise

from domain.accounts import companies
from domain.accounts.permissions import Principal
from domain.catalog import products
from domain.catalog.csv_format import COLUMNS
from domain.catalog.import_csv import import_csv
from domain.catalog.search import PRICE, ProductSearch, search_products
from domain.pricing import lowest_prices, price_lists
from domain.pricing import prices as pricing
from domain.shared import clock
from tests import factories as f
from tests.integration.test_price_sql import ON, _window, validity

breaks = st.dictionaries(
    st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=10**6), max_size=3
)
variant = st.fixed_dictionaries(
    {
        "base_price": st.integers(min_value=1, max_value=10**6),
        "min_order_qty": st.integers(min_value=1, max_value=50),
        "is_active": st.booleans(),
        "contract": breaks,
        "second_contract": breaks,
        "tier": breaks,
    }
)


async def _page(
    contract_lists, tier_lists, stored: bool, first: int = 1000, after: tuple | None = None
) -> list:
    search = ProductSearch(
        language="zh-Hans",
        sort=PRICE,
        contract_lists=contract_lists,
        tier_lists=tier_lists,
        stored_prices=stored,
        first=first,
        after=after,
        statuses=("draft", "published"),
    )
    return await search_products(search)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    variants=st.lists(st.lists(variant, min_size=0, max_size=2), min_size=1, max_size=3),
    windows=st.tuples(validity, validity, validity),
    has_tier=st.booleans(),
)
async def test_stored_prices_sort_as_the_computed_rule(db, variants, windows, has_tier):
    company = await f.company(price_tier="wholesale" if has_tier else None)
    own = await f.price_list(company=company, **_window(windows[0]))
    other = await f.price_list(company=company, **_window(windows[1]))
    tiered = await f.price_list(tier="wholesale", **_window(windows[2]))
    for product_variants in variants:
        product = await f.product()
        for v in product_variants:
            row = await f.variant(
                product,
                base_price=v["base_price"],
                min_order_qty=v["min_order_qty"],
                is_active=v["is_active"],
            )
            await f.breaks(own, row, *v["contract"].items())
            await f.breaks(other, row, *v["second_contract"].items())
            await f.breaks(tiered, row, *v["tier"].items())
    await lowest_prices.sync_audiences(ON)

    for company_id, tier in ((company.id, company.price_tier), (None, "wholesale"), (None, None)):
        contract_lists, tier_lists = await pricing.applicable_lists(company_id, tier, ON)
        assert await lowest_prices.stored(contract_lists, tier_lists)
        computed = await _page(contract_lists, tier_lists, stored=False)
        assert await _page(contract_lists, tier_lists, stored=True) == computed
        # Price filters on a name-sorted page read the same prices.
        filtered = [
            await search_products(
                ProductSearch(
                    language="zh-Hans",
                    contract_lists=contract_lists,
                    tier_lists=tier_lists,
                    min_price=1000,
                    max_price=500_000,
                    stored_prices=stored,
                    first=1000,
                )
            )
            for stored in (False, True)
        ]
        assert filtered[0] == filtered[1]
        # Keyset pages over the stored order continue where the computed ones do.
        if len(computed) > 2:
            after = (computed[1][1], computed[1][0])
            page = await _page(contract_lists, tier_lists, stored=True, first=2, after=after)
            assert page == computed[2:5]


async def _assert_current(today: date) -> None:
    """Every stored audience holds the computed price of every product, and exactly the
    audiences some buyer needs from `today` on are stored."""
    connection = Tortoise.get_connection("default")
    postgres = connection.capabilities.dialect == "postgres"
    _, keys = await connection.execute_query("SELECT key FROM price_audience")
    keys = {row[0] for row in keys}
    assert keys == await lowest_prices.needed_audiences(today)
    for key in keys:
        contract, tiers = lowest_prices.parse_key(key)
        price = lowest_prices.price_sql(contract, tiers, "$1" if postgres else "?")
        _, rows = await connection.execute_query(
            f"SELECT p.id, COALESCE({price}, {lowest_prices.NO_PRICE}) FROM product p", [True]
        )
        _, stored = await connection.execute_query(
            "SELECT product_id, price FROM product_lowest_price WHERE audience = "
            + ("$1" if postgres else "?"),
            [key],
        )
        assert sorted(map(tuple, stored)) == sorted(map(tuple, rows)), key


async def test_every_kind_of_change_keeps_the_stored_prices_current(db, policy, pinned_clock):
    today = clock.today()
    admin = await f.staff(policy)
    actor = Principal(admin.id, admin.email, "staff", staff_role="admin")
    text = [products.ProductText("zh-Hans", "奶茶粉")]
    await lowest_prices.sync_audiences()  # as migration 0024 does: base prices stored

    product = await products.create("milk-tea", text)
    await _assert_current(today)
    first = await products.add_variant(product.id, products.VariantData("MT-1", Decimal("30")))
    second = await products.add_variant(product.id, products.VariantData("MT-2", Decimal("20")))
    await _assert_current(today)

    tier = await price_lists.create(actor, "批发价", tier="wholesale")
    await _assert_current(today)
    await price_lists.set_breaks(actor, tier.id, first.id, [price_lists.Break(1, Decimal("12"))])
    await _assert_current(today)

    pending = await f.company(status="pending")
    contract = await price_lists.create(
        actor, "合同价", company_id=pending.id, valid_from=today + timedelta(days=10)
    )
    await price_lists.set_breaks(
        actor, contract.id, second.id, [price_lists.Break(5, Decimal("9"))]
    )
    await _assert_current(today)
    await companies.approve(actor, pending.id, companies.Terms(price_tier="wholesale"))
    await _assert_current(today)
    # The contract's window has not opened: the company is priced as its tier, from stored rows.
    lists = await pricing.applicable_lists(pending.id, "wholesale", today)
    assert lists == ([], [tier.id])
    assert await _page(*lists, stored=True) == [(product.id, 1200)]

    data = products.VariantData("MT-2", Decimal("25"), min_order_qty=5)
    await products.update_variant(second.id, data, actor)
    await _assert_current(today)
    await products.set_variant_active(first.id, False)
    await _assert_current(today)
    await price_lists.set_breaks(actor, tier.id, first.id, [])
    await _assert_current(today)

    rows = [
        {"product_slug": "soy-sauce", "name_zh": "酱油", "sku": "SS-1", "base_price": "8.00",
         "tier_prices": "wholesale:1=7.00;retail:1=7.50"},
        {"product_slug": "milk-tea", "name_zh": "奶茶粉", "sku": "MT-3", "base_price": "3.00"},
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(dict.fromkeys(COLUMNS, "") | {"status": "draft", "unit": "piece"} | row)
    result = await import_csv(actor, out.getvalue())
    assert not result.errors
    await _assert_current(today)
    # A new tier from the file (retail) got its own audience.
    retail = await pricing.applicable_lists(None, "retail", today)
    assert await lowest_prices.stored(*retail)
    assert [key for _, key in await _page(*retail, stored=True)] == [300, 750]


async def test_a_window_that_opens_later_is_already_stored(db, policy, pinned_clock):
    today = clock.today()
    admin = await f.staff(policy)
    actor = Principal(admin.id, admin.email, "staff", staff_role="admin")
    company = await f.company(price_tier="wholesale")
    product = await f.product()
    row = await f.variant(product, base_price=1000)
    later = today + timedelta(days=7)
    contract = await price_lists.create(actor, "下月合同", company_id=company.id, valid_from=later)
    await price_lists.set_breaks(actor, contract.id, row.id, [price_lists.Break(1, Decimal("6"))])

    for day, price in ((today, 1000), (later, 600)):
        lists = await pricing.applicable_lists(company.id, "wholesale", day)
        assert await lowest_prices.stored(*lists)
        assert await _page(*lists, stored=True) == [(product.id, price)]


async def test_two_variants_of_one_product_edited_at_once_both_count(db, pinned_clock):
    await lowest_prices.sync_audiences()
    product = await products.create("cola", [products.ProductText("zh-Hans", "可乐")])
    first = await products.add_variant(product.id, products.VariantData("C-1", Decimal("30")))
    second = await products.add_variant(product.id, products.VariantData("C-2", Decimal("20")))

    await asyncio.gather(
        products.update_variant(first.id, products.VariantData("C-1", Decimal("5"))),
        products.update_variant(second.id, products.VariantData("C-2", Decimal("7"))),
    )

    await _assert_current(clock.today())
    assert await _page([], [], stored=True) == [(product.id, 500)]
