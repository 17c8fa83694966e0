"""Cursor pages of any output type.

Strawberry's relay.Connection wants its own resolvers; every list here is paged by one keyset
helper (resolvers/core/pagination.py) into these generics, which keep the names Strawberry
gives (`InvoiceConnection`, `InvoiceEdge`). `totalCount` runs its COUNT only when asked for.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry
from strawberry import relay

T = TypeVar("T")


@strawberry.type(description="An edge in a connection.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="A cursor for use in pagination")
    node: T = strawberry.field(description="The item at the end of the edge")


@strawberry.type(description="A connection to a list of items.")
class Connection(Generic[T]):
    page_info: relay.PageInfo = strawberry.field(description="Pagination data for this connection")
    edges: list[Edge[T]] = strawberry.field(description="Contains the nodes in this connection")
    count: strawberry.Private[Callable[[], Awaitable[int]] | None] = None

    @strawberry.field(description="How many items the whole list holds, over all its pages.")
    async def total_count(self) -> int:
        return await self.count() if self.count is not None else len(self.edges)
