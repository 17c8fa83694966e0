"""Keyset (cursor) pagination over a queryset ordered by id: constant cost at any depth.

One implementation for every paged list: `first`/`after` pages forward, `last`/`before`
backward, as the Relay connection spec has it.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import relay
from tortoise.queryset import QuerySet

from domain.shared.errors import DomainError, ErrorCode
from schema.shared.connection import Connection, Edge
from schema.shared.ids import MAX_ROW_ID

T = TypeVar("T")
MAX_PAGE = 100


@dataclass(frozen=True)
class Page:
    """A page request as the client sent it: `first`/`after` or `last`/`before`."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


def page_size(first: int | None, default: int = 20, field: str = "first") -> int:
    """`first` (or `last`), checked: a page of 1 to MAX_PAGE rows. Larger is an error that
    names the maximum rather than a silently shorter page a client would take for the end."""
    if first is None:
        return default
    if not 1 <= first <= MAX_PAGE:
        raise DomainError(
            ErrorCode.VALUE_OUT_OF_RANGE, field, detail=f"{field}: 1–{MAX_PAGE}", max=MAX_PAGE
        )
    return first


def encode_cursor(row_id: int, kind: str = "id") -> str:
    return base64.urlsafe_b64encode(f"{kind}:{row_id}".encode()).decode()


def decode_cursor(cursor: str, field: str = "after", expected: str = "id") -> int:
    """A cursor this API gave out: a row id ("id") or a position in a list ("at")."""
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if kind != expected or not (value.isascii() and value.isdigit()):
            raise ValueError(cursor)
        row_id = int(value)
        if row_id > MAX_ROW_ID:
            raise ValueError(cursor)
        return row_id
    except ValueError as exc:
        raise DomainError(ErrorCode.INVALID, field) from exc


async def paginate(
    qs: QuerySet,
    page: Page,
    convert: Callable[[Any], T],
    newest_first: bool = True,
    default: int = 20,
) -> Connection[T]:
    if page.first is not None and page.last is not None:
        raise DomainError(ErrorCode.INVALID, "last", detail="first and last together")
    backward = page.last is not None or (page.before is not None and page.first is None)
    size = page_size(page.last, default, "last") if backward else page_size(page.first, default)
    total = qs
    # "Later in the list" is a smaller id when the list runs newest first.
    later, earlier = ("id__lt", "id__gt") if newest_first else ("id__gt", "id__lt")
    if page.after:
        qs = qs.filter(**{later: decode_cursor(page.after, "after")})
    if page.before:
        qs = qs.filter(**{earlier: decode_cursor(page.before, "before")})
    forward_order = "-id" if newest_first else "id"
    if backward:
        reverse_order = "id" if newest_first else "-id"
        rows = list(reversed(await qs.order_by(reverse_order).limit(size + 1)))
        more = len(rows) > size
        page_rows = rows[1:] if more else rows
        has_next, has_previous = page.before is not None, more
    else:
        rows = await qs.order_by(forward_order).limit(size + 1)
        more = len(rows) > size
        page_rows = rows[:size]
        has_next, has_previous = more, page.after is not None
    edges = [Edge(cursor=encode_cursor(r.id), node=convert(r)) for r in page_rows]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=total.count,
    )


def _window(page: Page, total: int, default: int) -> tuple[range, bool, bool]:
    """The positions of a page in a list of `total` items, and whether pages follow/precede."""
    if page.first is not None and page.last is not None:
        raise DomainError(ErrorCode.INVALID, "last", detail="first and last together")
    backward = page.last is not None or (page.before is not None and page.first is None)
    size = page_size(page.last, default, "last") if backward else page_size(page.first, default)
    start = decode_cursor(page.after, "after", "at") + 1 if page.after else 0
    end = decode_cursor(page.before, "before", "at") if page.before else total
    end = max(start, min(end, total))
    if backward:
        low = max(start, end - size)
        return range(low, end), page.before is not None, low > start
    high = min(end, start + size)
    return range(start, high), high < end, page.after is not None


def _connection(edges: list[Edge[T]], has_next: bool, has_previous: bool, total: int):
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=has_next,
            has_previous_page=has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count=_constant(total),
    )


def paginate_list(items: Sequence[T], page: Page, default: int = 20) -> Connection[T]:
    """A list built in memory (merged from several tables), paged by position."""
    positions, has_next, has_previous = _window(page, len(items), default)
    edges = [Edge(cursor=encode_cursor(i, "at"), node=items[i]) for i in positions]
    return _connection(edges, has_next, has_previous, len(items))


async def paginate_ranked(
    fetch: Callable[[int, int], Awaitable[Sequence[T]]], total: int, page: Page, default: int = 20
) -> Connection[T]:
    """A ranking computed in SQL (an ORDER BY without an id to key on), paged by position:
    `fetch(offset, limit)` reads one page of the `total` items."""
    positions, has_next, has_previous = _window(page, total, default)
    items = await fetch(positions.start, len(positions)) if positions else []
    edges = [
        Edge(cursor=encode_cursor(i, "at"), node=item)
        for i, item in zip(positions, items, strict=False)
    ]
    return _connection(edges, has_next, has_previous, total)


def _constant(value: int) -> Callable[[], Awaitable[int]]:
    async def count() -> int:
        return value

    return count


First = Annotated[
    int | None,
    strawberry.argument(description=f"Page forward: at most this many items (1–{MAX_PAGE})."),
]
After = Annotated[
    str | None, strawberry.argument(description="Page forward from this cursor (an endCursor).")
]
Last = Annotated[
    int | None,
    strawberry.argument(description=f"Page backward: at most this many items (1–{MAX_PAGE})."),
]
Before = Annotated[
    str | None,
    strawberry.argument(description="Page backward from this cursor (a startCursor)."),
]
