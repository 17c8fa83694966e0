from datetime import timedelta

import jwt
import pytest

from domain.accounts.credentials import (
    check_password_strength,
    hash_password,
    issue_access_token,
    read_access_token,
    verify_password,
)
from domain.accounts.policy import AuthPolicy
from domain.shared.errors import DomainError, ErrorCode

POLICY = AuthPolicy(secret_key="k" * 40, hash_time_cost=1, hash_memory_kib=1024)


@pytest.mark.parametrize("password", ["short1", "onlyletters", "1234567890", ""])
def test_weak_passwords_are_refused(password):
    with pytest.raises(DomainError) as err:
        check_password_strength(password)
    assert err.value.code is ErrorCode.WEAK_PASSWORD


def test_letters_and_digits_of_any_script_are_strong_enough():
    check_password_strength("Secret123")
    check_password_strength("订货平台密码2026")


async def test_password_hash_verifies_only_the_right_password():
    hashed = await hash_password(POLICY, "Secret123")
    assert hashed.startswith("$argon2id$")
    assert await verify_password(POLICY, hashed, "Secret123")
    assert not await verify_password(POLICY, hashed, "Secret124")
    assert not await verify_password(POLICY, "not-a-hash", "Secret123")


def test_access_token_round_trip():
    token, _ = issue_access_token(POLICY, 42, 3, "family")
    assert read_access_token(POLICY, token) == (42, 3, "family")


def test_access_token_signed_with_another_key_is_invalid():
    other = AuthPolicy(secret_key="x" * 40)
    token, _ = issue_access_token(other, 42, 0)
    with pytest.raises(DomainError) as err:
        read_access_token(POLICY, token)
    assert err.value.code is ErrorCode.INVALID_TOKEN


def test_expired_access_token_is_invalid():
    expired = AuthPolicy(secret_key="k" * 40, access_ttl=timedelta(seconds=-1))
    token, _ = issue_access_token(expired, 42, 0)
    with pytest.raises(DomainError):
        read_access_token(POLICY, token)


def test_token_of_another_type_is_invalid():
    token = jwt.encode({"sub": "1", "typ": "refresh"}, POLICY.secret_key, algorithm="HS256")
    with pytest.raises(DomainError):
        read_access_token(POLICY, token)
