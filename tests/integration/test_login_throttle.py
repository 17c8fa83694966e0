"""Sign-in throttling holds under concurrent guesses and spares the people of one office."""

import asyncio
from collections import Counter

from dinghuo.policies import auth_policy
from domain.accounts import auth
from domain.shared.errors import DomainError
from tests import factories as f
from tests.conftest import make_settings


async def _outcomes(attempts) -> Counter:
    results = await asyncio.gather(*attempts, return_exceptions=True)
    return Counter(r.code.value if isinstance(r, DomainError) else "OK" for r in results)


async def test_thirty_parallel_guesses_from_one_address_check_at_most_the_limit(db, policy):
    user = await f.buyer(policy, await f.company())

    outcomes = await _outcomes(
        auth.login(policy, user.email, f"Wrong{n:04d}", "198.51.100.1") for n in range(30)
    )

    assert outcomes["INVALID_CREDENTIALS"] == policy.max_failures_per_account_address
    assert outcomes["LOGIN_THROTTLED"] == 30 - policy.max_failures_per_account_address


async def test_guesses_spread_over_addresses_stop_at_the_account_limit(db):
    policy = auth_policy(make_settings(login_max_failures_per_account=8))
    user = await f.buyer(policy, await f.company())

    outcomes = await _outcomes(
        auth.login(policy, user.email, "Wrong1234", f"198.51.100.{n}") for n in range(30)
    )

    assert outcomes["INVALID_CREDENTIALS"] == 8
    assert outcomes["LOGIN_THROTTLED"] == 22


async def test_a_throttled_account_refuses_even_the_right_password(db, policy):
    user = await f.buyer(policy, await f.company())
    await _outcomes(auth.login(policy, user.email, "Wrong1234", "198.51.100.1") for _ in range(5))

    outcomes = await _outcomes([auth.login(policy, user.email, f.PASSWORD, "198.51.100.1")])

    assert outcomes == {"LOGIN_THROTTLED": 1}


async def test_one_offices_users_do_not_lock_each_other_out(db, policy):
    company = await f.company()
    users = [await f.buyer(policy, company, role="purchaser") for _ in range(25)]
    office = "203.0.113.50"
    for user in users:  # everyone mistypes once
        await _outcomes([auth.login(policy, user.email, "Wrong1234", office)])

    outcomes = await _outcomes(auth.login(policy, u.email, f.PASSWORD, office) for u in users)

    assert outcomes == {"OK": 25}
