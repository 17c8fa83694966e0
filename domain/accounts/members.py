"""A company's people: invitations by email, company roles, deactivation; and staff accounts."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from db.accounts import Company, Invitation, User
from domain.accounts import auth
from domain.accounts.credentials import (
    check_password_strength,
    hash_password,
    new_token,
    now,
    token_hash,
)
from domain.accounts.permissions import CompanyRole, Principal, StaffRole
from domain.accounts.policy import AuthPolicy
from domain.shared import audit, outbox, validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import message


def _company_role(value: str) -> CompanyRole:
    try:
        return CompanyRole(value)
    except ValueError as exc:
        raise DomainError(ErrorCode.INVALID_ROLE, "role") from exc


async def invite(
    policy: AuthPolicy, actor: Principal, email: str, role: str, request_id: str = ""
) -> tuple[Invitation, str]:
    """An owner invites someone to their own company. Returns the invitation and its token."""
    email = validation.email(email)
    role_value = _company_role(role).value
    if await User.filter(email=email).exists():
        raise DomainError(ErrorCode.DUPLICATE_EMAIL, "email")
    company = await Company.get(id=actor.company_id)
    token, hashed = new_token()
    async with in_transaction():
        invitation = await Invitation.create(
            company=company,
            email=email,
            company_role=role_value,
            token_hash=hashed,
            invited_by_id=actor.user_id,
            expires_at=now() + policy.invitation_ttl,
        )
        await audit.record(
            actor,
            "invitation.create",
            invitation,
            None,
            {"email": email, "role": role_value},
            request_id,
        )
        # The invitee has no language yet: the platform's default, with the role's label.
        language = "zh-Hans"
        label = message(f"company_role.{role_value}", language)
        await outbox.enqueue(
            "invitation", email, language, company=company.name, role=label, token=token
        )
    return invitation, token


async def accept(
    policy: AuthPolicy, token: str, full_name: str, password: str, language: str | None = None
) -> auth.Session:
    full_name = validation.text(full_name, "fullName", 100)
    check_password_strength(password)
    invitation = await Invitation.get_or_none(token_hash=token_hash(token or ""))
    if invitation is None or invitation.accepted_at or invitation.expires_at <= now():
        raise DomainError(ErrorCode.INVALID_TOKEN, "token")
    password_hash = await hash_password(policy, password)
    try:
        async with in_transaction():
            claimed = await Invitation.filter(id=invitation.id, accepted_at=None).update(
                accepted_at=now()
            )
            if not claimed:
                raise DomainError(ErrorCode.INVALID_TOKEN, "token")
            user = await User.create(
                email=invitation.email,
                password_hash=password_hash,
                full_name=full_name,
                kind="buyer",
                company_id=invitation.company_id,
                company_role=invitation.company_role,
                language=language,
            )
            return await auth.issue_session(policy, user)
    except IntegrityError as exc:
        raise DomainError(ErrorCode.DUPLICATE_EMAIL, "email") from exc


async def _member(actor: Principal, user_id: int) -> User:
    """A user of the actor's own company; anyone else is simply not found."""
    user = await User.get_or_none(id=user_id, company_id=actor.company_id, kind="buyer")
    if user is None:
        raise DomainError(ErrorCode.NOT_FOUND, "userId")
    return user


async def _ensure_other_owner(user: User) -> None:
    others = (
        await User.filter(company_id=user.company_id, company_role="owner", is_active=True)
        .exclude(id=user.id)
        .count()
    )
    if others == 0:
        raise DomainError(ErrorCode.LAST_OWNER, "userId")


async def set_role(actor: Principal, user_id: int, role: str, request_id: str = "") -> User:
    role_value = _company_role(role).value
    async with in_transaction():
        user = await _member(actor, user_id)
        before = {"role": user.company_role}
        if user.company_role == "owner" and role_value != "owner":
            await _ensure_other_owner(user)
        user.company_role = role_value
        await user.save(update_fields=["company_role"])
        await audit.record(actor, "user.role", user, before, {"role": role_value}, request_id)
    return user


async def deactivate(actor: Principal, user_id: int, request_id: str = "") -> User:
    async with in_transaction():
        user = await _member(actor, user_id)
        if user.company_role == "owner":
            await _ensure_other_owner(user)
        user.is_active = False
        await user.save(update_fields=["is_active"])
        await auth.revoke_all(user.id)
        await audit.record(
            actor, "user.deactivate", user, {"isActive": True}, {"isActive": False}, request_id
        )
    return user


async def create_staff(
    policy: AuthPolicy,
    actor: Principal | None,
    email: str,
    role: str,
    password: str,
    full_name: str = "",
    request_id: str = "",
) -> User:
    email = validation.email(email)
    try:
        role_value = StaffRole(role).value
    except ValueError as exc:
        raise DomainError(ErrorCode.INVALID_ROLE, "role") from exc
    check_password_strength(password)
    if await User.filter(email=email).exists():
        raise DomainError(ErrorCode.DUPLICATE_EMAIL, "email")
    password_hash = await hash_password(policy, password)
    async with in_transaction():
        user = await User.create(
            email=email,
            password_hash=password_hash,
            full_name=validation.text(full_name, "fullName", 100, False),
            kind="staff",
            staff_role=role_value,
        )
        await audit.record(actor, "staff.create", user, None, {"role": role_value}, request_id)
    return user
