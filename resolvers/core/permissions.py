"""Declared access rules for root fields: every Query and Mutation field names one."""

from __future__ import annotations

from typing import Any

from strawberry.extensions.field_extension import FieldExtension
from strawberry.permission import BasePermission, PermissionExtension

from domain.accounts import permissions
from domain.accounts.permissions import Perm
from domain.shared.errors import ErrorCode
from resolvers.core.context import Info
from resolvers.core.errors import refusal


class AllowAny(BasePermission):
    """Open to anonymous callers (registration, login, password reset)."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


class Authenticated(BasePermission):
    """Any signed-in user, staff or buyer."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if info.context.principal is None:
            raise refusal(info, info.context.auth_error or ErrorCode.UNAUTHENTICATED)
        return True


class Requires(Authenticated):
    """A signed-in user holding every one of the named permissions."""

    def __init__(self, *perms: Perm) -> None:
        self.perms = perms

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        super().has_permission(source, info, **kwargs)
        principal = info.context.actor
        if all(principal.has(p) for p in self.perms):
            return True
        raise refusal(info, ErrorCode.FORBIDDEN)


class Can(BasePermission):
    """The caller may perform the action, as the permission table says
    (domain/accounts/permissions.py). With `by`, the value of that field of the `input`
    argument can name an entry of its own (`returnResolve.refund`), which then decides
    instead."""

    def __init__(self, action: str, by: str | None = None) -> None:
        self.action = action
        self.by = by

    def action_for(self, kwargs: dict[str, Any]) -> str:
        value = getattr(kwargs.get("input"), self.by, None) if self.by else None
        specific = f"{self.action}.{value}"
        return specific if value is not None and specific in permissions.ACTIONS else self.action

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        code = permissions.refusal(principal, self.action_for(kwargs))
        if code is ErrorCode.UNAUTHENTICATED:
            raise refusal(info, info.context.auth_error or code)
        if code is ErrorCode.COMPANY_NOT_ACTIVE:
            # Only a signed-in buyer's company can be inactive.
            raise refusal(info, code, status=info.context.actor.company_status)
        if code is not None:
            raise refusal(info, code)
        return True


def can(action: str, by: str | None = None) -> list[FieldExtension]:
    """Every mutation declares its action; the permission table decides."""
    return [PermissionExtension([Can(action, by)], use_directives=False)]


def allow_any() -> list[FieldExtension]:
    return [PermissionExtension([AllowAny()], use_directives=False)]


def authenticated() -> list[FieldExtension]:
    return [PermissionExtension([Authenticated()], use_directives=False)]


def requires(*perms: Perm) -> list[FieldExtension]:
    return [PermissionExtension([Requires(*perms)], use_directives=False)]
