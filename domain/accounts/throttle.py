"""Login throttling: too many recent failures for an account or from an address blocks logins."""

from __future__ import annotations

import math

from db.accounts import LoginFailure
from domain.accounts.credentials import AuthPolicy, now
from domain.shared.errors import DomainError, ErrorCode


async def check(policy: AuthPolicy, email: str, address: str) -> None:
    since = now() - policy.throttle_window
    minutes = math.ceil(policy.throttle_window.total_seconds() / 60)
    recent = LoginFailure.filter(created_at__gte=since)
    if await recent.filter(email=email).count() >= policy.max_failures_per_account:
        raise DomainError(ErrorCode.LOGIN_THROTTLED, "email", minutes=minutes)
    if address and await recent.filter(address=address).count() >= policy.max_failures_per_address:
        raise DomainError(ErrorCode.LOGIN_THROTTLED, "email", minutes=minutes)


async def record_failure(email: str, address: str) -> None:
    await LoginFailure.create(email=email, address=address)


async def clear(policy: AuthPolicy, email: str) -> None:
    """A successful login forgives the account's failures and drops expired rows."""
    await LoginFailure.filter(email=email).delete()
    await LoginFailure.filter(created_at__lt=now() - policy.throttle_window).delete()
