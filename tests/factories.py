"""Async factories: the smallest data a test needs, built through the real models."""

from __future__ import annotations

import itertools
from pathlib import Path

import httpx
from strawberry.relay import from_base64, to_base64

from db.accounts import Company, User
from domain.accounts.credentials import hash_password
from domain.accounts.policy import AuthPolicy

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Secret123"
_seq = itertools.count(1)


async def company(status: str = "active", **fields) -> Company:
    n = next(_seq)
    values = {
        "name": f"测试公司 {n}",
        "tax_id": f"91310000TEST{n:06d}",
        "contact_name": "测试",
        "email": f"company{n}@example.com",
        "status": status,
        "credit_limit": 0,
    }
    values.update(fields)
    return await Company.create(**values)


async def buyer(policy: AuthPolicy, company: Company, role: str = "owner", **fields) -> User:
    n = next(_seq)
    values = {
        "email": f"buyer{n}@example.com",
        "password_hash": await hash_password(policy, PASSWORD),
        "full_name": f"买家 {n}",
        "kind": "buyer",
        "company": company,
        "company_role": role,
    }
    values.update(fields)
    return await User.create(**values)


async def staff(policy: AuthPolicy, role: str = "admin", **fields) -> User:
    n = next(_seq)
    values = {
        "email": f"staff{n}@example.com",
        "password_hash": await hash_password(policy, PASSWORD),
        "full_name": f"员工 {n}",
        "kind": "staff",
        "staff_role": role,
    }
    values.update(fields)
    return await User.create(**values)


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict | None = None,
    token: str | None = None,
    language: str | None = None,
) -> dict:
    headers = {}
    if token:
        headers["authorization"] = f"Bearer {token}"
    if language:
        headers["accept-language"] = language
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


LOGIN = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(input: {email: $email, password: $password}) {
    accessToken refreshToken errors { field code message }
  }
}"""


async def login(client: httpx.AsyncClient, user: User, password: str = PASSWORD) -> str:
    result = await gql(client, LOGIN, {"email": user.email, "password": password})
    payload = result["data"]["tokenCreate"]
    assert payload["errors"] == [], payload["errors"]
    return payload["accessToken"]


def nodes(connection: dict) -> list[dict]:
    """The items of one page of a connection."""
    return [edge["node"] for edge in connection["edges"]]


def gid(type_name: str, pk: int) -> str:
    return to_base64(type_name, pk)


def row_id(global_id: str) -> int:
    """The row behind a global id the API returned."""
    return int(from_base64(global_id)[1])


async def product(status: str = "published", category=None, **fields):
    from db.catalog import Product, ProductTranslation
    from domain.catalog import search_text, sort_names
    from domain.pricing import lowest_prices

    n = next(_seq)
    names = fields.pop("names", {"zh-Hans": f"测试商品{n}", "en": f"Test product {n}"})
    row = await Product.create(slug=f"product-{n}", status=status, category=category, **fields)
    for language, name in names.items():
        await ProductTranslation.create(product=row, language=language, name=name)
    await sort_names.refresh([row.id])
    await search_text.refresh([row.id])
    await lowest_prices.refresh([row.id])
    return row


async def variant(product, base_price: int = 1500, **fields):
    from db.catalog import Variant
    from domain.catalog import search_text
    from domain.pricing import lowest_prices

    n = next(_seq)
    values = {"sku": f"SKU-{n:05d}", "base_price": base_price}
    values.update(fields)
    row = await Variant.create(product=product, **values)
    await search_text.refresh([row.product_id])  # as every write of a SKU does
    await lowest_prices.refresh([row.product_id])  # as every change to variants does
    return row


async def warehouse(code: str | None = None):
    from db.inventory import Warehouse

    n = next(_seq)
    return await Warehouse.create(code=code or f"WH{n}", names={"zh-Hans": f"仓库{n}"})


async def price_list(tier: str | None = None, company=None, **fields):
    from db.pricing import PriceList
    from domain.pricing import lowest_prices, versions

    row = await PriceList.create(
        name=fields.pop("name", "价目表"), tier=tier, company=company, **fields
    )
    await versions.bump()  # as every change to price lists does
    await lowest_prices.sync_audiences()
    return row


async def breaks(price_list, variant, *pairs: tuple[int, int]) -> None:
    from db.pricing import PriceListEntry
    from domain.pricing import lowest_prices, versions

    for min_qty, unit_price in pairs:
        await PriceListEntry.create(
            price_list=price_list, variant=variant, min_qty=min_qty, unit_price=unit_price
        )
    await versions.bump()
    await lowest_prices.refresh_variants([variant.id])


async def stock(variant, warehouse, quantity: int) -> None:
    from domain.inventory import stock as inventory

    await inventory.receive(None, variant.id, warehouse.id, quantity)


def sql_statements(caplog) -> list[int]:
    """SQL counts of the GraphQL requests logged since the last caplog.clear()."""
    return [r.fields["sql"] for r in caplog.records if r.name == "dinghuo.graphql"]


ADDRESS = {
    "recipient": "王经理",
    "phone": "13800000000",
    "region": "上海市浦东新区",
    "line": "张江路 100 号",
}
SET_LINE = """mutation($v: ID!, $q: Int!) { cartLineSet(input: {variantId: $v, quantity: $q}) {
  errors { code } } }"""
PLACE = """mutation($i: OrderPlaceInput!) { orderPlace(input: $i) {
  order { id number status } errors { code } } }"""


async def order_via_api(
    client: httpx.AsyncClient, token: str, variant, quantity: int, method: str = "BANK_TRANSFER"
) -> dict:
    """What a buyer's SPA does: put the variant in the cart and place the order."""
    await gql(client, SET_LINE, {"v": gid("Variant", variant.id), "q": quantity}, token=token)
    result = await gql(
        client, PLACE, {"i": {"paymentMethod": method, "shipTo": {"address": ADDRESS}}}, token=token
    )
    payload = result["data"]["orderPlace"]
    assert payload["errors"] == [], payload["errors"]
    return payload["order"]
