"""The row id inside a global id. Every Node here is keyed by a 32-bit integer column."""

from __future__ import annotations

from domain.shared.errors import DomainError, ErrorCode

MAX_ROW_ID = 2**31 - 1


def row_id(node_id: str, field: str = "id") -> int:
    """Anything but a digit string in the column's range is the client's mistake."""
    if not (node_id.isascii() and node_id.isdigit()) or int(node_id) > MAX_ROW_ID:
        raise DomainError(ErrorCode.INVALID_ID, field)
    return int(node_id)
