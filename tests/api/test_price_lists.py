"""Staff list price lists (tier lists and company contracts); buyers cannot."""

import logging

from tests import factories as f

LISTS = """query($n: Int, $c: ID) { priceLists(first: $n, companyId: $c) {
  edges { node { name tier company { name } } } pageInfo { hasNextPage } } }"""


async def test_staff_page_through_lists_with_their_companies_at_a_constant_cost(
    client, policy, caplog
):
    token = await f.login(client, await f.staff(policy, "sales"))
    await f.price_list(tier="wholesale", name="批发价")
    for n in range(3):
        await f.price_list(company=await f.company(name=f"客户{n}"), name=f"合同{n}")
    caplog.set_level(logging.INFO, logger="dinghuo.graphql")
    caplog.clear()

    one = await f.gql(client, LISTS, {"n": 1}, token=token)
    four = await f.gql(client, LISTS, {"n": 4}, token=token)

    assert one["data"]["priceLists"]["edges"] == [
        {"node": {"name": "合同2", "tier": None, "company": {"name": "客户2"}}}
    ]
    assert one["data"]["priceLists"]["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["name"] for e in four["data"]["priceLists"]["edges"]] == [
        "合同2", "合同1", "合同0", "批发价"
    ]  # fmt: skip
    few, many = f.sql_statements(caplog)
    assert few == many


async def test_one_companys_contracts(client, policy):
    token = await f.login(client, await f.staff(policy, "admin"))
    company = await f.company()
    await f.price_list(company=company, name="年度合同")
    await f.price_list(company=await f.company(), name="别家")

    result = await f.gql(client, LISTS, {"c": f.gid("Company", company.id)}, token=token)

    assert [e["node"]["name"] for e in result["data"]["priceLists"]["edges"]] == ["年度合同"]


async def test_buyers_do_not_see_price_lists(client, policy):
    token = await f.login(client, await f.buyer(policy, await f.company()))

    result = await f.gql(client, LISTS, {}, token=token)

    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
