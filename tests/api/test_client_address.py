"""The client's address comes from X-Forwarded-For only when a trusted proxy sent it."""

from types import SimpleNamespace

import httpx
import pytest

from dinghuo.app import create_app
from resolvers.core.context import client_address
from tests import factories as f
from tests.conftest import make_settings


def request(peer: str, forwarded: str | None = None):
    headers = {"x-forwarded-for": forwarded} if forwarded is not None else {}
    return SimpleNamespace(client=SimpleNamespace(host=peer), headers=headers)


def proxies(value: str):
    return make_settings(forwarded_allow_ips=value).trusted_proxies()


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "expected"),
    [
        ("", "127.0.0.1", "198.51.100.7", "127.0.0.1"),  # default: no header is believed
        ("10.0.0.1", "127.0.0.1", "198.51.100.7", "127.0.0.1"),  # peer is not the proxy
        ("10.0.0.1", "10.0.0.1", "198.51.100.7", "198.51.100.7"),
        # A client-written first entry is skipped: the proxy appends the real peer last.
        ("10.0.0.1", "10.0.0.1", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        ("10.0.0.0/8", "10.0.0.1", "198.51.100.7, 10.0.0.2", "198.51.100.7"),
        ("10.0.0.1", "10.0.0.1", None, "10.0.0.1"),
        ("*", "192.0.2.1", "198.51.100.7", "198.51.100.7"),
    ],
)
def test_forwarded_addresses_are_believed_from_trusted_proxies_only(
    trusted, peer, forwarded, expected
):
    assert client_address(request(peer, forwarded), proxies(trusted)) == expected


def test_a_bad_proxy_setting_stops_the_service_from_starting():
    assert any("FORWARDED_ALLOW_IPS" in p for p in make_settings(forwarded_allow_ips="x").check())


async def test_rotating_forwarded_for_does_not_escape_the_throttle(db, policy):
    user = await f.buyer(policy, await f.company())
    app = create_app(make_settings(), manage_db=False)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 1234))
    codes = []
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for n in range(policy.max_failures_per_account_address + 1):
            response = await client.post(
                "/graphql",
                json={"query": f.LOGIN, "variables": {"email": user.email, "password": "Wrong123"}},
                headers={"x-forwarded-for": f"198.51.100.{n}"},
            )
            codes.append(response.json()["data"]["tokenCreate"]["errors"][0]["code"])

    assert codes[-1] == "LOGIN_THROTTLED"
