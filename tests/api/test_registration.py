"""Registration → staff review → login, as a new customer experiences it."""

from db.accounts import Company
from db.audit import AuditEntry
from db.outbox import OutboxMessage
from tests import factories as f

REGISTER = """
mutation Register($input: CompanyRegisterInput!) {
  companyRegister(input: $input) {
    company { id name status taxId }
    user { email companyRole }
    errors { field code message }
  }
}"""

APPROVE = """
mutation Approve($input: CompanyApproveInput!) {
  companyApprove(input: $input) {
    company { status priceTier creditLimit { amount currency } paymentTermsDays }
    errors { field code message }
  }
}"""

REJECT = """
mutation Reject($id: ID!, $reason: String!) {
  companyReject(input: {id: $id, reason: $reason}) {
    company { status statusReason } errors { field code }
  }
}"""

ME = "{ me { canOrder permissions company { status } } }"


def application(**overrides) -> dict:
    values = {
        "companyName": "上海新客户贸易有限公司",
        "taxId": "91310000MA1NEW0001",
        "contactName": "王经理",
        "email": "Wang@NewCustomer.example",
        "password": "Secret123",
    }
    values.update(overrides)
    return values


async def test_register_creates_a_pending_company_with_its_owner(client):
    result = await f.gql(client, REGISTER, {"input": application()})

    payload = result["data"]["companyRegister"]
    assert payload["errors"] == []
    assert payload["company"]["status"] == "PENDING"
    assert payload["user"] == {"email": "wang@newcustomer.example", "companyRole": "OWNER"}


async def test_register_signs_the_applicant_in_to_see_the_pending_status(client):
    result = await f.gql(
        client,
        """mutation($input: CompanyRegisterInput!) { companyRegister(input: $input) {
          company { status } accessToken accessTokenExpiresAt refreshToken errors { code } } }""",
        {"input": application()},
    )
    payload = result["data"]["companyRegister"]

    me = await f.gql(client, ME, token=payload["accessToken"])

    assert payload["company"] == {"status": "PENDING"}
    assert payload["refreshToken"] and payload["accessTokenExpiresAt"]
    assert me["data"]["me"]["company"] == {"status": "PENDING"}
    assert me["data"]["me"]["canOrder"] is False


async def test_pending_company_user_logs_in_and_sees_status_but_cannot_order(client):
    await f.gql(client, REGISTER, {"input": application()})
    login = await f.gql(
        client, f.LOGIN, {"email": "wang@newcustomer.example", "password": "Secret123"}
    )
    token = login["data"]["tokenCreate"]["accessToken"]

    me = (await f.gql(client, ME, token=token))["data"]["me"]

    assert me["company"]["status"] == "PENDING"
    assert me["canOrder"] is False
    assert "ORDERS_PLACE" not in me["permissions"]


async def test_invalid_application_reports_every_bad_field_and_writes_nothing(client):
    result = await f.gql(
        client,
        REGISTER,
        {"input": application(companyName=" ", taxId="123", email="nope", password="short")},
        language="en",
    )

    errors = result["data"]["companyRegister"]["errors"]
    assert {(tuple(e["field"]), e["code"]) for e in errors} == {
        (("companyName",), "REQUIRED"),
        (("taxId",), "INVALID_TAX_ID"),
        (("email",), "INVALID_EMAIL"),
        (("password",), "WEAK_PASSWORD"),
    }
    assert next(e for e in errors if e["field"] == ["email"])["message"] == "Invalid email address."
    assert await Company.all().count() == 0


async def test_errors_come_in_chinese_by_default(client):
    result = await f.gql(client, REGISTER, {"input": application(email="nope")})
    [error] = result["data"]["companyRegister"]["errors"]
    assert error["message"] == "邮箱地址无效。"


async def test_second_registration_with_same_tax_id_or_email_is_refused(client):
    await f.gql(client, REGISTER, {"input": application()})

    same_tax = await f.gql(client, REGISTER, {"input": application(email="other@example.com")})
    same_email = await f.gql(client, REGISTER, {"input": application(taxId="91310000MA1NEW0002")})

    assert same_tax["data"]["companyRegister"]["errors"][0]["code"] == "DUPLICATE_TAX_ID"
    assert same_email["data"]["companyRegister"]["errors"][0]["code"] == "DUPLICATE_EMAIL"
    assert await Company.all().count() == 1


