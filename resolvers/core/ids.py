"""Reading global IDs from arguments, in one place: every ID argument is a `relay.GlobalID`
read here, so a malformed id, an id of another type or a raw row number is INVALID_ID naming
the argument, told apart from a well-formed id that matches no row (NOT_FOUND)."""

from __future__ import annotations

from strawberry import relay

from domain.shared.errors import DomainError, ErrorCode
from schema.shared.ids import row_id


def parse(value: str, field: str = "id") -> relay.GlobalID:
    """Any well-formed global id, of whatever type."""
    try:
        return relay.GlobalID.from_id(str(value))
    except (ValueError, TypeError) as exc:
        raise DomainError(ErrorCode.INVALID_ID, field) from exc


def decode(value: str, type_name: str, field: str = "id") -> int:
    """The row id inside a global id of `type_name`."""
    gid = parse(value, field)
    if gid.type_name != type_name:
        raise DomainError(ErrorCode.INVALID_ID, field)
    return row_id(gid.node_id, field)


def optional(value: str | None, type_name: str, field: str) -> int | None:
    return decode(value, type_name, field) if value is not None else None
