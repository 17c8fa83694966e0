from tests import factories as f


async def test_me_returns_the_logged_in_buyer_and_company(client, policy):
    company = await f.company()
    user = await f.buyer(policy, company, role="purchaser")
    token = await f.login(client, user)

    result = await f.gql(
        client,
        "{ me { user { email companyRole } company { name status } permissions canOrder } }",
        token=token,
    )

    me = result["data"]["me"]
    assert me["user"] == {"email": user.email, "companyRole": "PURCHASER"}
    assert me["company"] == {"name": company.name, "status": "ACTIVE"}
    assert "ORDERS_PLACE" in me["permissions"]
    assert me["canOrder"] is True
