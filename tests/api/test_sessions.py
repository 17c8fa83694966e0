"""Login, refresh rotation, logout, throttling, password change and reset."""

from datetime import timedelta

from db.accounts import RefreshToken
from db.outbox import OutboxMessage
from domain.accounts.credentials import token_hash
from tests import factories as f
from tests.conftest import make_settings

REFRESH = """mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) {
  accessToken refreshToken errors { code } } }"""
LOGOUT = (
    """mutation($t: String!) { tokenRevoke(input: {refreshToken: $t}) { ok errors { code } } }"""
)
ME = "{ me { user { email } } }"


async def _login(client, email, password=f.PASSWORD, language=None) -> dict:
    result = await f.gql(client, f.LOGIN, {"email": email, "password": password}, language=language)
    return result["data"]["tokenCreate"]


async def test_login_refresh_logout(client, policy):
    user = await f.buyer(policy, await f.company())

    session = await _login(client, user.email)
    refreshed = (await f.gql(client, REFRESH, {"t": session["refreshToken"]}))["data"][
        "tokenRefresh"
    ]
    me = await f.gql(client, ME, token=refreshed["accessToken"])
    logout = await f.gql(client, LOGOUT, {"t": refreshed["refreshToken"]})
    after_logout = await f.gql(client, REFRESH, {"t": refreshed["refreshToken"]})

    assert me["data"]["me"]["user"]["email"] == user.email
    assert refreshed["refreshToken"] != session["refreshToken"]
    assert logout["data"]["tokenRevoke"]["ok"] is True
    assert after_logout["data"]["tokenRefresh"]["errors"] == [{"code": "INVALID_TOKEN"}]


async def test_a_used_refresh_token_fails_and_revokes_its_rotations(client, policy):
    user = await f.buyer(policy, await f.company())
    session = await _login(client, user.email)
    rotated = (await f.gql(client, REFRESH, {"t": session["refreshToken"]}))["data"]["tokenRefresh"]
    # Past the grace window in which a second tab gets the same pair.
    row = await RefreshToken.get(token_hash=token_hash(session["refreshToken"]))
    assert row.revoked_at is not None
    row.revoked_at -= timedelta(seconds=31)
    await row.save(update_fields=["revoked_at"])

    replay = await f.gql(client, REFRESH, {"t": session["refreshToken"]})
    newest = await f.gql(client, REFRESH, {"t": rotated["refreshToken"]})

    assert replay["data"]["tokenRefresh"]["errors"] == [{"code": "INVALID_TOKEN"}]
    # Reuse suggests theft: the whole family ends, including the newest token.
    assert newest["data"]["tokenRefresh"]["errors"] == [{"code": "INVALID_TOKEN"}]


async def test_wrong_password_is_refused_in_the_callers_language(client, policy):
    user = await f.buyer(policy, await f.company())

    zh = await _login(client, user.email, "Wrong1234")
    en = await _login(client, user.email, "Wrong1234", language="en")
    unknown = await _login(client, "nobody@example.com", "Wrong1234", language="en")

    assert zh["errors"] == [
        {"field": ["password"], "code": "INVALID_CREDENTIALS", "message": "邮箱或密码错误。"}
    ]
    assert en["errors"][0]["message"] == "Wrong email or password."
    assert unknown["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert zh["accessToken"] is None


async def test_repeated_failures_throttle_the_account_even_with_the_right_password(client, policy):
    user = await f.buyer(policy, await f.company())
    for _ in range(policy.max_failures_per_account_address):
        await _login(client, user.email, "Wrong1234")

    blocked = await _login(client, user.email, language="en")

    assert blocked["errors"][0]["code"] == "LOGIN_THROTTLED"
    assert "15 minutes" in blocked["errors"][0]["message"]
    assert blocked["accessToken"] is None


async def test_repeated_failures_from_one_address_throttle_other_accounts(db):
    import httpx

    from dinghuo.app import create_app
    from dinghuo.policies import auth_policy

    settings = make_settings(login_max_failures_per_address=3)
    policy = auth_policy(settings)
    user = await f.buyer(policy, await f.company())
    app = create_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app, client=("198.51.100.9", 1234))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for n in range(3):
            await _login(client, f"guess{n}@example.com", "Wrong1234")
        blocked = await _login(client, user.email)

    other = httpx.ASGITransport(app=app, client=("198.51.100.10", 1234))
    async with httpx.AsyncClient(transport=other, base_url="http://test") as client:
        allowed = await _login(client, user.email)

    assert blocked["errors"][0]["code"] == "LOGIN_THROTTLED"
    assert allowed["errors"] == []


