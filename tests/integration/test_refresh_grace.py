"""Two tabs refreshing with one refresh token: the same new pair within the grace window."""

import asyncio
from datetime import timedelta

import pytest

from db.accounts import RefreshToken
from dinghuo.policies import auth_policy
from domain.accounts import auth, rotation
from domain.accounts.credentials import token_hash
from domain.shared.errors import DomainError, ErrorCode
from tests import factories as f
from tests.conftest import make_settings


async def _rotated_ago(token: str, seconds: int) -> None:
    """As if the token had been traded `seconds` ago."""
    row = await RefreshToken.get(token_hash=token_hash(token))
    assert row.revoked_at is not None
    row.revoked_at -= timedelta(seconds=seconds)
    await row.save(update_fields=["revoked_at"])


async def _login(policy):
    user = await f.buyer(policy, await f.company())
    return await auth.issue_session(policy, user)


async def test_a_second_tab_within_the_window_gets_the_same_pair(db, policy):
    session = await _login(policy)

    first = await auth.refresh(policy, session.refresh_token)
    second = await auth.refresh(policy, session.refresh_token)
    onward = await auth.refresh(policy, second.refresh_token)

    assert (second.access_token, second.refresh_token) == (first.access_token, first.refresh_token)
    assert second.refresh_expires_at == first.refresh_expires_at
    assert onward.refresh_token != first.refresh_token  # the login goes on


async def test_reuse_after_the_window_revokes_the_family(db, policy):
    session = await _login(policy)
    first = await auth.refresh(policy, session.refresh_token)
    await _rotated_ago(session.refresh_token, 31)

    with pytest.raises(DomainError) as reuse:
        await auth.refresh(policy, session.refresh_token)
    with pytest.raises(DomainError) as newest:
        await auth.refresh(policy, first.refresh_token)

    assert reuse.value.code == newest.value.code == ErrorCode.INVALID_TOKEN


async def test_reuse_once_the_new_pair_was_traded_on_revokes_the_family(db, policy):
    session = await _login(policy)
    first = await auth.refresh(policy, session.refresh_token)
    latest = await auth.refresh(policy, first.refresh_token)

    with pytest.raises(DomainError):
        await auth.refresh(policy, session.refresh_token)
    with pytest.raises(DomainError):
        await auth.refresh(policy, latest.refresh_token)


async def test_no_grace_window_means_any_reuse_revokes(db):
    policy = auth_policy(make_settings(refresh_token_reuse_grace_seconds=0))
    session = await _login(policy)
    first = await auth.refresh(policy, session.refresh_token)
    await _rotated_ago(session.refresh_token, 1)

    with pytest.raises(DomainError):
        await auth.refresh(policy, session.refresh_token)
    with pytest.raises(DomainError):
        await auth.refresh(policy, first.refresh_token)


async def test_the_stored_pair_does_not_open_with_another_token(db, policy):
    session = await _login(policy)
    first = await auth.refresh(policy, session.refresh_token)
    row = await RefreshToken.get(token_hash=token_hash(session.refresh_token))

    assert row.successor_sealed is not None
    assert first.refresh_token not in row.successor_sealed

    assert rotation.unseal("another-token", row.successor_sealed) is None


async def test_two_tabs_refreshing_at_once_get_one_pair(db, policy):
    if db != "postgres":
        pytest.skip("row locks are PostgreSQL's; SQLite serializes writers")
    session = await _login(policy)

    results = await asyncio.gather(
        *(auth.refresh(policy, session.refresh_token) for _ in range(2)),
        return_exceptions=True,
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    pairs = {(r.access_token, r.refresh_token) for r in results}  # type: ignore[union-attr]
    assert len(pairs) == 1
    family = (await RefreshToken.get(token_hash=token_hash(session.refresh_token))).family
    assert await RefreshToken.filter(family=family, revoked_at=None).count() == 1
