"""Keyset (cursor) pagination over a queryset ordered by id: constant cost at any depth."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any, TypeVar

from strawberry import relay
from tortoise.queryset import QuerySet

from domain.shared.errors import DomainError, ErrorCode
from schema.shared.connection import Connection, Edge
from schema.shared.ids import MAX_ROW_ID

T = TypeVar("T")
MAX_PAGE = 100


def page_size(first: int | None, default: int = 20) -> int:
    """`first`, checked: a page of 1 to MAX_PAGE rows. Larger is an error that names the
    maximum rather than a silently shorter page a client would take for the end."""
    if first is None:
        return default
    if not 1 <= first <= MAX_PAGE:
        raise DomainError(
            ErrorCode.VALUE_OUT_OF_RANGE, "first", detail=f"first: 1–{MAX_PAGE}", max=MAX_PAGE
        )
    return first


def encode_cursor(row_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{row_id}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != "id" or not (value.isascii() and value.isdigit()):
            raise ValueError(cursor)
        row_id = int(value)
        if row_id > MAX_ROW_ID:
            raise ValueError(cursor)
        return row_id
    except ValueError as exc:
        raise DomainError(ErrorCode.INVALID, "after") from exc


async def paginate(
    qs: QuerySet,
    first: int | None,
    after: str | None,
    convert: Callable[[Any], T],
    newest_first: bool = True,
) -> Connection[T]:
    size = page_size(first)
    if after:
        last = decode_cursor(after)
        qs = qs.filter(id__lt=last) if newest_first else qs.filter(id__gt=last)
    rows = await qs.order_by("-id" if newest_first else "id").limit(size + 1)
    page = rows[:size]
    edges = [Edge(cursor=encode_cursor(r.id), node=convert(r)) for r in page]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=len(rows) > size,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
