"""What return (退换货) and ticket (投诉与反馈) mutations return."""

from __future__ import annotations

import strawberry

from schema.after_sales.types import ReturnRequest, Ticket
from schema.shared.errors import StockError
from schema.shared.payload import Payload


@strawberry.type
class ReturnPayload(Payload):
    return_request: ReturnRequest | None = None


@strawberry.type
class ReturnResolvePayload(Payload):
    errors: list[StockError] = strawberry.field(
        default_factory=list,
        description="Why nothing changed, empty when it succeeded: a plain refusal, or a "
        "replacement line short of stock.",
    )
    return_request: ReturnRequest | None = None


@strawberry.type
class TicketPayload(Payload):
    ticket: Ticket | None = None
