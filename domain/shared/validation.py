"""Small input checks shared by the rules; each raises a DomainError with the field."""

from __future__ import annotations

import re

from domain.shared.errors import DomainError, ErrorCode

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# 统一社会信用代码 is 18 characters; older tax ids and foreign ones vary, 15–20 is accepted.
_TAX_ID = re.compile(r"^[0-9A-Z]{15,20}$")


def text(value: str | None, field: str, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(ErrorCode.REQUIRED, field)
    if len(value) > max_length:
        raise DomainError(ErrorCode.TOO_LONG, field, max=max_length)
    return value


def email(value: str | None, field: str = "email") -> str:
    value = text(value, field, 254).lower()
    if not _EMAIL.match(value):
        raise DomainError(ErrorCode.INVALID_EMAIL, field)
    return value


def tax_id(value: str | None, field: str = "taxId") -> str:
    value = text(value, field, 40).upper().replace(" ", "")
    if not _TAX_ID.match(value):
        raise DomainError(ErrorCode.INVALID_TAX_ID, field)
    return value
