"""The company address book: create, edit, choose the default, delete; exactly one default,
also when several requests change the book at once; other companies' addresses are not found."""

import asyncio

from db.accounts import CompanyAddress
from tests import factories as f

ADD = """mutation($i: CompanyAddressCreateInput!) { companyAddressCreate(input: $i) {
  address { id isDefault label } errors { field code } } }"""
UPDATE = """mutation($i: CompanyAddressUpdateInput!) { companyAddressUpdate(input: $i) {
  address { id isDefault label line } errors { field code } } }"""
DEFAULT = """mutation($id: ID!) { companyAddressDefaultSet(input: {id: $id}) {
  address { id isDefault } errors { field code } } }"""
DELETE = """mutation($id: ID!) { companyAddressDelete(input: {id: $id}) { ok errors { code } } }"""


def address(label: str, **overrides) -> dict:
    values = {"recipient": "王", "phone": "1", "region": "上海", "line": "路 1 号", "label": label}
    return {**values, **overrides}


async def defaults(company) -> list[str]:
    return [a.label for a in await CompanyAddress.filter(company_id=company.id, is_default=True)]


async def add(client, token, label: str, **fields) -> str:
    result = await f.gql(client, ADD, {"i": address(label, **fields)}, token=token)
    return result["data"]["companyAddressCreate"]["address"]["id"]


async def test_an_address_is_edited_and_made_the_default(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company, role="purchaser"))
    await add(client, token, "总仓")
    second = await add(client, token, "门店")

    edited = await f.gql(
        client, UPDATE, {"i": address("门店", id=second, line="新路 2 号")}, token=token
    )
    chosen = await f.gql(client, DEFAULT, {"id": second}, token=token)

    assert edited["data"]["companyAddressUpdate"]["address"]["line"] == "新路 2 号"
    assert chosen["data"]["companyAddressDefaultSet"]["address"]["isDefault"] is True
    assert await defaults(company) == ["门店"]


async def test_deleting_the_default_makes_the_oldest_remaining_one_the_default(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company, role="owner"))
    first = await add(client, token, "一")
    await add(client, token, "二")
    await add(client, token, "三")

    deleted = await f.gql(client, DELETE, {"id": first}, token=token)

    assert deleted["data"]["companyAddressDelete"] == {"ok": True, "errors": []}
    assert await defaults(company) == ["二"]


async def test_another_companys_address_cannot_be_edited_or_chosen(client, policy):
    own = await f.login(client, await f.buyer(policy, await f.company(), role="owner"))
    theirs = await add(client, own, "总仓")
    stranger = await f.login(client, await f.buyer(policy, await f.company(), role="owner"))

    edited = await f.gql(client, UPDATE, {"i": address("x", id=theirs)}, token=stranger)
    chosen = await f.gql(client, DEFAULT, {"id": theirs}, token=stranger)

    assert edited["data"]["companyAddressUpdate"]["errors"] == [
        {"field": ["id"], "code": "NOT_FOUND"}
    ]
    assert chosen["data"]["companyAddressDefaultSet"]["errors"] == [
        {"field": ["id"], "code": "NOT_FOUND"}
    ]


async def test_an_edit_with_a_missing_field_changes_nothing(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company, role="owner"))
    added = await add(client, token, "总仓")

    edited = await f.gql(client, UPDATE, {"i": address("总仓", id=added, phone=" ")}, token=token)

    assert edited["data"]["companyAddressUpdate"]["errors"][0]["code"] == "REQUIRED"
    assert (await CompanyAddress.get(company_id=company.id)).phone == "1"


async def test_concurrent_additions_leave_exactly_one_default(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company, role="owner"))

    await asyncio.gather(*(add(client, token, f"地址{i}", isDefault=True) for i in range(8)))

    assert await CompanyAddress.filter(company_id=company.id).count() == 8
    assert len(await defaults(company)) == 1
