"""The query cost limit: pages multiply what is below them; a request over the budget is
refused before it executes, with its computed cost."""

from graphql import parse

from dinghuo.api import build_schema
from dinghuo.cost import cost
from tests import factories as f
from tests.conftest import make_settings

PAGE = "{ products(first: 10) { pageInfo { hasNextPage } edges { node { id name } } } }"
VARIANTS = "{ products(first: 10) { edges { node { variants { sku } } } } }"
NESTED = "product { variants { product { name variants { sku } } } }"
ABUSE = (
    "{ "
    + " ".join(
        f"a{i}: products(first: 100) {{ edges {{ node {{ variants {{ {NESTED} }} }} }} }}"
        for i in range(30)
    )
    + " }"
)
STOREFRONT = """query($first: Int) { products(first: $first) { edges { node { id name
  variants { id sku price { unitPrice { amount currency } } availability { quantity } } } } } }"""


def schema_types():
    from graphql import build_schema as from_sdl

    return from_sdl(build_schema(make_settings()).as_str())


def test_a_page_multiplies_its_edges_but_not_its_page_info():
    types = schema_types()

    # products, pageInfo, hasNextPage and the edges list once; node, id, name per edge
    assert cost(types, parse(PAGE), None, {}) == 4 + 10 * 3
    # variants is a plain list: 10 expected per product, each with a sku
    assert cost(types, parse(VARIANTS), None, {}) == 2 + 10 * 2 + 10 * 10
    assert cost(types, parse(STOREFRONT), None, {"first": 5}) < cost(
        types, parse(STOREFRONT), None, {"first": 50}
    )


async def test_a_storefront_page_is_within_the_budget(client):
    result = await f.gql(client, STOREFRONT, {"first": 50})

    assert "errors" not in result


async def test_thirty_aliased_deep_pages_are_refused_with_their_cost(client):
    result = await f.gql(client, ABUSE)

    assert result.get("data") is None
    error = result["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["max"] == 100_000
    assert error["extensions"]["cost"] > 100_000
