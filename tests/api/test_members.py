"""Owners invite people and manage their roles; admins create staff."""

from db.audit import AuditEntry
from db.outbox import OutboxMessage
from tests import factories as f

INVITE = """mutation($e: String!, $r: CompanyRole!) {
  invitationCreate(input: {email: $e, role: $r}) {
    invitation { email role } errors { field code } } }"""
ACCEPT = """mutation($t: String!, $p: String!) { invitationAccept(input: {token: $t,
  fullName: "新同事", password: $p}) { accessToken user { email companyRole } errors { code } } }"""
ROLE = """mutation($u: ID!, $r: CompanyRole!) {
  companyUserRoleUpdate(input: {userId: $u, role: $r}) {
  user { companyRole } errors { field code } } }"""
DEACTIVATE = """mutation($u: ID!) { companyUserDeactivate(input: {userId: $u}) {
  user { isActive } errors { field code } } }"""


async def _invitation_token(email: str) -> str:
    mail = await OutboxMessage.get(kind="invitation", recipient=email)
    return mail.body.rsplit("：", 1)[-1].strip()


async def test_owner_invites_and_the_invitee_joins_with_that_role(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company))

    invited = await f.gql(client, INVITE, {"e": "New@Example.com", "r": "PURCHASER"}, token=token)
    invitation_token = await _invitation_token("new@example.com")
    joined = await f.gql(client, ACCEPT, {"t": invitation_token, "p": "Joined123"})
    again = await f.gql(client, ACCEPT, {"t": invitation_token, "p": "Joined123"})

    assert invited["data"]["invitationCreate"] == {
        "invitation": {"email": "new@example.com", "role": "PURCHASER"},
        "errors": [],
    }
    assert joined["data"]["invitationAccept"]["user"] == {
        "email": "new@example.com",
        "companyRole": "PURCHASER",
    }
    me = await f.gql(
        client, "{ me { company { id } } }", token=joined["data"]["invitationAccept"]["accessToken"]
    )
    assert me["data"]["me"]["company"]["id"] == f.gid("Company", company.id)
    assert again["data"]["invitationAccept"]["errors"] == [{"code": "INVALID_TOKEN"}]
    listed = await f.gql(
        client, "{ companyInvitations { edges { node { email acceptedAt } } } }", token=token
    )
    assert f.nodes(listed["data"]["companyInvitations"])[0]["acceptedAt"] is not None


async def test_only_owners_invite(client, policy):
    token = await f.login(client, await f.buyer(policy, await f.company(), role="purchaser"))
    result = await f.gql(client, INVITE, {"e": "x@example.com", "r": "VIEWER"}, token=token)
    assert result["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await OutboxMessage.all().count() == 0


async def test_inviting_a_registered_email_is_refused(client, policy):
    company = await f.company()
    owner = await f.buyer(policy, company)
    token = await f.login(client, owner)
    result = await f.gql(client, INVITE, {"e": owner.email, "r": "VIEWER"}, token=token)
    assert result["data"]["invitationCreate"]["errors"] == [
        {"field": ["email"], "code": "DUPLICATE_EMAIL"}
    ]


async def test_owner_changes_roles_and_the_change_is_audited(client, policy):
    company = await f.company()
    owner = await f.buyer(policy, company)
    member = await f.buyer(policy, company, role="viewer")
    token = await f.login(client, owner)

    result = await f.gql(
        client, ROLE, {"u": f.gid("User", member.id), "r": "APPROVER"}, token=token
    )

    assert result["data"]["companyUserRoleUpdate"] == {
        "user": {"companyRole": "APPROVER"},
        "errors": [],
    }
    entry = await AuditEntry.get(action="user.role")
    assert (entry.actor_email, entry.before, entry.after) == (
        owner.email,
        {"role": "viewer"},
        {"role": "approver"},
    )


async def test_the_last_owner_cannot_step_down_or_be_deactivated(client, policy):
    company = await f.company()
    owner = await f.buyer(policy, company)
    token = await f.login(client, owner)

    demote = await f.gql(client, ROLE, {"u": f.gid("User", owner.id), "r": "VIEWER"}, token=token)
    off = await f.gql(client, DEACTIVATE, {"u": f.gid("User", owner.id)}, token=token)

    assert demote["data"]["companyUserRoleUpdate"]["errors"][0]["code"] == "LAST_OWNER"
    assert off["data"]["companyUserDeactivate"]["errors"][0]["code"] == "LAST_OWNER"


async def test_deactivated_member_is_signed_out(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company))
    member = await f.buyer(policy, company, role="purchaser")
    member_token = await f.login(client, member)

    result = await f.gql(client, DEACTIVATE, {"u": f.gid("User", member.id)}, token=token)
    me = await f.gql(client, "{ me { user { email } } }", token=member_token)

    assert result["data"]["companyUserDeactivate"]["user"] == {"isActive": False}
    assert me["errors"][0]["extensions"]["code"] == "ACCOUNT_DISABLED"


async def test_admin_creates_staff_and_sales_cannot(client, policy):
    mutation = """mutation($e: String!) { staffUserCreate(input: {email: $e, role: FINANCE,
      password: "Finance123"}) { user { email staffRole isStaff } errors { code } } }"""
    admin = await f.login(client, await f.staff(policy, "admin"))
    sales = await f.login(client, await f.staff(policy, "sales"))

    created = await f.gql(client, mutation, {"e": "finance@example.com"}, token=admin)
    refused = await f.gql(client, mutation, {"e": "finance2@example.com"}, token=sales)

    assert created["data"]["staffUserCreate"]["user"] == {
        "email": "finance@example.com",
        "staffRole": "FINANCE",
        "isStaff": True,
    }
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await AuditEntry.filter(action="staff.create").count() == 1


async def test_the_invitation_mail_names_the_role_in_the_mails_language(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company))

    await f.gql(client, INVITE, {"e": "buyer2@example.com", "r": "PURCHASER"}, token=token)

    mail = await OutboxMessage.get(kind="invitation", recipient="buyer2@example.com")
    assert "「采购员」" in mail.body
    assert "purchaser" not in mail.body
