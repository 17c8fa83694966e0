"""Every connection pages forward (first/after) and backward (last/before) and counts its
items; a page larger than the maximum is an error that names the maximum."""

import pytest

from tests import factories as f

COMPANIES = """query($first: Int, $after: String, $last: Int, $before: String) {
  companies(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""

PRODUCTS = """query($first: Int, $after: String, $last: Int, $before: String) {
  products(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { node { name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


async def page(client, query: str, token: str | None, **variables) -> dict:
    result = await f.gql(client, query, variables, token=token)
    assert "errors" not in result, result
    return next(iter(result["data"].values()))


def names(connection: dict) -> list[str]:
    return [n["name"] for n in f.nodes(connection)]


async def test_companies_page_forward_and_backward_with_a_total(client, policy):
    token = await f.login(client, await f.staff(policy, "admin"))
    for n in range(5):
        await f.company(name=f"C{n}")  # newest first: C4 … C0

    first = await page(client, COMPANIES, token, first=2)
    second = await page(client, COMPANIES, token, first=2, after=first["pageInfo"]["endCursor"])
    last = await page(client, COMPANIES, token, last=2)
    before = await page(client, COMPANIES, token, last=2, before=last["pageInfo"]["startCursor"])
    rest = await page(client, COMPANIES, token, last=2, before=before["pageInfo"]["startCursor"])

    assert names(first) == ["C4", "C3"] and names(second) == ["C2", "C1"]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    assert second["pageInfo"]["hasNextPage"] and second["pageInfo"]["hasPreviousPage"]
    assert names(last) == ["C1", "C0"] and names(before) == ["C3", "C2"]
    assert last["pageInfo"]["hasPreviousPage"] and not last["pageInfo"]["hasNextPage"]
    assert names(rest) == ["C4"] and not rest["pageInfo"]["hasPreviousPage"]
    assert rest["pageInfo"]["hasNextPage"]
    assert {p["totalCount"] for p in (first, second, last, before, rest)} == {5}


async def test_products_page_backward_by_name(client):
    for n in range(4):
        await f.product(names={"zh-Hans": f"P{n}"})

    forward = await page(client, PRODUCTS, None, first=3)
    last = await page(client, PRODUCTS, None, last=3)
    before = await page(client, PRODUCTS, None, last=3, before=last["pageInfo"]["startCursor"])

    assert names(forward) == ["P0", "P1", "P2"] and forward["totalCount"] == 4
    assert names(last) == ["P1", "P2", "P3"] and last["pageInfo"]["hasPreviousPage"]
    assert names(before) == ["P0"] and not before["pageInfo"]["hasPreviousPage"]
    assert before["totalCount"] == 4


@pytest.mark.parametrize("size", ["first", "last"])
async def test_a_page_above_the_maximum_names_it(client, policy, size):
    token = await f.login(client, await f.staff(policy, "admin"))

    result = await f.gql(client, COMPANIES, {size: 101}, token=token)

    [error] = result["errors"]
    assert error["extensions"]["code"] == "VALUE_OUT_OF_RANGE"
    assert error["extensions"]["max"] == 100 and "100" in error["message"]


async def test_first_and_last_together_are_refused(client, policy):
    token = await f.login(client, await f.staff(policy, "admin"))

    result = await f.gql(client, COMPANIES, {"first": 2, "last": 2}, token=token)

    assert [e["extensions"]["code"] for e in result["errors"]] == ["INVALID"]


def test_every_paging_argument_and_node_link_is_described():
    from graphql import GraphQLObjectType

    from tests.conftest import graphql_types

    schema = graphql_types()
    query = schema.type_map["Query"]
    assert isinstance(query, GraphQLObjectType)
    undescribed = [
        f"{name}({arg})"
        for name, field in query.fields.items()
        for arg, argument in field.args.items()
        if arg in ("first", "after", "last", "before", "number") and not argument.description
    ]
    connections = [n for n in schema.type_map if n.endswith("Connection")]
    assert undescribed == []
    assert len(connections) >= 11
