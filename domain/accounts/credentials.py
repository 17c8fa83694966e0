"""Password hashing (argon2), opaque one-time tokens and signed access tokens (JWT)."""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
from datetime import UTC, datetime

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.accounts.policy import AuthPolicy
from domain.shared.errors import DomainError, ErrorCode

MIN_PASSWORD_LENGTH = 8
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


_hashers: dict[tuple[int, int], PasswordHasher] = {}


def hasher(policy: AuthPolicy) -> PasswordHasher:
    time_cost, memory_kib = key = (policy.hash_time_cost, policy.hash_memory_kib)
    if key not in _hashers:
        _hashers[key] = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
    return _hashers[key]


def check_password_strength(password: str, field: str = "password") -> None:
    if (
        len(password) < MIN_PASSWORD_LENGTH
        or not _LETTER.search(password)
        or not _DIGIT.search(password)
    ):
        raise DomainError(ErrorCode.WEAK_PASSWORD, field, min=MIN_PASSWORD_LENGTH)


async def hash_password(policy: AuthPolicy, password: str) -> str:
    # argon2 is deliberately slow: keep it off the event loop.
    return await asyncio.to_thread(hasher(policy).hash, password)


async def verify_password(policy: AuthPolicy, password_hash: str, password: str) -> bool:
    def verify() -> bool:
        try:
            return hasher(policy).verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify)


def new_token() -> tuple[str, str]:
    """A random token for the user and the SHA-256 hash we store instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def issue_access_token(
    policy: AuthPolicy, user_id: int, token_version: int, session: str = ""
) -> tuple[str, datetime]:
    """`session` names the login (the refresh token family) the token belongs to: when that
    login ends, so does the access token."""
    expires = now() + policy.access_ttl
    claims = {
        "sub": str(user_id),
        "ver": token_version,
        "sid": session,
        "exp": expires,
        "typ": "access",
    }
    return jwt.encode(claims, policy.secret_key, algorithm="HS256"), expires


def read_access_token(policy: AuthPolicy, token: str) -> tuple[int, int, str]:
    """The user id, token version and session in a valid access token, or INVALID_TOKEN."""
    try:
        claims = jwt.decode(token, policy.secret_key, algorithms=["HS256"])
        if claims.get("typ") != "access":
            raise DomainError(ErrorCode.INVALID_TOKEN)
        return int(claims["sub"]), int(claims.get("ver", 0)), str(claims.get("sid") or "")
    except (jwt.PyJWTError, KeyError, ValueError) as exc:
        raise DomainError(ErrorCode.INVALID_TOKEN) from exc
