"""Reset tokens work once and not after a newer one or a password change; password guessing
through reset requests or passwordChange is throttled."""

from db.outbox import OutboxMessage
from tests import factories as f

REQUEST = (
    """mutation($e: String!) { passwordResetRequest(input: {email: $e}) { ok errors { code } } }"""
)
RESET = """mutation($t: String!, $p: String!) { passwordReset(input: {token: $t, newPassword: $p}) {
  ok errors { code } } }"""
CHANGE = """mutation($c: String!, $n: String!) { passwordChange(input: {currentPassword: $c,
  newPassword: $n}) { accessToken errors { field code } } }"""


async def _reset_tokens(email: str) -> list[str]:
    mails = await OutboxMessage.filter(kind="password_reset", recipient=email).order_by("id")
    return [m.body.rsplit("：", 1)[-1].strip() for m in mails]


def _error(result: dict, name: str) -> str | None:
    errors = result["data"][name]["errors"]
    return errors[0]["code"] if errors else None


async def test_an_older_reset_token_stops_working_once_a_newer_one_is_used(client, policy):
    user = await f.buyer(policy, await f.company())
    await f.gql(client, REQUEST, {"e": user.email})
    await f.gql(client, REQUEST, {"e": user.email})
    older, newer = await _reset_tokens(user.email)

    used = await f.gql(client, RESET, {"t": newer, "p": "Newer1234"})
    stale = await f.gql(client, RESET, {"t": older, "p": "Older1234"})

    assert _error(used, "passwordReset") is None
    assert _error(stale, "passwordReset") == "INVALID_TOKEN"
    assert (await f.gql(client, f.LOGIN, {"email": user.email, "password": "Newer1234"}))["data"][
        "tokenCreate"
    ]["errors"] == []


async def test_a_password_change_ends_outstanding_reset_tokens(client, policy):
    user = await f.buyer(policy, await f.company())
    token = await f.login(client, user)
    await f.gql(client, REQUEST, {"e": user.email})
    [reset_token] = await _reset_tokens(user.email)

    changed = await f.gql(client, CHANGE, {"c": f.PASSWORD, "n": "Changed123"}, token=token)
    late = await f.gql(client, RESET, {"t": reset_token, "p": "Hijack1234"})

    assert _error(changed, "passwordChange") is None
    assert _error(late, "passwordReset") == "INVALID_TOKEN"


async def test_reset_requests_are_throttled_per_email(client, policy):
    user = await f.buyer(policy, await f.company())
    limit = policy.max_failures_per_account_address

    results = [await f.gql(client, REQUEST, {"e": user.email}) for _ in range(limit + 2)]

    assert [_error(r, "passwordResetRequest") for r in results[limit:]] == ["TOO_MANY_ATTEMPTS"] * 2
    assert await OutboxMessage.filter(kind="password_reset").count() == limit


async def test_guessing_the_current_password_is_throttled(client, policy):
    user = await f.buyer(policy, await f.company())
    token = await f.login(client, user)
    limit = policy.max_failures_per_account_address
    for _ in range(limit):
        await f.gql(client, CHANGE, {"c": "Guess1234", "n": "Changed123"}, token=token)

    right = await f.gql(client, CHANGE, {"c": f.PASSWORD, "n": "Changed123"}, token=token)

    assert right["data"]["passwordChange"]["errors"] == [
        {"field": ["currentPassword"], "code": "TOO_MANY_ATTEMPTS"}
    ]
