"""Who may call what: anonymous, buyers by role, staff by role, and never across companies."""

import pytest

from db.accounts import User
from tests import factories as f

COMPANIES = "{ companies { edges { node { name } } } }"
NODE = """query($id: ID!) { node(id: $id) { id ... on Company { name }
  ... on User { email } } }"""
ROLE = """mutation($u: ID!, $r: CompanyRole!) {
  companyUserRoleUpdate(input: {userId: $u, role: $r}) {
  user { companyRole } errors { field code } } }"""
DEACTIVATE = """mutation($u: ID!) { companyUserDeactivate(input: {userId: $u}) {
  user { isActive } errors { field code } } }"""
APPROVE = """mutation($id: ID!) { companyApprove(input: {id: $id}) {
  company { status } errors { code } } }"""


def code(result: dict) -> str:
    return result["errors"][0]["extensions"]["code"]


async def test_anonymous_callers_must_log_in(client):
    result = await f.gql(client, "{ orders { edges { node { id } } } }", language="en")
    assert code(result) == "UNAUTHENTICATED"
    assert result["errors"][0]["message"] == "Please log in first."


async def test_an_anonymous_viewer_is_null_and_the_rest_of_the_page_still_answers(client):
    result = await f.gql(client, "{ me { user { email } } categories { id } }")
    assert "errors" not in result
    assert result["data"] == {"me": None, "categories": []}


async def test_a_bad_token_is_reported_as_such(client):
    result = await f.gql(client, "{ me { user { email } } }", token="not-a-token")
    assert code(result) == "INVALID_TOKEN"


@pytest.mark.parametrize("role", ["warehouse", "finance"])
async def test_staff_without_review_rights_cannot_approve(client, policy, role):
    company = await f.company(status="pending")
    token = await f.login(client, await f.staff(policy, role))

    result = await f.gql(client, APPROVE, {"id": f.gid("Company", company.id)}, token=token)

    assert code(result) == "FORBIDDEN"
    await company.refresh_from_db()
    assert company.status == "pending"


async def test_buyers_cannot_list_companies_or_approve(client, policy):
    company = await f.company(status="pending")
    token = await f.login(client, await f.buyer(policy, await f.company()))

    assert code(await f.gql(client, COMPANIES, token=token)) == "FORBIDDEN"
    result = await f.gql(client, APPROVE, {"id": f.gid("Company", company.id)}, token=token)
    assert code(result) == "FORBIDDEN"


async def test_staff_list_companies_with_filters_and_cursor(client, policy):
    for n in range(3):
        await f.company(status="pending", name=f"待审公司{n}")
    await f.company(status="active", name="已启用公司")
    token = await f.login(client, await f.staff(policy, "warehouse"))
    query = """query($after: String) { companies(status: PENDING, first: 2, after: $after) {
      edges { node { name } } pageInfo { hasNextPage endCursor } } }"""

    first = (await f.gql(client, query, token=token))["data"]["companies"]
    after = first["pageInfo"]["endCursor"]
    second = (await f.gql(client, query, {"after": after}, token=token))["data"]["companies"]

    assert [e["node"]["name"] for e in first["edges"]] == ["待审公司2", "待审公司1"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["name"] for e in second["edges"]] == ["待审公司0"]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_buyer_reaches_own_company_and_colleagues_by_node(client, policy):
    company = await f.company()
    owner = await f.buyer(policy, company)
    colleague = await f.buyer(policy, company, role="viewer")
    token = await f.login(client, owner)

    own = await f.gql(client, NODE, {"id": f.gid("Company", company.id)}, token=token)
    mate = await f.gql(client, NODE, {"id": f.gid("User", colleague.id)}, token=token)

    assert own["data"]["node"]["name"] == company.name
    assert mate["data"]["node"]["email"] == colleague.email


async def test_buyer_never_reaches_another_companys_objects(client, policy):
    mine, theirs = await f.company(), await f.company()
    owner = await f.buyer(policy, mine)
    stranger = await f.buyer(policy, theirs, role="purchaser")
    staff = await f.staff(policy, "admin")
    token = await f.login(client, owner)

    for gid in (f.gid("Company", theirs.id), f.gid("User", stranger.id), f.gid("User", staff.id)):
        result = await f.gql(client, NODE, {"id": gid}, token=token)
        assert result["data"]["node"] is None, gid

    role = await f.gql(client, ROLE, {"u": f.gid("User", stranger.id), "r": "OWNER"}, token=token)
    off = await f.gql(client, DEACTIVATE, {"u": f.gid("User", stranger.id)}, token=token)

    assert role["data"]["companyUserRoleUpdate"]["errors"] == [
        {"field": ["userId"], "code": "NOT_FOUND"}
    ]
    assert off["data"]["companyUserDeactivate"]["errors"] == [
        {"field": ["userId"], "code": "NOT_FOUND"}
    ]
    await stranger.refresh_from_db()
    assert (stranger.company_role, stranger.is_active) == ("purchaser", True)


async def test_anonymous_node_lookup_reveals_nothing(client):
    company = await f.company()
    result = await f.gql(client, NODE, {"id": f.gid("Company", company.id)})
    assert result["data"]["node"] is None


async def test_a_users_company_is_theirs_only(client, policy):
    mine, theirs = await f.company(), await f.company()
    token = await f.login(client, await f.buyer(policy, mine))
    await f.buyer(policy, theirs)
    query = "{ me { company { id users { email } } } }"

    company = (await f.gql(client, query, token=token))["data"]["me"]["company"]

    emails = {u["email"] for u in company["users"]}
    assert emails == set(await User.filter(company=mine).values_list("email", flat=True))
    assert company["id"] == f.gid("Company", mine.id)


async def test_only_admins_read_the_audit_log(client, policy):
    query = "{ auditLog { edges { node { action actorEmail } } } }"
    sales = await f.login(client, await f.staff(policy, "sales"))
    buyer = await f.login(client, await f.buyer(policy, await f.company()))
    admin = await f.login(client, await f.staff(policy, "admin"))

    assert code(await f.gql(client, query, token=sales)) == "FORBIDDEN"
    assert code(await f.gql(client, query, token=buyer)) == "FORBIDDEN"
    assert "auditLog" in (await f.gql(client, query, token=admin))["data"]
