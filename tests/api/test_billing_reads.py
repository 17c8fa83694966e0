"""Invoices, statements and a company's history: a buyer names only their own company, and
the statement download refuses what the statement query refuses."""

import pytest

from tests import factories as f

READS = {
    "invoices": "query($c: ID) { invoices(companyId: $c) { edges { node { number } } } }",
    "statement": """query($c: ID) { statement(start: "2026-06-01", end: "2026-06-30",
      companyId: $c) { closingBalance { amount } } }""",
    "companyTransactions": "query($c: ID) { companyTransactions(companyId: $c) { totalCount } }",
}


@pytest.mark.parametrize("field", READS)
async def test_a_buyer_naming_another_company_is_forbidden(client, policy, field):
    own, other = await f.company(), await f.company()
    token = await f.login(client, await f.buyer(policy, own))

    refused = await f.gql(client, READS[field], {"c": f.gid("Company", other.id)}, token=token)
    allowed = await f.gql(client, READS[field], {"c": f.gid("Company", own.id)}, token=token)

    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "errors" not in allowed and allowed["data"][field] is not None


async def test_statement_pdf_with_start_after_end_is_400_invalid(client, policy):
    company = await f.company()
    token = await f.login(client, await f.buyer(policy, company))
    params = {"company": f.gid("Company", company.id), "start": "2026-06-30", "end": "2026-06-01"}

    response = await client.get(
        "/documents/statements.pdf", params=params, headers={"authorization": f"Bearer {token}"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "INVALID"