async def test_sales_staff_approve_with_terms_and_the_owner_can_then_order(client, policy):
    registered = await f.gql(client, REGISTER, {"input": application()})
    company_id = registered["data"]["companyRegister"]["company"]["id"]
    sales = await f.staff(policy, "sales")
    staff_token = await f.login(client, sales)

    approved = await f.gql(
        client,
        APPROVE,
        {
            "input": {
                "id": company_id,
                "priceTier": "wholesale",
                "creditLimit": "50000.00",
                "paymentTermsDays": 30,
            }
        },
        token=staff_token,
    )

    payload = approved["data"]["companyApprove"]
    assert payload["errors"] == []
    assert payload["company"] == {
        "status": "ACTIVE",
        "priceTier": "wholesale",
        "creditLimit": {"amount": "50000.00", "currency": "CNY"},
        "paymentTermsDays": 30,
    }
    owner_token = (
        await f.gql(client, f.LOGIN, {"email": "wang@newcustomer.example", "password": "Secret123"})
    )["data"]["tokenCreate"]["accessToken"]
    me = (await f.gql(client, ME, token=owner_token))["data"]["me"]
    assert me["canOrder"] is True
    entry = await AuditEntry.get(action="company.approve")
    assert entry.actor_email == sales.email
    assert entry.before["status"] == "pending"
    assert entry.after["status"] == "active"
    assert entry.after["creditLimit"] == "50000.00"
    mail = await OutboxMessage.get(kind="company_approved")
    assert mail.recipient == "wang@newcustomer.example"


async def test_approving_twice_is_an_invalid_state(client, policy):
    company = await f.company(status="pending")
    token = await f.login(client, await f.staff(policy, "admin"))
    gid = f.gid("Company", company.id)

    await f.gql(client, APPROVE, {"input": {"id": gid}}, token=token)
    again = await f.gql(client, APPROVE, {"input": {"id": gid}}, token=token)

    [error] = again["data"]["companyApprove"]["errors"]
    assert error["code"] == "INVALID_STATE"


async def test_reject_needs_a_reason_and_records_it(client, policy):
    company = await f.company(status="pending")
    token = await f.login(client, await f.staff(policy, "sales"))
    gid = f.gid("Company", company.id)

    blank = await f.gql(client, REJECT, {"id": gid, "reason": "  "}, token=token)
    rejected = await f.gql(client, REJECT, {"id": gid, "reason": "资质不全"}, token=token)

    assert blank["data"]["companyReject"]["errors"] == [{"field": ["reason"], "code": "REQUIRED"}]
    assert rejected["data"]["companyReject"]["company"] == {
        "status": "REJECTED",
        "statusReason": "资质不全",
    }
    assert await AuditEntry.filter(action="company.reject").count() == 1


async def test_suspended_company_loses_ordering_until_reactivated(client, policy):
    company = await f.company()
    owner = await f.buyer(policy, company)
    admin_token = await f.login(client, await f.staff(policy, "admin"))
    gid = f.gid("Company", company.id)
    suspend = """mutation($id: ID!) { companySuspend(input: {id: $id, reason: "逾期"}) {
        company { status } errors { code } } }"""
    reactivate = """mutation($id: ID!) { companyReactivate(input: {id: $id}) {
        company { status } errors { code } } }"""

    await f.gql(client, suspend, {"id": gid}, token=admin_token)
    owner_token = await f.login(client, owner)
    suspended = (await f.gql(client, ME, token=owner_token))["data"]["me"]
    await f.gql(client, reactivate, {"id": gid}, token=admin_token)
    active = (await f.gql(client, ME, token=owner_token))["data"]["me"]

    assert suspended["company"]["status"] == "SUSPENDED"
    assert suspended["canOrder"] is False
    assert active["canOrder"] is True
