"""Buyers' own purchase analysis and reorder suggestions through GraphQL."""

from __future__ import annotations

from datetime import date

from db.accounts import Company
from tests import factories
from tests.insight_history import random_history

ANALYSIS = """query($c: ID) { purchaseAnalysis(companyId: $c) {
  start byMonth { key spend { amount } } topSkus { key label spend { amount } } } }"""
CADENCES = """query($c: ID) { reorderCadences(companyId: $c, first: 2) {
  totalCount edges { node { sku variantId nextDue suggestedQuantity } } } }"""
SUGGESTIONS = "{ reorderSuggestions { sku variantId suggestedQuantity } }"


async def test_a_buyer_sees_their_company_only(client, policy, pinned_clock):
    sales = await random_history(41, date(2025, 12, 1), 190, 60)
    mine = sales[0].company_id
    other = next(s.company_id for s in sales if s.company_id != mine)
    buyer = await factories.buyer(policy, await Company.get(id=mine), role="viewer")
    token = await factories.login(client, buyer)

    own = await factories.gql(client, ANALYSIS, token=token)
    spent = sum(
        s.line_total for s in sales
        if s.company_id == mine and s.status not in ("cancelled", "rejected")
        and s.moment.date() <= date(2026, 6, 15)
    )  # fmt: skip
    months = own["data"]["purchaseAnalysis"]["byMonth"]
    assert sum(int(round(float(m["spend"]["amount"]) * 100)) for m in months) == spent
    paged = await factories.gql(client, CADENCES, token=token)
    assert paged["data"]["reorderCadences"]["totalCount"] >= 1
    suggested = await factories.gql(client, SUGGESTIONS, token=token)
    assert "errors" not in suggested
    assert all(s["suggestedQuantity"] > 0 for s in suggested["data"]["reorderSuggestions"])

    for query in (ANALYSIS, CADENCES):
        refused = await factories.gql(
            client, query, {"c": factories.gid("Company", other)}, token=token
        )
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_staff_name_the_company_and_warehouse_staff_are_refused(client, policy):
    company = await factories.company()
    sales = await factories.login(client, await factories.staff(policy, role="sales"))
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))

    named = await factories.gql(
        client, ANALYSIS, {"c": factories.gid("Company", company.id)}, token=sales
    )
    assert named["data"]["purchaseAnalysis"]["byMonth"] == []
    unnamed = await factories.gql(client, ANALYSIS, token=sales)
    assert unnamed["errors"][0]["extensions"]["code"] == "REQUIRED"
    refused = await factories.gql(
        client, ANALYSIS, {"c": factories.gid("Company", company.id)}, token=warehouse
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
