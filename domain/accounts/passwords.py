"""Password change, and reset by a one-time token delivered through the outbox."""

from __future__ import annotations

from tortoise.expressions import F
from tortoise.transactions import in_transaction

from db.accounts import PasswordResetToken, User
from domain.accounts import auth, throttle
from domain.accounts.credentials import (
    check_password_strength,
    hash_password,
    new_token,
    now,
    token_hash,
    verify_password,
)
from domain.accounts.policy import AuthPolicy
from domain.shared import outbox, validation
from domain.shared.errors import DomainError, ErrorCode


async def _set_password(policy: AuthPolicy, user_id: int, password: str) -> None:
    # A new token version makes every access token issued before this moment invalid.
    await User.filter(id=user_id).update(
        password_hash=await hash_password(policy, password),
        token_version=F("token_version") + 1,
    )
    await auth.revoke_all(user_id)
    # Reset tokens mailed earlier, older or newer than one just used, must not work after.
    await PasswordResetToken.filter(user_id=user_id, used_at=None).update(used_at=now())


async def change(policy: AuthPolicy, user_id: int, current: str, new: str) -> auth.Session:
    # Someone holding a stolen access token must not get to guess the password freely.
    slots = [throttle.Slot(f"password:{user_id}", policy.max_failures_per_account_address, True)]
    await throttle.claim(policy, slots, "currentPassword", ErrorCode.TOO_MANY_ATTEMPTS)
    user = await User.get(id=user_id)
    if not await verify_password(policy, user.password_hash, current):
        raise DomainError(ErrorCode.WRONG_PASSWORD, "currentPassword")
    await throttle.succeeded(policy, slots)
    check_password_strength(new, "newPassword")
    async with in_transaction():
        await _set_password(policy, user_id, new)
        await user.refresh_from_db()
        return await auth.issue_session(policy, user)


async def request_reset(policy: AuthPolicy, email: str, language: str, address: str = "") -> None:
    """Always looks the same to the caller, so it does not reveal which emails exist.
    Requests are counted per email and per address, whether the email exists or not."""
    slots = [
        throttle.Slot(
            f"reset:{(email or '').strip().lower()}", policy.max_failures_per_account_address, False
        )
    ]
    if address:
        slots.append(throttle.Slot(f"reset-from:{address}", policy.max_failures_per_address, False))
    await throttle.claim(policy, slots, "email", ErrorCode.TOO_MANY_ATTEMPTS)
    try:
        email = validation.email(email)
    except DomainError:
        return
    user = await User.get_or_none(email=email, is_active=True)
    if user is None:
        return
    token, hashed = new_token()
    async with in_transaction():
        await PasswordResetToken.create(
            user=user, token_hash=hashed, expires_at=now() + policy.reset_ttl
        )
        await outbox.enqueue(
            "password_reset",
            user.email,
            user.language or language,
            token=token,
            minutes=int(policy.reset_ttl.total_seconds() // 60),
        )


async def reset(policy: AuthPolicy, token: str, new: str) -> None:
    check_password_strength(new, "newPassword")
    async with in_transaction():
        row = await PasswordResetToken.get_or_none(token_hash=token_hash(token or ""))
        if row is None or row.expires_at <= now():
            raise DomainError(ErrorCode.INVALID_TOKEN, "token")
        # Claim the token first: of two concurrent resets only one may use it.
        if not await PasswordResetToken.filter(id=row.id, used_at=None).update(used_at=now()):
            raise DomainError(ErrorCode.INVALID_TOKEN, "token")
        await _set_password(policy, row.user_id, new)
