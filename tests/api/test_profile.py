"""The viewer edits their own name and language; bad values change nothing."""

from db.accounts import User
from tests import factories as f

UPDATE = """mutation($i: ProfileUpdateInput!) { profileUpdate(input: $i) {
  user { fullName language } errors { field code } } }"""


async def test_a_buyer_changes_name_and_language(client, policy):
    buyer = await f.buyer(policy, await f.company(), full_name="王")
    token = await f.login(client, buyer)

    result = await f.gql(
        client, UPDATE, {"i": {"fullName": "王小明", "languageCode": "EN"}}, token=token
    )

    assert result["data"]["profileUpdate"] == {
        "user": {"fullName": "王小明", "language": "EN"},
        "errors": [],
    }


async def test_an_unknown_language_or_an_empty_name_is_refused(client, policy):
    staff = await f.staff(policy, "sales", full_name="李")
    token = await f.login(client, staff)

    klingon = await f.gql(client, UPDATE, {"i": {"languageCode": "tlh"}}, token=token)
    blank = await f.gql(client, UPDATE, {"i": {"fullName": "  "}}, token=token)

    # A language outside LanguageCode never reaches the resolver: the variable is refused.
    assert klingon["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "data" not in klingon or klingon["data"] is None
    assert blank["data"]["profileUpdate"]["errors"][0]["code"] == "REQUIRED"
    assert (await User.get(id=staff.id)).full_name == "李"


async def test_anonymous_callers_have_no_profile(client):
    result = await f.gql(client, UPDATE, {"i": {"fullName": "x"}})

    assert result["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
