"""Slow movers and category gaps through GraphQL: analyst staff only, paged as connections."""

from __future__ import annotations

from datetime import date

from tests import factories
from tests.insight_history import random_history

SLOW = """query($first: Int, $after: String) {
  slowMovers(start: "2026-04-01", end: "2026-06-15", first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { sku units orders revenue { amount currency } productName } } } }"""
GAPS = """{ categoryGaps(minShare: 0.5, first: 5) {
  totalCount edges { node { companyName productName categoryName boughtInCategory } } } }"""


async def test_slow_movers_page_through_every_sku_on_sale(client, policy, pinned_clock):
    await random_history(21, date(2026, 4, 1), 76, 40)
    token = await factories.login(client, await factories.staff(policy, role="sales"))

    first = (await factories.gql(client, SLOW, {"first": 3}, token=token))["data"]["slowMovers"]
    cursor = first["pageInfo"]["endCursor"]
    rest = (await factories.gql(client, SLOW, {"first": 3, "after": cursor}, token=token))["data"][
        "slowMovers"
    ]

    nodes = [e["node"] for e in first["edges"] + rest["edges"]]
    assert first["totalCount"] == 5 and len(nodes) == 5
    assert first["pageInfo"]["hasNextPage"] and not rest["pageInfo"]["hasNextPage"]
    assert [n["units"] for n in nodes] == sorted(n["units"] for n in nodes)
    assert nodes[0]["revenue"]["currency"] == "CNY"


async def test_movers_and_gaps_are_refused_to_buyers_and_warehouse_staff(client, policy):
    buyer = await factories.login(
        client, await factories.buyer(policy, await factories.company(), role="owner")
    )
    warehouse = await factories.login(client, await factories.staff(policy, role="warehouse"))
    finance = await factories.login(client, await factories.staff(policy, role="finance"))

    assert (await factories.gql(client, GAPS, token=finance))["data"]["categoryGaps"][
        "totalCount"
    ] == 0
    for token in (buyer, warehouse):
        for query, variables in ((SLOW, {"first": 2}), (GAPS, None)):
            refused = await factories.gql(client, query, variables, token=token)
            assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_periods_at_the_edge_of_the_calendar_are_refused_not_crashed(client, policy):
    token = await factories.login(client, await factories.staff(policy, role="admin"))
    for query in (
        '{ slowMovers(end: "0001-01-01") { edges { cursor } } }',
        '{ slowMovers(start: "2026-06-01", end: "2026-05-01") { edges { cursor } } }',
        '{ salesReport(end: "0001-01-05") { rows { key } } }',
        '{ salesReport(start: "2026-06-01", end: "2026-05-01") { rows { key } } }',
        '{ salesReport(start: "0001-06-01", end: "0001-06-20") { rows { key } } }',
        '{ slowMovers(start: "9999-12-01", end: "9999-12-31") { edges { cursor } } }',
    ):
        result = await factories.gql(client, query, token=token)

        codes = [e["extensions"]["code"] for e in result.get("errors", [])]
        assert codes == ["INVALID"], (query, result)
