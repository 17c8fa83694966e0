"""Reading global IDs from arguments: an id of another type, or one that is not a row id,
is the client's mistake (INVALID_ID), told apart from a well-formed id that matches no row."""

from __future__ import annotations

from strawberry import relay

from domain.shared.errors import DomainError, ErrorCode
from schema.shared.ids import row_id


def decode(gid: relay.GlobalID, type_name: str, field: str = "id") -> int:
    if gid.type_name != type_name:
        raise DomainError(ErrorCode.INVALID_ID, field)
    return row_id(gid.node_id, field)


def plain(value) -> int:
    """A plain (non-global) numeric id argument; anything else matches no row (-1)."""
    text = str(value) if value is not None else ""
    if not (text.isascii() and text.isdigit()) or int(text) >= 2**31:
        return -1
    return int(text)
