"""Translated text: zh-Hans and en, with fallback to the default language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.shared.errors import DomainError, ErrorCode
from domain.shared.messages import LANGUAGES

DEFAULT = "zh-Hans"


def check_language(language: str, field: str = "language") -> str:
    if language not in LANGUAGES:
        raise DomainError(ErrorCode.INVALID_LANGUAGE, field)
    return language


def pick(rows: Iterable[Any], language: str, default: str = DEFAULT) -> Any | None:
    """The row in the wanted language, else the default language's, else any."""
    by_language = {r.language: r for r in rows}
    return (
        by_language.get(language)
        or by_language.get(default)
        or next(iter(by_language.values()), None)
    )


def to_pairs(values: dict[str, str] | None) -> list[list[str]]:
    """Ordered name/value pairs as stored: JSON objects lose their order in PostgreSQL."""
    return [[str(k), str(v)] for k, v in (values or {}).items()]


def from_pairs(stored) -> dict[str, str]:
    if isinstance(stored, dict):
        return dict(stored)
    return {k: v for k, v in stored or []}


def pick_map(names: dict[str, str] | None, language: str, default: str = DEFAULT) -> str:
    names = names or {}
    return names.get(language) or names.get(default) or next(iter(names.values()), "")
