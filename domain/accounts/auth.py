"""Sessions: login, rotating refresh tokens, logout, and reading the caller from a token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from tortoise.transactions import in_transaction

from db.accounts import Company, RefreshToken, User
from domain.accounts import rotation, throttle, viewer
from domain.accounts.credentials import (
    hasher,
    issue_access_token,
    new_token,
    now,
    read_access_token,
    token_hash,
    verify_password,
)
from domain.accounts.permissions import Principal
from domain.accounts.policy import AuthPolicy
from domain.shared import log_context
from domain.shared.errors import DomainError, ErrorCode


@dataclass
class Session:
    user: User
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


async def issue_session(policy: AuthPolicy, user: User, family: str | None = None) -> Session:
    refresh, refresh_hash = new_token()
    expires = now() + policy.refresh_ttl
    family = family or secrets.token_hex(16)
    await RefreshToken.create(user=user, token_hash=refresh_hash, family=family, expires_at=expires)
    access, access_expires = issue_access_token(policy, user.id, user.token_version, family)
    return Session(user, access, access_expires, refresh, expires)


async def login(policy: AuthPolicy, email: str, password: str, address: str = "") -> Session:
    email = (email or "").strip().lower()
    slots = throttle.login_slots(policy, email, address)
    # The attempt is counted before the password is checked: see domain/accounts/throttle.py.
    await throttle.claim(policy, slots)
    user = await User.get_or_none(email=email)
    # Verify against a dummy hash when there is no such user, so timing does not tell.
    ok = await verify_password(
        policy, user.password_hash if user else _dummy_hash(policy), password
    )
    if not user or not ok:
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, "password")
    await throttle.succeeded(policy, slots)
    if not user.is_active:
        raise DomainError(ErrorCode.ACCOUNT_DISABLED, "email")
    return await issue_session(policy, user)


async def refresh(policy: AuthPolicy, token: str) -> Session:
    """Trade a refresh token for a new pair. A token used again within the grace window gets
    the pair its first use got (two tabs refreshing at once); used again later, or once that
    pair was traded on, it revokes its whole family, including the pair issued for it."""
    async with in_transaction():
        # The row lock makes a concurrent second use wait until the first has committed its
        # new token, so it reads the sealed pair (or the family revocation reaches it).
        row = (
            await RefreshToken.select_for_update()
            .filter(token_hash=token_hash(token or ""))
            .first()
        )
        if row is None or row.expires_at <= now():
            raise DomainError(ErrorCode.INVALID_TOKEN, "refreshToken")
        claimed = await RefreshToken.filter(id=row.id, revoked_at=None).update(revoked_at=now())
        if claimed:
            user = await User.get(id=row.user_id)
            if not user.is_active:
                raise DomainError(ErrorCode.ACCOUNT_DISABLED)
            session = await issue_session(policy, user, row.family)
            sealed = rotation.seal(
                token,
                session.access_token,
                session.access_expires_at,
                session.refresh_token,
                session.refresh_expires_at,
            )
            await RefreshToken.filter(id=row.id).update(successor_sealed=sealed)
            return session
        # Read again: without row locks (SQLite) the first read may predate the other use.
        row = await RefreshToken.get(id=row.id)
        session = await _successor_in_grace(policy, token, row)
        if session is not None:
            return session
    await _revoke_family(row.family)
    raise DomainError(ErrorCode.INVALID_TOKEN, "refreshToken")


async def _successor_in_grace(policy: AuthPolicy, token: str, row: RefreshToken) -> Session | None:
    """The pair this token was traded for, while the grace window lasts and that pair is
    still live (not traded on, not logged out)."""
    if row.successor_sealed is None or row.revoked_at is None:
        return None
    if now() - row.revoked_at > policy.refresh_reuse_grace:
        return None
    pair = rotation.unseal(token, row.successor_sealed)
    if pair is None:
        return None
    access, access_expires, refresh_token, refresh_expires = pair
    live = await RefreshToken.exists(
        token_hash=token_hash(refresh_token), revoked_at=None, expires_at__gt=now()
    )
    user = await User.get(id=row.user_id)
    if not live or not user.is_active:
        return None
    return Session(user, access, access_expires, refresh_token, refresh_expires)


async def _revoke_family(family: str) -> None:
    await RefreshToken.filter(family=family, revoked_at=None).update(revoked_at=now())


async def logout(token: str) -> bool:
    row = await RefreshToken.get_or_none(token_hash=token_hash(token or ""))
    if row is None:
        return False
    await _revoke_family(row.family)
    return True


async def revoke_all(user_id: int) -> None:
    await RefreshToken.filter(user_id=user_id, revoked_at=None).update(revoked_at=now())


def principal_for(user: User, company: Company | None) -> Principal:
    return Principal(
        user_id=user.id,
        email=user.email,
        kind=user.kind,
        staff_role=user.staff_role,
        company_id=user.company_id,
        company_role=user.company_role,
        company_status=company.status if company else None,
    )


async def authenticate(policy: AuthPolicy, access_token: str) -> tuple[User, Principal]:
    """The caller behind an access token. Disabled users, older token versions and ended
    logins (logout, a reused refresh token, a password change) fail."""
    user_id, version, session = read_access_token(policy, access_token)
    # One statement for the user, the company, whether the login is still live (its family
    # has an unrevoked, unexpired refresh token) and the pricing version.
    user = await viewer.live_user(user_id, session, now())
    if user is None:
        # Only on refusal: a second look, so a deactivated user learns why.
        ended = await User.get_or_none(id=user_id)
        if ended is not None and not ended.is_active:
            raise DomainError(ErrorCode.ACCOUNT_DISABLED)
        raise DomainError(ErrorCode.INVALID_TOKEN)
    if user.token_version != version:
        raise DomainError(ErrorCode.INVALID_TOKEN)
    if not user.is_active:
        raise DomainError(ErrorCode.ACCOUNT_DISABLED)
    log_context.signed_in(user.id, user.company_id)
    return user, principal_for(user, user.company)


_dummy_hashes: dict[AuthPolicy, str] = {}


def _dummy_hash(policy: AuthPolicy) -> str:
    if policy not in _dummy_hashes:
        _dummy_hashes[policy] = hasher(policy).hash(secrets.token_hex(8))
    return _dummy_hashes[policy]
