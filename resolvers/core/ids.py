"""Reading global IDs from arguments: a wrong type name is simply not found."""

from __future__ import annotations

from strawberry import relay

from domain.shared.errors import DomainError, ErrorCode


def decode(gid: relay.GlobalID, type_name: str, field: str = "id") -> int:
    if gid.type_name != type_name:
        raise DomainError(ErrorCode.NOT_FOUND, field)
    try:
        return int(gid.node_id)
    except ValueError as exc:
        raise DomainError(ErrorCode.NOT_FOUND, field) from exc


def plain(value) -> int:
    """A plain (non-global) numeric id argument; anything else matches no row (-1)."""
    return int(value) if value is not None and str(value).isdigit() else -1
