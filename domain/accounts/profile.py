"""A signed-in user's own profile: the name others see and the language of their mails."""

from __future__ import annotations

from db.accounts import User
from domain.accounts.permissions import Principal
from domain.shared import validation
from domain.shared.errors import DomainError, ErrorCode
from domain.shared.translations import check_language


async def update(actor: Principal, full_name: str | None, language: str | None) -> User:
    """Only the fields given change; an empty name is refused."""
    changes: dict[str, str] = {}
    if full_name is not None:
        changes["full_name"] = validation.text(full_name, "fullName", 100)
    if language is not None:
        changes["language"] = check_language(language, "languageCode")
    if changes and not await User.filter(id=actor.user_id, is_active=True).update(**changes):
        raise DomainError(ErrorCode.NOT_FOUND, None)
    return await User.get(id=actor.user_id)
