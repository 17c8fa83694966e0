"""Ending a login or an account ends its access at once: requests and open subscriptions."""

import asyncio
import json

import httpx

from dinghuo.app import create_app
from tests import factories as f
from tests.api.test_subscriptions import market, place_order, serving, subscribed
from tests.conftest import make_settings

ME = "{ me { user { email } } }"
REVOKE = (
    """mutation($t: String!) { tokenRevoke(input: {refreshToken: $t}) { ok errors { code } } }"""
)
DEACTIVATE = (
    """mutation($u: ID!) { companyUserDeactivate(input: {userId: $u}) { errors { code } } }"""
)

__all__ = ["market"]  # the fixture, shared with the subscription tests


async def _session(client, user) -> dict:
    result = await f.gql(client, f.LOGIN, {"email": user.email, "password": f.PASSWORD})
    return result["data"]["tokenCreate"]


async def test_revoking_a_login_ends_its_access_token_at_once(client, policy):
    user = await f.buyer(policy, await f.company())
    ended, other = await _session(client, user), await _session(client, user)

    await f.gql(client, REVOKE, {"t": ended["refreshToken"]})

    refused = await f.gql(client, ME, token=ended["accessToken"])
    assert refused["errors"][0]["extensions"]["code"] == "INVALID_TOKEN"
    # Another login of the same user goes on.
    still = await f.gql(client, ME, token=other["accessToken"])
    assert still["data"]["me"]["user"]["email"] == user.email


async def _stream_after(market, policy, end_access) -> dict:
    variant, company, _ = market
    member = await f.buyer(policy, company, role="viewer")
    owner = await f.buyer(policy, company)
    app = create_app(make_settings(), manage_db=False)
    async with serving(app) as address, httpx.AsyncClient(base_url=f"http://{address}") as c:
        session = await _session(c, member)
        async with subscribed(address, session["accessToken"]) as ws:
            await end_access(c, session, member, await f.login(c, owner))
            await place_order(address, policy, company, variant)
            refusal = json.loads(await asyncio.wait_for(ws.recv(), 5))
            after = json.loads(await asyncio.wait_for(ws.recv(), 5))
    # The event is not delivered: the stream reports why and ends.
    assert refusal["payload"]["data"] is None
    assert after["type"] == "complete"
    return refusal["payload"]["errors"][0]["extensions"]["code"]


async def test_a_subscription_stops_for_a_user_deactivated_mid_stream(market, policy):
    async def deactivate(client, session, member, owner_token):
        result = await f.gql(client, DEACTIVATE, {"u": f.gid("User", member.id)}, token=owner_token)
        assert result["data"]["companyUserDeactivate"]["errors"] == []

    assert await _stream_after(market, policy, deactivate) == "ACCOUNT_DISABLED"


async def test_a_subscription_stops_once_its_login_is_revoked(market, policy):
    async def revoke(client, session, member, owner_token):
        await f.gql(client, REVOKE, {"t": session["refreshToken"]})

    assert await _stream_after(market, policy, revoke) == "INVALID_TOKEN"
