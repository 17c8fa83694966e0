"""Cost prices: set by finance staff, audited, never readable by buyers; gross margins in the
staff's product, SKU and category reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from db.accounts import User
from db.audit import AuditEntry
from tests import factories
from tests.insight_history import SHANGHAI, place

SET = """mutation($input: VariantCostSetInput!) { variantCostSet(input: $input) {
  variant { sku costPrice { amount currency } } errors { code field } } }"""
READ = """query($id: ID!) { node(id: $id) { ... on Variant { sku costPrice { amount } } } }"""
REPORT = """query($by: SalesDimension) {
  salesReport(by: $by, start: "2026-06-01", end: "2026-06-30") {
    rows { key figures { revenue { amount } } grossMargin { amount } costedRevenue { amount }
           grossMarginRate } } }"""


async def test_finance_sets_a_cost_that_buyers_never_read(client, policy):
    company = await factories.company()
    variant = await factories.variant(await factories.product(), base_price=2000)
    gid = factories.gid("Variant", variant.id)
    finance = await factories.login(client, await factories.staff(policy, role="finance"))
    buyer = await factories.login(client, await factories.buyer(policy, company, role="owner"))
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))

    done = await factories.gql(
        client, SET, {"input": {"variantId": gid, "costPrice": "12.50"}}, token=finance
    )
    assert done["data"]["variantCostSet"] == {
        "variant": {"sku": variant.sku, "costPrice": {"amount": "12.50", "currency": "CNY"}},
        "errors": [],
    }
    [entry] = await AuditEntry.filter(action="variant.cost_price")
    assert (entry.before, entry.after) == ({"costPrice": None}, {"costPrice": 1250})

    as_buyer = await factories.gql(client, READ, {"id": gid}, token=buyer)
    assert as_buyer["data"]["node"] == {"sku": variant.sku, "costPrice": None}
    assert "12.5" not in str(as_buyer)
    # Among staff, only the roles that price and account read costs (COSTS_READ).
    as_warehouse = await factories.gql(client, READ, {"id": gid}, token=warehouse)
    assert as_warehouse["data"]["node"] == {"sku": variant.sku, "costPrice": None}
    sales = await factories.login(client, await factories.staff(policy, role="sales"))
    as_sales = await factories.gql(client, READ, {"id": gid}, token=sales)
    assert as_sales["data"]["node"]["costPrice"] == {"amount": "12.50"}

    for token in (buyer, warehouse):
        refused = await factories.gql(
            client, SET, {"input": {"variantId": gid, "costPrice": "1.00"}}, token=token
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    bad = await factories.gql(
        client, SET, {"input": {"variantId": gid, "costPrice": "-1"}}, token=finance
    )
    assert bad["data"]["variantCostSet"]["errors"] == [
        {"code": "INVALID_PRICE", "field": ["costPrice"]}
    ]
    cleared = await factories.gql(
        client, SET, {"input": {"variantId": gid, "costPrice": None}}, token=finance
    )
    assert cleared["data"]["variantCostSet"]["variant"]["costPrice"] is None
    assert await AuditEntry.filter(action="variant.cost_price").count() == 2


async def test_staff_reports_show_gross_margin_where_cost_is_known(client, policy, pinned_clock):
    product = await factories.product()
    costed = await factories.variant(product, base_price=1000, cost_price=600)
    uncosted = await factories.variant(product, base_price=1000)
    company = await factories.company()
    user = await User.create(email="p@example.com", password_hash="-", full_name="-",
                             kind="staff", staff_role="sales")  # fmt: skip
    moment = datetime.combine(date(2026, 6, 10), datetime.min.time(), SHANGHAI)
    await place(company, user, moment + timedelta(hours=9), "confirmed",
                [(costed, 3, 1000), (uncosted, 2, 1000)])  # fmt: skip
    sales = await factories.login(client, await factories.staff(policy, role="sales"))
    buyer = await factories.login(client, await factories.buyer(policy, company, role="owner"))

    by_sku = await factories.gql(client, REPORT, {"by": "SKU"}, token=sales)
    rows = {r["key"]: r for r in by_sku["data"]["salesReport"]["rows"]}
    assert rows[costed.sku]["grossMargin"] == {"amount": "12.00"}  # 30.00 - 3 × 6.00
    assert rows[costed.sku]["grossMarginRate"] == "0.4000"
    assert rows[uncosted.sku]["grossMargin"] is None
    by_product = await factories.gql(client, REPORT, {"by": "PRODUCT"}, token=sales)
    [row] = by_product["data"]["salesReport"]["rows"]
    assert row["figures"]["revenue"] == {"amount": "50.00"}
    assert (row["grossMargin"], row["costedRevenue"]) == ({"amount": "12.00"}, {"amount": "30.00"})

    mine = await factories.gql(client, REPORT, {"by": "SKU"}, token=buyer)
    assert {r["grossMargin"] for r in mine["data"]["salesReport"]["rows"]} == {None}
    assert [r["costedRevenue"] for r in mine["data"]["salesReport"]["rows"]] == [None, None]
