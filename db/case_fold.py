"""Lower-casing text the way PostgreSQL's LOWER does, for SQLite and for search terms."""

from __future__ import annotations

# PostgreSQL lowers one character at a time (the simple mapping). Python's str.lower differs
# for two letters only: İ becomes "i" plus a combining dot, and a word-final Σ becomes ς.
# Mapping them first makes both give the same text for every letter.
_SIMPLE = str.maketrans({"\u0130": "i", "\u03a3": "\u03c3"})


def fold_case(text: str) -> str:
    return text.translate(_SIMPLE).lower()


def sql_lower(value: object) -> object:
    """SQLite's LOWER, replaced: any letter, not only ASCII ones (NULL stays NULL)."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return fold_case(str(value))
