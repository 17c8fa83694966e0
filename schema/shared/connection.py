"""Cursor pages of any output type.

Strawberry's relay.Connection only accepts relay.Node types; lists of audit entries, invoices,
price lists and outbox messages are paged the same way without being nodes. These generics
keep the names and descriptions Strawberry gives (`InvoiceConnection`, `InvoiceEdge`).
"""

from __future__ import annotations

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