async def test_successful_login_clears_the_accounts_failures(client, policy):
    user = await f.buyer(policy, await f.company())
    for _ in range(policy.max_failures_per_account_address - 1):
        await _login(client, user.email, "Wrong1234")
    await _login(client, user.email)
    for _ in range(policy.max_failures_per_account_address - 1):
        await _login(client, user.email, "Wrong1234")

    assert (await _login(client, user.email))["errors"] == []


async def test_disabled_account_cannot_log_in(client, policy):
    user = await f.buyer(policy, await f.company(), is_active=False)
    assert (await _login(client, user.email))["errors"][0]["code"] == "ACCOUNT_DISABLED"


async def test_password_change_ends_old_tokens_and_keeps_this_session(client, policy):
    user = await f.buyer(policy, await f.company())
    old = await _login(client, user.email)
    change = """mutation($c: String!, $n: String!) { passwordChange(input: {currentPassword: $c,
        newPassword: $n}) { accessToken errors { field code } } }"""

    wrong = await f.gql(
        client, change, {"c": "Wrong1234", "n": "NewSecret456"}, token=old["accessToken"]
    )
    changed = await f.gql(
        client, change, {"c": f.PASSWORD, "n": "NewSecret456"}, token=old["accessToken"]
    )

    assert wrong["data"]["passwordChange"]["errors"] == [
        {"field": ["currentPassword"], "code": "WRONG_PASSWORD"}
    ]
    new_token = changed["data"]["passwordChange"]["accessToken"]
    assert (await f.gql(client, ME, token=new_token))["data"]["me"]["user"]["email"] == user.email
    stale = await f.gql(client, ME, token=old["accessToken"])
    assert stale["errors"][0]["extensions"]["code"] == "INVALID_TOKEN"
    old_refresh = await f.gql(client, REFRESH, {"t": old["refreshToken"]})
    assert old_refresh["data"]["tokenRefresh"]["errors"] == [{"code": "INVALID_TOKEN"}]
    assert (await _login(client, user.email, "NewSecret456"))["errors"] == []


async def test_password_reset_by_one_time_token_from_the_outbox(client, policy):
    user = await f.buyer(policy, await f.company())
    request = """mutation($e: String!) { passwordResetRequest(input: {email: $e}) {
        ok errors { code } } }"""
    reset = """mutation($t: String!, $p: String!) {
        passwordReset(input: {token: $t, newPassword: $p}) { ok errors { field code } } }"""

    known = await f.gql(client, request, {"e": user.email})
    unknown = await f.gql(client, request, {"e": "nobody@example.com"})
    mail = await OutboxMessage.get(kind="password_reset")
    token = mail.body.rsplit("：", 1)[-1].strip()
    done = await f.gql(client, reset, {"t": token, "p": "Reset7890"})
    reused = await f.gql(client, reset, {"t": token, "p": "Reset7891"})

    assert known["data"]["passwordResetRequest"] == unknown["data"]["passwordResetRequest"]
    assert await OutboxMessage.filter(kind="password_reset").count() == 1
    assert mail.recipient == user.email
    assert done["data"]["passwordReset"] == {"ok": True, "errors": []}
    assert reused["data"]["passwordReset"]["errors"] == [
        {"field": ["token"], "code": "INVALID_TOKEN"}
    ]
    assert (await _login(client, user.email, "Reset7890"))["errors"] == []
    assert (await _login(client, user.email))["errors"][0]["code"] == "INVALID_CREDENTIALS"
